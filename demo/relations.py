"""Demo contact log (issue 23.7): about 40 contacts of the steering group across the demo
years, linked to the demo trajectories, consultations, an agenda item and a subject.

The register itself is seeded by demo/register.py (before the trajectories).
"""

import datetime
import random

from django.db import transaction
from django.db.models import Q

from advices.models import Trajectory
from demo.register import ZORG
from members.models import Member, User
from projectgroups.models import Participation
from relations.models import Organisation
from steering.models import Consultation, ContactLogEntry, SubjectProposal, WatchItem
from steering.services.relations import contact_log_record

FIRST_YEAR = 2021
STEERING_EMAIL = "stuurgroep@example.org"
SECRETARIAT_EMAIL = "secretaris@example.org"

# Once a year each: (organisation, month, subject, note)
YEARLY = [
    ("Cliëntenraad Groningen", 3, "Afstemming adviezen Participatiewet",
     "Afgesproken elkaar vooraf te informeren over adviezen op de Participatiewet (A2)."),
    ("WIJ Groningen", 5, "Ervaringen van inwoners met de WIJ-teams",
     "WIJ deelt signalen uit de wijken; wij nemen ze mee in de projectgroepen."),
    ("De Stem van Groningen", 9, "Samenwerking met andere participatievormen",
     "Agenda's naast elkaar gelegd; geen dubbele raadplegingen van inwoners."),
    ("Stadpanel Groningen", 10, "Uitkomsten stadpanel over zorg en welzijn",
     "De uitkomsten gebruiken we als achtergrond bij de lopende adviezen."),
    ("Politieke Woensdag", 11, "Inspreken op de Politieke Woensdag",
     "Twee leden lichten het jongste advies toe aan raadsleden."),
]  # fmt: skip


def _member(email: str) -> Member | None:
    return Member.objects.filter(user__email__iexact=email).first()


def _ours(day: datetime.date, trajectory: Trajectory | None, rng) -> list[Member]:
    """Who of ours: two of the project group, or the steering demo member and one other."""
    sitting = Member.objects.filter(start_date__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    if trajectory is not None and hasattr(trajectory, "project_group"):
        group = list(
            sitting.filter(
                participations__group=trajectory.project_group,
                participations__status=Participation.Status.CONFIRMED,
            ).order_by("pk")[:2]
        )
        if group:
            return group
    steering = _member(STEERING_EMAIL)
    others = list(sitting.order_by("pk")[:20])
    chosen = rng.sample(others, k=min(1, len(others)))
    return [m for m in [steering, *chosen] if m is not None and m.start_date <= day] or chosen


def _log(day, subject, note, *, organisations=(), persons=(), by, rng, **links) -> int:
    contact_log_record(
        data={"date": day, "subject": subject, "note": note, **links},
        ours=_ours(day, links.get("trajectory"), rng),
        organisations=organisations,
        contact_persons=persons,
        by=by,
    )
    return 1


def _trajectory_contacts(today, by, rng) -> int:
    added = 0
    trajectories = Trajectory.objects.select_related("municipal_contact__organisation")
    for trajectory in trajectories.order_by("received_on", "pk"):
        day = trajectory.received_on + datetime.timedelta(days=10)
        if day > today:
            continue
        contact = trajectory.municipal_contact
        if contact is not None:
            added += _log(
                day, f"Kennismaking adviesvraag: {trajectory.subject}"[:200],
                "Vraag, planning en de stukken doorgenomen met de beleidsmedewerker.",
                organisations=[contact.organisation], persons=[contact], by=by, rng=rng,
                trajectory=trajectory,
            )  # fmt: skip
        elif trajectory.law_participation:
            clients = Organisation.objects.get(name="Cliëntenraad Groningen")
            added += _log(
                day, f"Ongevraagd advies afgestemd: {trajectory.subject}"[:200],
                "De Cliëntenraad denkt mee over het onderwerp (A2).",
                organisations=[clients], by=by, rng=rng, trajectory=trajectory,
            )  # fmt: skip
    return added


def _yearly_contacts(today, by, rng) -> int:
    added = 0
    committee = Organisation.objects.get(kind=Organisation.Kind.COUNCIL)
    college = Organisation.objects.get(kind=Organisation.Kind.COLLEGE)
    for year in range(FIRST_YEAR, today.year + 1):
        turn = (year - FIRST_YEAR) * 2
        others = [YEARLY[1 + (turn + i) % (len(YEARLY) - 1)] for i in range(2)]
        for name, month, subject, note in [YEARLY[0], *others]:
            day = datetime.date(year, month, 12)
            if day > today:
                continue
            organisation = Organisation.objects.get(name=name)
            linked = (
                Trajectory.objects.filter(law_participation=True, received_on__year=year).first()
                if "Participatiewet" in subject
                else None
            )
            added += _log(
                day, subject, note, organisations=[organisation],
                persons=list(organisation.contact_persons.all()[:1]), by=by, rng=rng,
                trajectory=linked,
            )  # fmt: skip
        held = Consultation.objects.filter(
            kind=Consultation.Kind.ALDERMAN, held_on__year=year
        ).order_by("held_on")
        for consultation in held[: year % 2]:  # every other year
            added += _log(
                consultation.held_on, "Halfjaarlijks overleg met de wethouder (S7)",
                "Jaarplan en de adviezen van dit jaar besproken.",
                organisations=[college], persons=list(college.contact_persons.all()[:1]),
                by=by, rng=rng, consultation=consultation,
            )  # fmt: skip
    watched = WatchItem.objects.filter(source=WatchItem.Source.COUNCIL_AGENDA).first()
    if watched is not None:
        added += _log(
            today - datetime.timedelta(days=20), f"Raadsagenda: {watched.title}"[:200],
            "De commissiegriffier houdt ons op de hoogte van de behandeling in de raad.",
            organisations=[committee], persons=list(committee.contact_persons.all()[:1]),
            by=by, rng=rng, watch_item=watched,
        )  # fmt: skip
    subject = SubjectProposal.objects.order_by("created_at").first()
    if subject is not None:
        added += _log(
            min(today, subject.created_at.date() + datetime.timedelta(days=14)),
            f"Onderwerp van een lid verkend: {subject.title}"[:200],
            "Bij de programmamanager nagevraagd of het onderwerp op de agenda staat.",
            organisations=[Organisation.objects.get(name=ZORG)], by=by, rng=rng,
            subject_proposal=subject,
        )  # fmt: skip
    return added


def seed(today: datetime.date) -> int:
    """The contact log; nothing when it holds entries or the demo's register is not there
    (a database seeded before the register, whose migration added only the municipality:
    demo.register then adds nothing, and `make run` must still start)."""
    if (
        ContactLogEntry.objects.exists()
        or not Organisation.objects.filter(name="Cliëntenraad Groningen").exists()
    ):
        return 0
    by = (
        User.objects.filter(email__iexact=SECRETARIAT_EMAIL).first()
        or User.objects.filter(email__iexact=STEERING_EMAIL).first()
    )
    rng = random.Random(2323)
    with transaction.atomic():
        return _trajectory_contacts(today, by, rng) + _yearly_contacts(today, by, rng)
