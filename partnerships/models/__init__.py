from .accounts import Invitation, Membership, Organisation, User
from .decisions import DecisionArea
from .mou import Mou, MouSignature
from .notifications import Notification
from .partnership import Partnership, PartnershipMember
from .reflection import (
    ReflectionAnswer,
    ReflectionQuestion,
    ReflectionResponse,
    ReflectionRound,
)

__all__ = [
    "DecisionArea",
    "Mou",
    "MouSignature",
    "ReflectionAnswer",
    "ReflectionQuestion",
    "ReflectionResponse",
    "ReflectionRound",
    "Invitation",
    "Membership",
    "Notification",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "User",
]
