"""The member's right of access (GDPR art. 15): everything the register holds on them."""

from django.utils import timezone

from members.models import Application, Member
from members.models.common import IncompatibilityAnswers

PERSONAL_FIELDS = [
    "first_name", "last_name", "email", "phone", "street_address", "postcode",
    "date_of_birth", "network",
]  # fmt: skip


def _answers(row: IncompatibilityAnswers) -> dict:
    return {name: getattr(row, name) for name in IncompatibilityAnswers.QUESTIONS}


def _special_data(row) -> dict:
    """Cultural background and lived experience (GDPR art. 9), with the consent they rest on."""
    return {
        "cultural_background": row.cultural_background,
        "cultural_background_label": str(row.get_cultural_background_display()),
        "lived_experience": [theme.name for theme in row.experience_themes.all()],
        "consent_given_at": row.special_consent_at,
        "consent_wording_version": row.special_consent_version,
    }


def _application(application: Application | None) -> dict | None:
    # Who decided is left out: the steering group decides as a body (M3), and the name of
    # the person who recorded it is that person's data, kept for the secretariat's audit.
    if application is None:
        return None
    return {
        "recruitment_round": application.round.year,
        "submitted_at": application.submitted_at,
        **{name: getattr(application, name) for name in PERSONAL_FIELDS},
        "postcode_area": str(application.postcode_area),
        "motivation": application.motivation,
        "knowledge": [theme.name for theme in application.knowledge_themes.all()],
        "special_category_data": _special_data(application),
        "personal_capacity": application.personal_capacity,
        "incompatibility_answers": _answers(application),
        "decision": application.decision,
        "decision_label": str(application.get_decision_display()),
        "decided_at": application.decided_at,
        "decision_reason": application.decision_reason,
    }


def member_data_export(*, member: Member) -> dict:
    """Everything held on one member, ready for JSON (DjangoJSONEncoder for the dates)."""
    member = (
        Member.objects.select_related("postcode_area", "user")
        .prefetch_related("knowledge_themes", "experience_themes")
        .get(pk=member.pk)
    )
    application = (
        Application.objects.select_related("round", "postcode_area")
        .prefetch_related("knowledge_themes", "experience_themes")
        .filter(member=member)
        .first()
    )
    user = member.user
    return {
        "exported_at": timezone.now(),
        "account": None
        if user is None
        else {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "profile": {
            **{name: getattr(member, name) for name in PERSONAL_FIELDS},
            "postcode_area": str(member.postcode_area),
            "origin_council": member.origin_council,
            "knowledge": [theme.name for theme in member.knowledge_themes.all()],
        },
        "special_category_data": _special_data(member),
        "term": {
            "start_date": member.start_date,
            "term_years": member.term_years,
            "extension_months": member.extension_months,
            "term_end": member.term_end,
            "ended_on": member.ended_on,
            "end_reason": member.end_reason,
            "end_note": member.end_note,
            "term_reminder_sent_on": member.term_reminder_sent_on,
        },
        "declarations": [
            {"year": d.year, "declared_at": d.declared_at, **_answers(d)}
            for d in member.declarations.order_by("year")
        ],
        "extension_requests": [
            {
                "months": r.months,
                "motivation": r.motivation,
                "status": r.status,
                "requested_at": r.requested_at,
                "decided_at": r.decided_at,
                "decision_reason": r.decision_reason,
            }
            for r in member.extension_requests.order_by("requested_at")
        ],
        "application": _application(application),
    }
