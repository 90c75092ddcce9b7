"""Administration: users, offices and the center's details."""

from desktop.ui.admin.screen import AdministrationScreen

__all__ = ["AdministrationScreen"]
