from members.models.recruitment import Application, RecruitmentRound
from members.models.register import (
    IncompatibilityDeclaration,
    Member,
    PostcodeArea,
    TermExtensionRequest,
    Theme,
)
from members.models.user import User, UserManager

__all__ = [
    "Application",
    "IncompatibilityDeclaration",
    "Member",
    "PostcodeArea",
    "RecruitmentRound",
    "TermExtensionRequest",
    "Theme",
    "User",
    "UserManager",
]
