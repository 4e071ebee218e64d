from .cases import Case, CaseAttachment, CaseEntry, SensitiveAccess, WebhookNonce
from .channel import Channel
from .consultations import Adaptation, Consultation, ConsultationInput, RepresentedGroup

__all__ = [
    "Adaptation",
    "Case",
    "CaseAttachment",
    "CaseEntry",
    "Channel",
    "Consultation",
    "ConsultationInput",
    "RepresentedGroup",
    "SensitiveAccess",
    "WebhookNonce",
]
