from .accounts import Invitation, Membership, Organisation, User
from .decisions import DecisionArea
from .mou import Mou, MouSignature
from .mou_documents import MouDocument
from .notifications import Notification, SentReminder
from .outbox import OutboxEmail
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
    "MouDocument",
    "ReflectionAnswer",
    "ReflectionQuestion",
    "ReflectionResponse",
    "ReflectionRound",
    "Invitation",
    "Membership",
    "Notification",
    "OutboxEmail",
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
