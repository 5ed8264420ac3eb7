"""Issue 23.7: seed_demo fills the register and about 40 contacts across the demo years,
linked to the demo trajectories."""

import pytest
from django.utils import timezone

from advices.models import Trajectory
from projectgroups.models import ProjectGroup
from relations.models import ContactPerson, Organisation
from steering.models import ContactLogEntry
from tests.fuzz.conftest import demo_media, demo_world  # noqa: F401 (the seeded demo)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_world")]


def test_23_7_the_demo_register_holds_the_public_organisations_of_the_issue():
    names = set(Organisation.objects.values_list("name", flat=True))
    for expected in (
        "Cliëntenraad Groningen", "WIJ Groningen", "Stadpanel Groningen",
        "De Stem van Groningen", "Politieke Woensdag",
    ):  # fmt: skip
        assert expected in names
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {"council", "college", "department", "participation"} <= kinds
    assert ContactPerson.objects.exclude(role="").count() == ContactPerson.objects.count()


def test_23_7_about_forty_contacts_across_the_demo_years_linked_to_trajectories():
    entries = ContactLogEntry.objects.all()
    assert 35 <= entries.count() <= 50
    years = set(entries.values_list("date__year", flat=True))
    assert set(range(2021, timezone.localdate().year + 1)) <= years
    assert entries.filter(trajectory__isnull=False).count() >= 20
    assert entries.filter(consultation__isnull=False).exists()
    assert all(entry.ours.exists() for entry in entries)


def test_23_3_demo_trajectories_and_groups_use_register_records():
    requested = Trajectory.objects.filter(kind=Trajectory.Kind.REQUESTED)
    assert not requested.filter(municipal_contact__isnull=True).exists()
    assert not ProjectGroup.objects.filter(policy_officers__isnull=True).exists()
    # one person, one record: no name twice in the register
    names = list(ContactPerson.objects.values_list("name", flat=True))
    assert len(names) == len(set(names))
