"""Sitting members: terms and extensions (M7), declarations (M5), ending, consent."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.audit import audit_event_on_commit
from members.constraints import save_or_refuse
from members.mail import send_templated_mail
from members.models import IncompatibilityDeclaration, Member, TermExtensionRequest, User
from members.roles import MEMBER

REMINDER_DAYS = 61  # "within two months"


@transaction.atomic
def member_end(
    *, member: Member, on: datetime.date, reason: str, note: str = "", by: User | None = None
) -> Member:
    """End a membership with its reason; the account loses the member role."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.ended_on is not None:
        raise ValidationError(_("This membership has already ended."))
    if reason not in Member.EndReason.values:
        raise ValidationError({"end_reason": _("Choose a reason.")})
    on = max(on, member.start_date)
    if member.end_due_on is not None and on > member.end_due_on:  # M5
        raise ValidationError(
            {
                "ended_on": _(
                    # M5
                    "This member declared an incompatibility: the membership ends by "
                    "%(date)s at the latest."
                )
                % {"date": date_format(member.end_due_on)}
            }
        )
    member.ended_on = on
    member.end_reason = reason
    member.end_note = note
    member.save(update_fields=["ended_on", "end_reason", "end_note"])
    if member.user_id:
        member.user.groups.remove(Group.objects.get(name=MEMBER))
    audit_event_on_commit(
        "membership.ended", member=member, reason=reason, on=member.ended_on, by=by
    )
    return member


@transaction.atomic
def term_extension_request(
    *, member: Member, months: int, motivation: str = ""
) -> TermExtensionRequest:
    """A member asks to extend the term once, by 1 to 12 months (M7)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.ended_on is not None:
        raise ValidationError(_("Your membership has ended."))
    member_ensure_not_ending(member=member)  # M5: a membership that ends is not extended
    if member.extension_months:
        raise ValidationError(
            _("Your term has already been extended once; it cannot be extended again.")
        )
    if not 1 <= months <= 12:
        raise ValidationError({"months": _("An extension is 1 to 12 months.")})
    if member.extension_requests.filter(status=TermExtensionRequest.Status.PENDING).exists():
        raise ValidationError(_("You already asked for an extension; the secretariat will decide."))
    return TermExtensionRequest.objects.create(member=member, months=months, motivation=motivation)


@transaction.atomic
def term_extension_decide(
    *, request: TermExtensionRequest, grant: bool, by: User, reason: str = ""
) -> TermExtensionRequest:
    """The secretariat grants or refuses; granting extends the term, once (M7)."""
    request = TermExtensionRequest.objects.select_for_update().get(pk=request.pk)
    member = Member.objects.select_for_update().get(pk=request.member_id)
    if request.status != TermExtensionRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if grant and member.extension_months:
        # M7
        raise ValidationError(_("This term has already been extended once."))
    if grant:
        member_ensure_not_ending(member=member)  # M5
    if not grant and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for refusing.")})
    request.status = (
        TermExtensionRequest.Status.GRANTED if grant else TermExtensionRequest.Status.REFUSED
    )
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_reason = reason
    # Granting sets the member's extension (M7, members 0010); the database refuses an
    # extension shorter than the possible year under a seat that needs it (S1).
    save_or_refuse(request)
    if grant:
        member.refresh_from_db(fields=["extension_months", "term_end"])
    send_templated_mail(
        template="members/emails/extension_decided",
        to=[member.email],
        context={"member": member, "request": request},
    )
    return request


def member_ensure_not_ending(*, member: Member, field: str | None = None) -> None:
    """M5: a member marked to end takes up no new project group or seat, nor an extension.

    Called, with the member locked, by the services that create them (project-group
    sign-up and confirmation, steering seats, extensions); `field` names the form field.
    """
    if member.end_due_on is None or member.ended_on is not None:
        return
    message = _(
        # M5
        "This membership ends by %(date)s because of an incompatibility: no new "
        "project groups or seats."
    ) % {"date": date_format(member.end_due_on)}
    raise ValidationError({field: message} if field else message)


@transaction.atomic
def declaration_submit(
    *, member: Member, year: int, answers: dict[str, bool], today: datetime.date | None = None
) -> IncompatibilityDeclaration:
    """A sitting member's yearly M5 declaration.

    A "yes" marks the membership to end within ASDG_M5_END_WITHIN_DAYS: the secretariat
    confirms the end before then (member_end), else terms_daily ends it on that day.
    """
    today = today or timezone.localdate()
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.ended_on is not None:
        raise ValidationError(_("Your membership has ended."))
    if IncompatibilityDeclaration.objects.filter(member=member, year=year).exists():
        raise ValidationError(_("You already made your declaration for %(year)s.") % {"year": year})
    declaration = IncompatibilityDeclaration(member=member, year=year, **answers)
    declaration.full_clean(exclude=["member"])
    declaration.save()
    if not declaration.is_compatible and member.end_due_on is None:
        within = datetime.timedelta(days=settings.ASDG_M5_END_WITHIN_DAYS)
        member.end_due_on = max(today + within, member.start_date)
        member.save(update_fields=["end_due_on"])
        audit_event_on_commit("membership.marked_to_end", member=member, on=member.end_due_on)
    return declaration


@transaction.atomic
def declaration_delete(*, declaration: IncompatibilityDeclaration, by: User) -> None:
    """The secretariat removes a declaration made by mistake; the member declares again.

    A membership marked to end (M5) because of it is no longer marked, unless another
    declaration of the member still says yes.
    """
    member = Member.objects.select_for_update().get(pk=declaration.member_id)
    declaration.delete()
    still_incompatible = member.declarations.exclude(IncompatibilityDeclaration.compatible_q())
    if member.is_sitting and member.end_due_on and not still_incompatible.exists():
        member.end_due_on = None
        member.save(update_fields=["end_due_on"])
    audit_event_on_commit("declaration.deleted", member=member, by=by)


def terms_daily(*, today: datetime.date) -> dict[str, int]:
    """Remind members whose term ends within two months; end memberships whose term passed.

    Idempotent: a reminder is sent once per term end, and an ended membership stays ended.
    """
    reminded = ended = 0
    # M5: a membership marked to end and not ended by the secretariat ends on its day.
    # (A term that ends before that day ends as a term, below.)
    overdue = Member.objects.filter(
        ended_on__isnull=True, end_due_on__lt=today, term_end__gte=F("end_due_on")
    )
    for member in overdue:
        member_end(member=member, on=member.end_due_on, reason=Member.EndReason.INCOMPATIBLE)
        ended += 1
    horizon = today + datetime.timedelta(days=REMINDER_DAYS)
    due = Member.objects.filter(
        ended_on__isnull=True, term_end__gte=today, term_end__lte=horizon
    ).exclude(term_reminder_sent_on__isnull=False)
    for member_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            member = Member.objects.select_for_update().get(pk=member_id)
            if member.term_reminder_sent_on is not None:
                continue
            member.term_reminder_sent_on = today
            member.save(update_fields=["term_reminder_sent_on"])
            send_templated_mail(
                template="members/emails/term_ending",
                to=[member.email],
                context={"member": member},
            )
            reminded += 1
    for member in Member.objects.filter(ended_on__isnull=True, term_end__lt=today):
        member_end(member=member, on=member.term_end, reason=Member.EndReason.TERM_ENDED)
        ended += 1
    return {"reminded": reminded, "ended": ended}


def declarations_remind(*, today: datetime.date) -> int:
    """M5: once a year, remind sitting members who have not declared for this year yet."""
    year = today.year
    due = (
        Member.objects.filter(ended_on__isnull=True, start_date__lte=today)
        .exclude(declarations__year=year)
        .exclude(declaration_reminded_year=year)
    )
    reminded = 0
    for member_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            member = Member.objects.select_for_update().get(pk=member_id)
            if member.declaration_reminded_year == year:
                continue
            member.declaration_reminded_year = year
            member.save(update_fields=["declaration_reminded_year"])
            send_templated_mail(
                template="members/emails/declaration_reminder",
                to=[member.email],
                context={"member": member, "year": year},
            )
            reminded += 1
    return reminded


@transaction.atomic
def consent_withdraw(*, member: Member) -> Member:
    """Withdrawing consent deletes the special-category data it covered."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    member.cultural_background = ""
    member.special_consent_at = None
    member.special_consent_version = ""
    member.save(
        update_fields=["cultural_background", "special_consent_at", "special_consent_version"]
    )
    member.experience_themes.clear()
    return member
