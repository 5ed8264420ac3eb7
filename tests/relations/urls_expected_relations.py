"""The register of relations and the contact log (issue 23.6).

The Stuurgroep and the Secretariaat keep the register and the log in the admin (view,
add, change; only the Secretariaat deletes). Every signed-in user opens the portal's page
of contacts, which shows each role only what it may see (tests/steering/test_relations.py).
"""

from tests.url_matrix import OK, SEC, STUUR, logged_in

PAGES = {
    "steering_relations:contacts": ({}, logged_in(OK)),
}


def _organisation():
    from tests.relations.factories import OrganisationFactory

    return OrganisationFactory()


def _contact_person():
    from tests.relations.factories import ContactPersonFactory

    return ContactPersonFactory()


def _contact_log_entry():
    import datetime

    from steering.models import ContactLogEntry

    entry = ContactLogEntry.objects.create(date=datetime.date(2026, 3, 1), subject="Overleg")
    entry.organisations.add(_organisation())
    return entry


ADMIN_OBJECTS = {
    "relations.organisation": _organisation,
    "relations.contactperson": _contact_person,
    "steering.contactlogentry": _contact_log_entry,
}

ADMIN_RIGHTS = {
    "relations.organisation": {STUUR: "vac", SEC: "vacd"},
    "relations.contactperson": {STUUR: "vac", SEC: "vacd"},
    "steering.contactlogentry": {STUUR: "vac", SEC: "vacd"},
}
