"""Language courses: groups and their sessions, enrolment and the waiting list, the
attendance register, level tests and outcomes."""

from desktop.services.courses import assessments, enrolment, errors, groups, register

__all__ = ["assessments", "enrolment", "errors", "groups", "register"]
