"""Employment: the center's employers and their vacancies."""

from desktop.services.employment import employers, vacancies

__all__ = ["employers", "vacancies"]
