"""The register of relations and the contact log (issue 23), each constraint violated once
(tests/asdg/test_constraints.py)."""

import datetime

from relations.models import ContactPerson, Organisation
from steering.models import ContactLogEntry
from tests.relations.factories import ContactPersonFactory, OrganisationFactory


def _twice(make):
    make()
    make()


VIOLATIONS = {
    "relation_organisation_has_a_name": lambda: OrganisationFactory(name=""),
    "relation_organisation_name_unique": lambda: _twice(
        lambda: Organisation.objects.create(name="WIJ Groningen", kind="care")
    ),
    "relation_rhythm_within_a_year": lambda: OrganisationFactory(contacts_per_year=0),
    "contact_person_has_a_name": lambda: ContactPersonFactory(name=""),
    "contact_person_once_per_organisation": lambda: (
        lambda person: ContactPerson.objects.create(
            organisation=person.organisation, name=person.name
        )
    )(ContactPersonFactory()),
    "contact_log_has_a_subject": lambda: ContactLogEntry.objects.create(
        date=datetime.date(2026, 3, 1), subject=""
    ),
}
