"""The dashboard: the manager's first screen (``screen.DashboardScreen``)."""

from db.models import Role
from desktop.services.access import Actor
from desktop.ui.dashboard.screen import DashboardScreen

__all__ = ["DashboardScreen", "leads"]


def leads(actor: Actor) -> bool:
    """Whether the dashboard is the first screen this user sees: a manager's, whose day
    starts with the figures (a caseworker's and an administrator's starts with Today)."""
    return actor.role == Role.MANAGER
