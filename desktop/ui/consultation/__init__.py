"""Recording a consultation, with the tasks and referrals agreed at it."""

from desktop.ui.consultation.dialog import ConsultationDialog

__all__ = ["ConsultationDialog"]
