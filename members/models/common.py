"""Fields and choices that applications and members share."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")
MINIMUM_AGE = 16  # Stadadviseert's ordinance: residents aged 16 and over.
CONSENT_VERSION = "2026-1"


def normalise_postcode(value: str) -> str:
    match = POSTCODE_RE.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, like 9712 AB."),
            code="postcode_format",
        )
    return f"{match.group(1)} {match.group(2).upper()}"


class OriginCouncil(models.TextChoices):
    """M10: the councils the founding members came from (start 1-1-2021)."""

    STADADVISEERT = "stadadviseert", "Stadadviseert"
    HAREN = "haren", _("Adviesraad Sociaal Domein Haren")
    TEN_BOER = "ten_boer", _("Adviesraad Sociaal Domein Ten Boer")


class CulturalBackground(models.TextChoices):
    """Origin as Statistics Netherlands groups it, so it compares with the population."""

    NETHERLANDS = "nl", _("Born in the Netherlands, both parents too")
    SECOND_GENERATION = "second", _("Born in the Netherlands, a parent born abroad")
    EUROPE = "europe", _("Born elsewhere in Europe")
    OUTSIDE_EUROPE = "outside_europe", _("Born outside Europe")


class IncompatibilityAnswers(models.Model):
    """M5: the four incompatibilities, asked in the guideline's words."""

    QUESTIONS = {
        "m5_council": _(
            "Are you a member of the municipal council, a council committee or the college?"
        ),
        "m5_employee": _("Are you employed by the municipality of Groningen?"),
        "m5_commercial": _("Do you carry out commercial activities in the social domain?"),
        "m5_political": _("Do you hold a representative political function?"),
    }
    EXPLANATIONS = {
        "m5_council": _(
            "Members of the municipal council, a council committee or the college cannot be "
            "members: the group advises that same college and council."
        ),
        "m5_employee": _(
            "People employed by the municipality of Groningen cannot be members: the group "
            "advises the municipality independently."
        ),
        "m5_commercial": _(
            "People who carry out commercial activities in the social domain cannot be "
            "members: their advice could serve their own business."
        ),
        "m5_political": _(
            "People who hold a representative political function cannot be members: the "
            "group gives independent advice, not party-political advice."
        ),
    }

    m5_council = models.BooleanField(QUESTIONS["m5_council"])
    m5_employee = models.BooleanField(QUESTIONS["m5_employee"])
    m5_commercial = models.BooleanField(QUESTIONS["m5_commercial"])
    m5_political = models.BooleanField(QUESTIONS["m5_political"])

    class Meta:
        abstract = True

    @classmethod
    def compatible_q(cls, prefix: str = "") -> models.Q:
        return models.Q(
            **{f"{prefix}{name}": False for name in cls.QUESTIONS},
        )

    @property
    def incompatibilities(self) -> list[str]:
        """The M5 rules this person's answers break, as explanations."""
        return [self.EXPLANATIONS[name] for name in self.QUESTIONS if getattr(self, name)]

    @property
    def is_compatible(self) -> bool:
        return not any(getattr(self, name) for name in self.QUESTIONS)
