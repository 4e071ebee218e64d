from .accounts import Invitation, Membership, Organisation, User
from .notifications import Notification
from .partnership import Partnership, PartnershipMember

__all__ = [
    "Invitation",
    "Membership",
    "Notification",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "User",
]
