from .accounts import Invitation, Membership, Organisation, User
from .decisions import DecisionArea
from .mou import Mou, MouSignature
from .notifications import Notification, SentReminder
from .partnership import Partnership, PartnershipMember
from .reflection import (
    ReflectionAnswer,
    ReflectionQuestion,
    ReflectionResponse,
    ReflectionRound,
)
from .reporting import (
    MutualReport,
    Reminder,
    ReminderEmail,
    ReportAttachment,
    ReportComment,
    ReportingSchedule,
    ReportPeriod,
    ReportRead,
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
    "SentReminder",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "User",
    "MutualReport",
    "Reminder",
    "ReminderEmail",
    "ReportAttachment",
    "ReportComment",
    "ReportingSchedule",
    "ReportPeriod",
    "ReportRead",
]
