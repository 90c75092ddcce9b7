"""Registering a new client: ``IntakeDialog`` and the widgets it is made of."""

from desktop.ui.intake.dialog import IntakeDialog
from desktop.ui.intake.iin_field import IinField

__all__ = ["IinField", "IntakeDialog"]
