import factory

from relations.models import ContactPerson, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente Groningen, afdeling {n}")
    kind = Organisation.Kind.DEPARTMENT


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"M. de Wit {n}")
    role = "beleidsmedewerker Wmo"
    email = factory.Sequence(lambda n: f"beleid{n}@groningen.example")
