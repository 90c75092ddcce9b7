"""The Today screen: the day's follow-ups, expiring documents and appointments."""

from desktop.ui.today.screen import TodayScreen

__all__ = ["TodayScreen"]
