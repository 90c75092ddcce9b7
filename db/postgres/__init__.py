"""What is PostgreSQL's own: its errors read into problems (``errors``); the twin of
``db.sqlite``."""
