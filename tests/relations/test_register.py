"""The register of relations (issue 23.1, 23.3): business data only, one person one
record, and the free text of before turned into records."""

import pytest
from django.apps import apps
from django.urls import reverse

from relations.legacy import MUNICIPALITY, register_people, split_people
from relations.models import ContactPerson, Organisation
from relations.services import contact_person_register, organisation_register
from tests.advices.factories import TrajectoryFactory
from tests.advices.test_admin import _post_change
from tests.relations.factories import ContactPersonFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_23_1_a_contact_person_holds_business_details_only():
    fields = {field.name for field in ContactPerson._meta.concrete_fields}
    assert fields == {"id", "organisation", "name", "role", "email", "phone", "created_at"}


def test_23_1_the_admin_states_the_privacy_basis_and_the_retention(secretariat_client):
    html = secretariat_client.get(reverse("admin:relations_contactperson_add")).content.decode()
    assert "gerechtvaardigd belang" in html  # the admin is Dutch
    assert "na de bewaartermijn automatisch verwijderd" in html or "automatisch" in html


def test_23_3_one_person_one_record():
    municipality = organisation_register(name="Gemeente Groningen", kind="department")
    first = contact_person_register(organisation=municipality, name="M. de Wit", role="Wmo")
    again = contact_person_register(organisation=municipality, name=" M. de Wit ")
    assert first == again
    assert ContactPerson.objects.count() == 1


def test_23_3_free_text_names_become_register_records_once():
    """The data migrations' core: names in free text become records, one per person."""
    assert split_people("M. de Wit (beleid Wmo)\nJ. Hoekstra; ") == [
        ("M. de Wit", "beleid Wmo"),
        ("J. Hoekstra", ""),
    ]
    first = register_people(apps, "M. de Wit (beleid Wmo)\nJ. Hoekstra")
    second = register_people(apps, "M. de Wit", default_role="beleidsmedewerker")
    assert second[0].pk == first[0].pk
    assert ContactPerson.objects.count() == 2
    assert Organisation.objects.get().name == MUNICIPALITY
    assert ContactPerson.objects.get(name="J. Hoekstra").role == ""


def test_23_3_the_trajectory_admin_chooses_its_municipal_contact_from_the_register(
    secretariat_client,
):
    person = ContactPersonFactory()
    trajectory = TrajectoryFactory()
    response = _post_change(secretariat_client, trajectory, municipal_contact=person.pk)
    assert response.status_code == 302, response.context["adminform"].form.errors
    trajectory.refresh_from_db()
    assert trajectory.municipal_contact == person


def test_23_1_a_second_organisation_of_the_same_name_is_a_message_on_the_field(
    secretariat_client,
):
    OrganisationFactory(name="WIJ Groningen", kind="care")
    response = secretariat_client.post(
        reverse("admin:relations_organisation_add"),
        {
            "name": "WIJ Groningen", "kind": "care", "contacts_per_year": "",
            "contact_persons-TOTAL_FORMS": "0", "contact_persons-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors


def test_23_6_the_steering_group_adds_to_the_register_in_the_admin(steering_client):
    response = steering_client.post(
        reverse("admin:relations_organisation_add"),
        {
            "name": "Stadpanel Groningen", "kind": "participation", "contacts_per_year": "1",
            "contact_persons-TOTAL_FORMS": "1", "contact_persons-INITIAL_FORMS": "0",
            "contact_persons-0-name": "T. Boersma", "contact_persons-0-role": "onderzoeker",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert ContactPerson.objects.get().organisation.name == "Stadpanel Groningen"
