"""The member's own data as people read it (GDPR art. 15, issue 16.6): the same export
as the JSON file (members.services.privacy.member_data_export), with a Dutch label for
each field and values written out (dates, yes/no, the names of choices).

One source for the page, the PDF and the file, so that they cannot drift apart.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Application, Member, TermExtensionRequest
from members.models.common import CulturalBackground, IncompatibilityAnswers, OriginCouncil

LABELS = {
    # sections
    "account": gettext_lazy("Your account"),
    "profile": gettext_lazy("Your details"),
    "special_category_data": gettext_lazy("Sensitive data (only with your consent)"),
    "term": gettext_lazy("Your term"),
    "declarations": gettext_lazy("Your yearly declarations"),
    "extension_requests": gettext_lazy("Your requests to extend the term"),
    "application": gettext_lazy("Your application"),
    # fields
    "exported_at": gettext_lazy("Drawn up on"),
    "email": gettext_lazy("E-mail address"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "date_joined": gettext_lazy("Account made on"),
    "last_login": gettext_lazy("Last logged in"),
    "phone": gettext_lazy("Phone number"),
    "street_address": gettext_lazy("Address"),
    "postcode": gettext_lazy("Postcode"),
    "date_of_birth": gettext_lazy("Date of birth"),
    "network": gettext_lazy("Network"),
    "postcode_area": gettext_lazy("Area"),
    "origin_council": gettext_lazy("Came from"),
    "knowledge": gettext_lazy("Knowledge"),
    "cultural_background": gettext_lazy("Cultural background"),
    "lived_experience": gettext_lazy("Lived experience"),
    "consent_given_at": gettext_lazy("Consent given on"),
    "consent_wording_version": gettext_lazy("Version of the consent text"),
    "start_date": gettext_lazy("Start of term"),
    "term_years": gettext_lazy("Term in years"),
    "extension_months": gettext_lazy("Extension in months"),
    "term_end": gettext_lazy("End of term"),
    "ended_on": gettext_lazy("Membership ended on"),
    "end_reason": gettext_lazy("Reason the membership ended"),
    "end_note": gettext_lazy("Note on the end"),
    "term_reminder_sent_on": gettext_lazy("Reminder about the end of term sent on"),
    "year": gettext_lazy("Year"),
    "declared_at": gettext_lazy("Declared on"),
    "months": gettext_lazy("Months"),
    "motivation": gettext_lazy("Motivation"),
    "status": gettext_lazy("Status"),
    "requested_at": gettext_lazy("Requested on"),
    "decided_at": gettext_lazy("Decided on"),
    "decision_reason": gettext_lazy("Reason for the decision"),
    "recruitment_round": gettext_lazy("Recruitment round"),
    "submitted_at": gettext_lazy("Sent on"),
    "personal_capacity": gettext_lazy("In a personal capacity"),
    "incompatibility_answers": gettext_lazy("Answers on other positions"),
    "decision": gettext_lazy("Decision"),
    **IncompatibilityAnswers.QUESTIONS,
}
# Stored codes and the names people read.
CHOICES = {
    "origin_council": OriginCouncil,
    "cultural_background": CulturalBackground,
    "end_reason": Member.EndReason,
    "status": TermExtensionRequest.Status,
    "decision": Application.Decision,
}


@dataclass
class Part:
    """A titled list of (label, value) rows, and parts within it (a list of records)."""

    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    parts: list["Part"] = field(default_factory=list)


def readable_value(key: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if key in CHOICES:
        try:
            return str(CHOICES[key](value).label)
        except ValueError:
            return str(value)
    return str(value)


def readable_part(title: str, data: dict) -> Part:
    part = Part(str(title))
    for key, value in data.items():
        if key.endswith("_label"):
            continue  # the code's name, which readable_value gives
        label = str(LABELS.get(key, key.replace("_", " ")))
        if isinstance(value, dict):
            part.parts.append(readable_part(label, value))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            part.parts += [
                readable_part(f"{label} ({number})", item)
                for number, item in enumerate(value, start=1)
            ]
        else:
            part.rows.append((label, readable_value(key, value)))
    return part


def member_data_readable(export: dict) -> list[Part]:
    """The export's sections in order; an empty section says "—"."""
    parts = []
    for key, value in export.items():
        if key == "exported_at":
            continue
        title = str(LABELS.get(key, key))
        if isinstance(value, dict):
            parts.append(readable_part(title, value))
        elif isinstance(value, list):
            part = Part(title)
            part.parts = [
                readable_part(f"{title} ({number})", item)
                for number, item in enumerate(value, start=1)
            ]
            if not value:
                part.rows.append((_("None"), "—"))
            parts.append(part)
        else:
            parts.append(Part(title, [(_("None"), "—")]))
    return parts
