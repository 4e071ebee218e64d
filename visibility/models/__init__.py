from .activity import Communication, EventAttendance, ForumEvent, Introduction
from .fora import Forum, ForumRole, ForumSupport, PartnershipForum
from .public import Endorsement, PartnershipPage, PartnershipPageApproval, PublicProfile
from .results import Credit, Result

__all__ = [
    "Communication",
    "Credit",
    "Endorsement",
    "EventAttendance",
    "Forum",
    "ForumEvent",
    "ForumRole",
    "ForumSupport",
    "Introduction",
    "PartnershipForum",
    "PartnershipPage",
    "PartnershipPageApproval",
    "PublicProfile",
    "Result",
]
