"""The client file: one window per person, with a tab for each side of their case."""

from desktop.ui.client_file.window import TABS, ClientFileWindow

__all__ = ["TABS", "ClientFileWindow"]
