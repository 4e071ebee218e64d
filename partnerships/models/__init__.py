from .accounts import Invitation, Membership, Organisation, User
from .actions import AgreedAction
from .api_tokens import ApiToken
from .calendar import CalendarFeed
from .decisions import DecisionArea
from .interventions import JointIntervention
from .membership_consent import MemberRemoval, PartnershipEvent, PartnershipInvitation
from .mou import Mou, MouSignature
from .mou_documents import MouDocument
from .notifications import Notification, SentReminder
from .organisation_admin import OrganisationEvent
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
from .symmetry import ReportingExemption

__all__ = [
    "AgreedAction",
    "ApiToken",
    "CalendarFeed",
    "JointIntervention",
    "MemberRemoval",
    "OrganisationEvent",
    "PartnershipEvent",
    "PartnershipInvitation",
    "ReportingExemption",
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
