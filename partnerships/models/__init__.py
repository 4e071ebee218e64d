from .accounts import Invitation, Membership, Organisation, User
from .notifications import Notification
from .partnership import Partnership, PartnershipMember
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
    "Invitation",
    "Membership",
    "Notification",
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
