"""Recruitment (M2), applications (M4–M6) and the steering group's decisions (M3)."""

import datetime

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from members.audit import audit_event_on_commit
from members.mail import send_templated_mail
from members.models import Application, Member, PostcodeArea, RecruitmentRound, Theme, User
from members.models.common import CONSENT_VERSION, MINIMUM_AGE, normalise_postcode
from members.roles import MEMBER

DEFAULT_TERM_YEARS = 4


def round_open_on(day: datetime.date) -> RecruitmentRound | None:
    return RecruitmentRound.objects.filter(opens_on__lte=day, closes_on__gte=day).first()


def round_next_after(day: datetime.date) -> RecruitmentRound | None:
    return RecruitmentRound.objects.filter(opens_on__gt=day).order_by("opens_on").first()


def postcode_area_for(postcode: str) -> tuple[str, PostcodeArea]:
    """The normalised postcode and its area; refuses addresses outside the municipality (M4)."""
    try:
        normalised = normalise_postcode(postcode)
    except ValidationError as error:
        raise ValidationError({"postcode": error.messages}) from error
    area = PostcodeArea.objects.filter(digits=normalised[:4]).first()
    if area is None:
        raise ValidationError(
            {
                "postcode": _(
                    "This postcode is not in the municipality of Groningen. Only residents of "
                    "the municipality (the city, former Haren and former Ten Boer) can apply."
                )
            }
        )
    return normalised, area


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    return (
        day.year
        - date_of_birth.year
        - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
    )


@transaction.atomic
def application_submit(
    *,
    round: RecruitmentRound,
    data: dict,
    knowledge_themes: list[Theme],
    experience_themes: list[Theme],
    special_consent: bool,
    today: datetime.date | None = None,
) -> Application:
    """Save an application. An incompatible (M5) one is saved too, marked ineligible."""
    today = today or timezone.localdate()
    round = RecruitmentRound.objects.select_for_update().get(pk=round.pk)
    if not round.is_open_on(today):  # M2
        raise ValidationError(_("Applications for this round are closed."))
    errors = {}
    data = dict(data)
    try:
        data["postcode"], data["postcode_area"] = postcode_area_for(data.get("postcode", ""))
    except ValidationError as error:
        errors.update(error.message_dict)
    if data.get("date_of_birth") and age_on(data["date_of_birth"], today) < MINIMUM_AGE:
        errors["date_of_birth"] = [
            _("You can apply from the age of %(age)s.") % {"age": MINIMUM_AGE}
        ]
    if not data.get("personal_capacity"):  # M6
        errors["personal_capacity"] = [
            _("Membership is personal: please confirm you take part in a personal capacity.")
        ]
    if (data.get("cultural_background") or experience_themes) and not special_consent:
        errors["special_consent"] = [
            _(
                "You gave your cultural background or lived experience. Tick the consent box, "
                "or leave those questions empty."
            )
        ]
    email = data.get("email", "").strip().lower()
    data["email"] = email
    if round.applications.filter(email__iexact=email).exists():
        errors["email"] = [
            _("An application with this e-mail address has already been received in this round.")
        ]
    if errors:
        raise ValidationError(errors)
    if special_consent and (data.get("cultural_background") or experience_themes):
        data["special_consent_at"] = timezone.now()
        data["special_consent_version"] = CONSENT_VERSION
    else:
        data["cultural_background"] = ""
        experience_themes = []
    application = Application(round=round, **data)
    application.full_clean(exclude=["postcode_area"])
    application.save()
    application.knowledge_themes.set(knowledge_themes)
    application.experience_themes.set(experience_themes)
    send_templated_mail(
        template="members/emails/application_received",
        to=[application.email],
        context={"application": application, "round": round},
    )
    return application


def _set_password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def application_decide(
    *,
    application: Application,
    decision: str,
    by: User,
    reason: str,
    start_date: datetime.date | None = None,
    term_years: int = DEFAULT_TERM_YEARS,
    site_url: str = "",
) -> Member | None:
    """M3: admit, decline or put on the reserve list, once; admitting creates the member.

    Two people deciding at once: the row lock makes the second see the first's decision.
    """
    if not by.has_perm("members.decide_application"):
        raise PermissionDenied
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.decision not in (Application.Decision.PENDING, Application.Decision.RESERVE):
        raise ValidationError(
            _("This application was already decided: %(decision)s.")
            % {"decision": application.get_decision_display().lower()}
        )
    if decision not in Application.Decision.values or decision == Application.Decision.PENDING:
        raise ValidationError({"decision": _("Choose admitted, declined or reserve list.")})
    if decision == application.decision:
        raise ValidationError({"decision": _("The application is on the reserve list already.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this decision.")})
    if decision == Application.Decision.ADMITTED and not application.is_eligible:  # M5
        raise ValidationError(
            {"decision": _("This applicant is ineligible and cannot be admitted.")}
        )
    if decision == Application.Decision.RESERVE and not application.is_eligible:  # M5
        raise ValidationError(
            {
                "decision": _(
                    # M5
                    "This applicant is ineligible and cannot be put on the reserve list."
                )
            }
        )
    application.decision = decision
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decision_reason = reason.strip()
    member = None
    if decision == Application.Decision.ADMITTED:
        member = _admit(application, start_date or timezone.localdate(), term_years)
        application.member = member
    application.save()
    audit_event_on_commit(
        "application.decided", application=application, decision=decision, by=by, member=member
    )
    context = {"application": application, "member": member, "site_url": site_url}
    if member is not None:
        context["set_password_url"] = site_url + _set_password_link(member.user)
    send_templated_mail(
        template=f"members/emails/application_{decision}",
        to=[application.email],
        context=context,
    )
    return member


def _admit(application: Application, start_date: datetime.date, term_years: int) -> Member:
    fields = [
        "first_name", "last_name", "email", "phone", "street_address", "postcode",
        "postcode_area", "date_of_birth", "network", "cultural_background",
        "special_consent_at", "special_consent_version",
    ]  # fmt: skip
    member = Member(
        **{name: getattr(application, name) for name in fields},
        start_date=start_date,
        term_years=term_years,
    )
    member.full_clean(exclude=["user", "postcode_area"])
    user = User.objects.filter(email__iexact=application.email).first()
    if user is None:
        user = User.objects.create_user(
            application.email,
            None,
            first_name=application.first_name,
            last_name=application.last_name,
        )
    user.groups.add(Group.objects.get(name=MEMBER))
    member.user = user
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as error:
        raise ValidationError(
            _("There is already a sitting member with this e-mail address.")
        ) from error
    member.knowledge_themes.set(application.knowledge_themes.all())
    member.experience_themes.set(application.experience_themes.all())
    return member
