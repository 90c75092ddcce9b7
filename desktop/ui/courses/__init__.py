"""The language courses: groups, their register of attendance, enrolment and outcomes."""
