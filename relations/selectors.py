"""Reads of the register of relations (issue 23)."""

from django.db.models import QuerySet

from relations.models import ContactPerson, Organisation


def contact_persons_for_choice() -> QuerySet[ContactPerson]:
    """Every contact person, for choosing one from the register (23.3)."""
    return ContactPerson.objects.select_related("organisation").order_by("name", "organisation")


def organisations_with_rhythm() -> QuerySet[Organisation]:
    """Organisations with an agreed rhythm of contact (23.4)."""
    return Organisation.objects.filter(contacts_per_year__isnull=False)
