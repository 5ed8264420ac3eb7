"""The one workflow of an advice trajectory, for every screen and script (A1–A3, S5),
and its publication on the website (A4)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advices.models import (
    ADOPTED_OR_LATER,
    CONSULTED_BEFORE_ADOPTION,
    ORDER,
    READY_BEFORE_ADOPTION,
    Advice,
    CollegeResponse,
    Status,
    Trajectory,
    TrajectoryEvent,
)
from advices.pdf import advice_pdf_forget
from advices.publication import publication_changed
from advices.search import search_document
from members.audit import audit_event
from members.models import User

OPEN = [status for status in ORDER if status != Status.CLOSED]


def next_status(current: str) -> str | None:
    if current not in ORDER or current == Status.CLOSED:
        return None
    return ORDER[ORDER.index(current) + 1]


def trajectory_adoption_check(*, trajectory: Trajectory, on: datetime.date) -> None:
    """A2: a Participatiewet subject is adopted only after the Clients' Council was
    consulted, on or before the day of the adopting meeting `on`."""
    if not trajectory.law_participation:
        return
    if trajectory.clients_council_consulted_on is None:
        raise ValidationError(
            _(
                # A2
                "This is a Participatiewet subject; record the consultation with the "
                "Clients' Council before the plenary adopts the advice."
            )
        )
    if trajectory.clients_council_consulted_on > on:
        raise ValidationError({"clients_council_consulted_on": CONSULTED_BEFORE_ADOPTION})


def trajectory_ready_check(*, trajectory: Trajectory) -> None:
    """S5: the plenary adopts only a draft its project group marked ready for the plenary."""
    if not Advice.objects.filter(trajectory=trajectory, ready_for_plenary=True).exists():
        raise ValidationError(READY_BEFORE_ADOPTION, code="s5_not_ready")


@transaction.atomic
def trajectory_advance(
    *,
    trajectory: Trajectory,
    to: str,
    by: User | None,
    note: str = "",
    on: datetime.date | None = None,
    reference: str = "",
) -> Trajectory:
    """Move a trajectory one step on. Any other step is refused, naming the missing one.

    `on` is the date of the step where one is recorded (adopted, sent); `reference` the
    plenary decision that adopted the advice (S5). The steering group's plenary decision
    and the project group's set-up call this service; it imports neither.
    """
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    current = trajectory.status
    if current in (Status.CLOSED, Status.WITHDRAWN):
        raise ValidationError(
            _("This trajectory is %(status)s: it cannot change any more.")
            % {"status": trajectory.get_status_display().lower()}
        )
    expected = next_status(current)
    if to != expected:
        raise ValidationError(
            _("This trajectory is at “%(current)s”; the next step is “%(expected)s”.")
            % {"current": Status(current).label, "expected": Status(expected).label}
        )
    on = on or timezone.localdate()
    if to == Status.ADOPTED:
        trajectory_adoption_check(trajectory=trajectory, on=on)
        trajectory_ready_check(trajectory=trajectory)
        if not reference.strip():
            raise ValidationError(
                # S5
                {"reference": _("Name the plenary decision that adopted the advice.")}
            )
        trajectory.adopted_on = on
        trajectory.adoption_reference = reference.strip()
        # S5: frozen as it was handed over; never marked ready here (the trigger
        # s5_adopted_only_when_ready and the constraint s5_adopted_advice_was_ready hold it).
        Advice.objects.filter(trajectory=trajectory).update(frozen=True)
    elif to == Status.SENT:
        trajectory.sent_on = on
    elif to == Status.RESPONDED and not hasattr(trajectory, "college_response"):
        # A3
        raise ValidationError(_("Record the college's response first."))
    trajectory.status = to
    trajectory.full_clean(exclude=["themes"])
    trajectory.save()
    TrajectoryEvent.objects.create(
        trajectory=trajectory, from_status=current, to_status=to, by=by, note=note
    )
    return trajectory


@transaction.atomic
def trajectory_withdraw(*, trajectory: Trajectory, by: User | None, reason: str) -> Trajectory:
    """Withdraw an open trajectory, with the reason."""
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if trajectory.status in (Status.CLOSED, Status.WITHDRAWN):
        raise ValidationError(_("Only an open trajectory can be withdrawn."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for withdrawing.")})
    current = trajectory.status
    trajectory.status = Status.WITHDRAWN
    trajectory.withdrawn_reason = reason.strip()
    # A4: only an adopted advice is published; a withdrawn one leaves the website.
    was_published = trajectory.published_at is not None
    trajectory.published_at = None
    trajectory.save(update_fields=["status", "withdrawn_reason", "published_at"])
    if was_published:
        _forget_published(trajectory, by=by, event="advice.unpublished")
    TrajectoryEvent.objects.create(
        trajectory=trajectory, from_status=current, to_status=Status.WITHDRAWN, by=by, note=reason
    )
    return trajectory


@transaction.atomic
def trajectory_create(*, data: dict, themes=(), by: User | None) -> Trajectory:
    """Record an advice request (A1) or an unsolicited subject; the timeline starts."""
    trajectory = Trajectory(**data)
    trajectory.full_clean(exclude=["themes"])
    trajectory.save()
    trajectory.themes.set(themes)
    Advice.objects.create(trajectory=trajectory)
    TrajectoryEvent.objects.create(trajectory=trajectory, to_status=Status.RECEIVED, by=by)
    return trajectory


# --- Publishing on the website (A4) ----------------------------------------------------

ONLY_ADOPTED_PUBLISHED = gettext_lazy(
    "Only an advice the plenary adopted can be published; this trajectory is at “%(current)s”."
)


def _search_document(trajectory: Trajectory):
    advice = Advice.objects.filter(trajectory=trajectory).first()
    recommendations = [r.text for r in advice.recommendations.all()] if advice else []
    themes = [theme.name for theme in trajectory.themes.all()]
    response = CollegeResponse.objects.filter(trajectory=trajectory).values_list("text", flat=True)
    return search_document(
        subject=trajectory.subject,
        question="\n".join([trajectory.summary, *themes, *recommendations]),
        body="\n".join(
            [advice.introduction, advice.way_of_working, advice.considerations] if advice else []
        ),
        response=response.first() or "",
    )


def advice_search_document_refresh(*, trajectory: Trajectory) -> None:
    """The stored search document of a published advice made again, after a change that
    it holds (the college's response letter, recorded or replaced after publication)."""
    if Trajectory.objects.filter(pk=trajectory.pk, published_at__isnull=False).exists():
        Trajectory.objects.filter(pk=trajectory.pk).update(
            search_document=_search_document(trajectory)
        )
        publication_changed()


@transaction.atomic
def advice_publish(
    *, trajectory: Trajectory, by: User | None, at: datetime.datetime | None = None
) -> Trajectory:
    """A4: put an adopted advice on the website, from `at` (default: now).

    Publishing twice is refused, naming the date it went online; to publish a new
    date, unpublish first. The cached pages and the feed follow at once.
    """
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if trajectory.status not in ADOPTED_OR_LATER:
        raise ValidationError(
            {"published_at": ONLY_ADOPTED_PUBLISHED % {"current": Status(trajectory.status).label}}
        )
    if trajectory.published_at is not None:
        raise ValidationError(
            {
                "published_at": _("This advice is already on the website (since %(date)s).")
                % {"date": date_format(timezone.localtime(trajectory.published_at))}
            }
        )
    trajectory.published_at = at or timezone.now()
    trajectory.save(update_fields=["published_at"])
    Trajectory.objects.filter(pk=trajectory.pk).update(search_document=_search_document(trajectory))
    publication_changed()
    audit_event("advice.published", actor=by, object=trajectory, at=str(trajectory.published_at))
    return trajectory


@transaction.atomic
def advice_unpublish(*, trajectory: Trajectory, by: User | None) -> Trajectory:
    """A4: take an advice off the website (its stored PDF goes too)."""
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if trajectory.published_at is None:
        raise ValidationError({"published_at": _("This advice is not on the website.")})
    trajectory.published_at = None
    trajectory.save(update_fields=["published_at"])
    _forget_published(trajectory, by=by, event="advice.unpublished")
    return trajectory


def _forget_published(trajectory: Trajectory, *, by: User | None, event: str) -> None:
    Trajectory.objects.filter(pk=trajectory.pk).update(search_document=None)
    transaction.on_commit(lambda: advice_pdf_forget(trajectory_pk=trajectory.pk))
    publication_changed()
    audit_event(event, actor=by, object=trajectory)
