from .assessment import Assessment, AssessmentRound, Score
from .framework import Domain, Framework, Item, Level
from .peer import LearningExchange, Mentorship, MentorshipSession, PeerOrganisation
from .plan import CapacityAction, LearningNeed
from .target import TargetGroupActivity

__all__ = [
    "Assessment",
    "AssessmentRound",
    "CapacityAction",
    "Domain",
    "Framework",
    "Item",
    "LearningExchange",
    "LearningNeed",
    "Level",
    "Mentorship",
    "MentorshipSession",
    "PeerOrganisation",
    "Score",
    "TargetGroupActivity",
]
