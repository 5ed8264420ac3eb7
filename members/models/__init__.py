from members.models.notifications import Notification, Topic
from members.models.outbox import OutgoingMail
from members.models.recruitment import Application, RecruitmentRound
from members.models.register import (
    IncompatibilityDeclaration,
    Member,
    PostcodeArea,
    TermExtensionRequest,
    Theme,
)
from members.models.user import MailPreference, User, UserManager

__all__ = [
    "Application",
    "IncompatibilityDeclaration",
    "MailPreference",
    "Member",
    "Notification",
    "OutgoingMail",
    "PostcodeArea",
    "RecruitmentRound",
    "TermExtensionRequest",
    "Theme",
    "Topic",
    "User",
    "UserManager",
]
