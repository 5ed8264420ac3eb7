"""Writes to the register of relations (issue 23)."""

from django.db import transaction

from relations.models import ContactPerson, Organisation


@transaction.atomic
def organisation_register(*, name: str, kind: str, **fields) -> Organisation:
    """The organisation called `name`, added to the register when it is not there yet."""
    organisation = Organisation.objects.select_for_update().filter(name=name.strip()).first()
    if organisation is None:
        organisation = Organisation(name=name.strip(), kind=kind, **fields)
        organisation.full_clean()
        organisation.save()
    return organisation


@transaction.atomic
def contact_person_register(
    *, organisation: Organisation, name: str, role: str = "", **fields
) -> ContactPerson:
    """One person, one record (23.3): the existing record of `name` at `organisation`,
    or a new one."""
    person = (
        ContactPerson.objects.select_for_update()
        .filter(organisation=organisation, name=name.strip())
        .first()
    )
    if person is None:
        person = ContactPerson(organisation=organisation, name=name.strip(), role=role, **fields)
        person.full_clean()
        person.save()
    return person
