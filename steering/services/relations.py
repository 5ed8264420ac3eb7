"""Writes of the contact log and the retention of the register of relations (issue 23)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from advices.models import Status, Trajectory
from members.models import User
from projectgroups.models import ProjectGroup
from relations.models import ContactPerson
from steering.models import ContactLogEntry


def contact_log_check_with_whom(*, organisations, contact_persons) -> None:
    """23.2: a contact is with someone: an organisation, a contact person, or both."""
    if not organisations and not contact_persons:
        raise ValidationError(
            {"organisations": _("Choose the organisation or the contact persons you spoke with.")}
        )


@transaction.atomic
def contact_log_record(
    *, data: dict, ours, organisations=(), contact_persons=(), by: User | None
) -> ContactLogEntry:
    """23.2: log a contact: when, who of ours, with whom, about what."""
    contact_log_check_with_whom(organisations=organisations, contact_persons=contact_persons)
    entry = ContactLogEntry(**data, recorded_by=by)
    entry.full_clean()
    entry.save()
    entry.ours.set(ours)
    entry.organisations.set(organisations)
    entry.contact_persons.set(contact_persons)
    return entry


def contact_persons_to_delete(*, today: datetime.date):
    """23.1: contact persons linked to nothing recent: no contact logged, no project group
    active or dissolved, no trajectory open or received, and not added themselves, within
    the last ASDG_RELATIONS_RETENTION_DAYS. Exactly that many days ago still counts as
    recent; a day earlier does not."""
    cutoff = today - datetime.timedelta(days=settings.ASDG_RELATIONS_RETENTION_DAYS)
    recent = (
        Q(created_at__date__gte=cutoff)
        | Q(contact_log_entries__date__gte=cutoff)
        | Q(project_groups__dissolved_on__isnull=False, project_groups__dissolved_on__gte=cutoff)
        | Q(project_groups__in=ProjectGroup.objects.filter(dissolved_on__isnull=True))
        | Q(trajectories__received_on__gte=cutoff)
        | Q(
            trajectories__in=Trajectory.objects.exclude(
                status__in=[Status.CLOSED, Status.WITHDRAWN]
            )
        )
    )
    keep = ContactPerson.objects.filter(recent).values("pk")
    return ContactPerson.objects.exclude(pk__in=keep)


@transaction.atomic
def relations_retention_apply(*, today: datetime.date) -> int:
    """23.1: delete the contact persons linked to nothing recent (privacy: legitimate
    interest holds only while the relation is alive). Idempotent."""
    _total, per_model = contact_persons_to_delete(today=today).delete()
    return per_model.get(ContactPerson._meta.label, 0)
