"""Reads of the contact log and the register of relations (issue 23)."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.models import User
from projectgroups.models import Participation, ProjectGroup
from relations.models import ContactPerson, Organisation
from relations.selectors import organisations_with_rhythm
from steering.models import ContactLogEntry


def _entries() -> QuerySet[ContactLogEntry]:
    return ContactLogEntry.objects.prefetch_related(
        "ours", "organisations", "contact_persons__organisation"
    ).order_by("date", "pk")


def contact_log_of_trajectory(trajectory) -> QuerySet[ContactLogEntry]:
    """23.2: the trajectory's contacts, oldest first."""
    return _entries().filter(trajectory=trajectory)


def contact_log_of_organisation(organisation: Organisation) -> QuerySet[ContactLogEntry]:
    """23.2: the contacts with the organisation or one of its people, oldest first."""
    return (
        _entries()
        .filter(Q(organisations=organisation) | Q(contact_persons__organisation=organisation))
        .distinct()
    )


def entries_with(organisation_pks) -> Q:
    return Q(organisations__in=organisation_pks) | Q(
        contact_persons__organisation__in=organisation_pks
    )


# --- Attention (23.4) ------------------------------------------------------------------


@dataclass(frozen=True)
class LapsedRelation:
    organisation: Organisation
    last_contact: datetime.date | None
    due_on: datetime.date | None  # None: never in contact

    @property
    def message(self) -> str:
        if self.last_contact is None:
            return _("%(name)s: no contact logged yet") % {"name": self.organisation}
        return _("%(name)s: last contact %(last)s, due %(due)s") % {
            "name": self.organisation,
            "last": date_format(self.last_contact),
            "due": date_format(self.due_on),
        }


def lapsed_relations(today: datetime.date) -> list[LapsedRelation]:
    """23.4: organisations whose agreed rhythm has lapsed.

    With n contacts a year the next contact is due 365 // n days after the last one (with
    the organisation or one of its contact persons, up to today). A contact exactly that
    many days ago is still in time; a day later it is not. Never in contact: lapsed.
    One query, whatever the number of organisations.
    """
    organisations = organisations_with_rhythm().annotate(
        last_direct=Max(
            "contact_log_entries__date", filter=Q(contact_log_entries__date__lte=today)
        ),
        last_via_person=Max(
            "contact_persons__contact_log_entries__date",
            filter=Q(contact_persons__contact_log_entries__date__lte=today),
        ),
    )
    lapsed = []
    for organisation in organisations.order_by("name"):
        dates = [d for d in (organisation.last_direct, organisation.last_via_person) if d]
        last = max(dates) if dates else None
        due = organisation.rhythm_due(last) if last else None
        if last is None or today > due:
            lapsed.append(LapsedRelation(organisation, last, due))
    return lapsed


# --- What a member sees (23.6) -------------------------------------------------------


def _own_groups(user: User) -> QuerySet[ProjectGroup]:
    return ProjectGroup.objects.filter(
        participations__member__user=user,
        participations__status=Participation.Status.CONFIRMED,
    )


def contacts_visible_to(user: User) -> QuerySet[ContactPerson]:
    """23.6: a member sees the contact persons linked to the trajectory of a project group
    they take part in (its contact at the municipality, the group's policy officers and
    the people of the contacts logged for it); whoever sees the register sees everyone.

    The same predicate serves the list and the check, so the two cannot drift.
    """
    people = ContactPerson.objects.select_related("organisation").order_by(
        "organisation__name", "name"
    )
    if user.has_perm("relations.view_contactperson"):
        return people
    if not user.is_authenticated:
        return people.none()
    groups = _own_groups(user)
    return people.filter(
        Q(trajectories__project_group__in=groups)
        | Q(project_groups__in=groups)
        | Q(contact_log_entries__trajectory__project_group__in=groups)
    ).distinct()


def organisations_visible_to(user: User) -> QuerySet[Organisation]:
    """23.6: the organisations of the contacts the user may see, and for a member the
    organisations logged as contacts for their group's trajectory."""
    if user.has_perm("relations.view_organisation"):
        return Organisation.objects.order_by("name")
    if not user.is_authenticated:
        return Organisation.objects.none()
    groups = _own_groups(user)
    return (
        Organisation.objects.filter(
            Q(contact_persons__in=contacts_visible_to(user))
            | Q(contact_log_entries__trajectory__project_group__in=groups)
        )
        .distinct()
        .order_by("name")
    )


# --- The annual report (23.5) ----------------------------------------------------------


@dataclass(frozen=True)
class ContactFigures:
    total: int
    per_kind: list[tuple[str, int]]  # (kind label, contacts), every kind, in the kinds' order
    participation_bodies: list[str]  # organisations, never private persons


def contact_figures(first: datetime.date, last: datetime.date) -> ContactFigures:
    """23.5: contacts in the period per kind of organisation (a contact with two kinds
    counts once for each), and the participation bodies coordinated with. Counts only:
    no names of persons. Two queries."""
    entries = ContactLogEntry.objects.filter(date__range=(first, last))
    pairs = set()
    bodies = set()
    rows = entries.values_list(
        "pk", "organisations__kind", "organisations__name",
        "contact_persons__organisation__kind", "contact_persons__organisation__name",
    )  # fmt: skip
    for pk, kind, name, person_kind, person_org in rows:
        for k, n in ((kind, name), (person_kind, person_org)):
            if k:
                pairs.add((pk, k))
                if k == Organisation.Kind.PARTICIPATION:
                    bodies.add(n)
    counts = Counter(kind for _pk, kind in pairs)
    return ContactFigures(
        total=entries.count(),
        per_kind=[(str(kind.label), counts.get(kind.value, 0)) for kind in Organisation.Kind],
        participation_bodies=sorted(bodies),
    )
