import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from members.models import Application, Member, PostcodeArea, RecruitmentRound, Theme, User
from members.roles import MEMBER, SECRETARIAT, STEERING_GROUP, sync_role_permissions

PASSWORD = "test-password-asdg-1"


def _html_safe(name: str) -> str:
    # Names like "van 't Riet" are escaped in HTML; tests compare names with pages.
    return name.replace("'", "")


def first_name():
    return factory.Faker("first_name", locale="nl_NL")


def last_name():
    return factory.LazyFunction(
        lambda: _html_safe(factory.Faker._get_faker(locale="nl_NL").last_name())
    )


class UserFactory(factory.django.DjangoModelFactory):
    """An account; `role=` puts it in one of the role groups (members.roles)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    first_name = first_name()
    last_name = last_name()
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        self.groups.add(role_group(extracted))
        if extracted in (SECRETARIAT, STEERING_GROUP) and not self.is_staff:
            self.is_staff = True
            self.save(update_fields=["is_staff"])


def role_group(role: str) -> Group:
    # Transactional tests (live_server) flush the groups the data migration made.
    if not Group.objects.filter(name=role).exists():
        sync_role_permissions()
    return Group.objects.get(name=role)


def secretary(**kwargs) -> User:
    return UserFactory(role=SECRETARIAT, **kwargs)


def steering_member(**kwargs) -> User:
    return UserFactory(role=STEERING_GROUP, **kwargs)


def member(**kwargs) -> User:
    return UserFactory(role=MEMBER, **kwargs)


# --- Register and recruitment -------------------------------------------------------


def postcode_area(digits="9712", district="Binnenstad", area="city"):
    """A postcode area (transactional tests flush the shipped ones)."""
    return PostcodeArea.objects.get_or_create(
        digits=digits, defaults={"district": district, "area": area}
    )[0]


def theme(name="Armoede", position=5):
    return Theme.objects.get_or_create(name=name, defaults={"position": position})[0]


class RecruitmentRoundFactory(factory.django.DjangoModelFactory):
    """A round open today unless opens_on/closes_on say otherwise."""

    class Meta:
        model = RecruitmentRound
        django_get_or_create = ["year"]

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    opens_on = factory.LazyAttribute(lambda r: datetime.date(r.year, 1, 1))
    closes_on = factory.LazyAttribute(lambda r: datetime.date(r.year, 12, 31))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    first_name = first_name()
    last_name = last_name()
    email = factory.Sequence(lambda n: f"inwoner{n}@example.org")
    phone = "050 123 45 67"
    street_address = factory.Sequence(lambda n: f"Herestraat {n + 1}")
    postcode = "9712 AB"
    postcode_area = factory.LazyFunction(postcode_area)
    date_of_birth = datetime.date(1970, 5, 17)
    network = "Buurtvereniging, vrijwilliger bij de voedselbank"


class ApplicationFactory(PersonFactory):
    """A pending, eligible application; `m5_employee=True` etc. makes it ineligible (M5)."""

    class Meta:
        model = Application

    round = factory.SubFactory(RecruitmentRoundFactory)
    motivation = "Ik wil meedenken over armoedebeleid in mijn wijk."
    personal_capacity = True
    m5_council = False
    m5_employee = False
    m5_commercial = False
    m5_political = False


class MemberFactory(PersonFactory):
    """A sitting member with an account in the role Lid: a 4-year term from 1 January."""

    class Meta:
        model = Member

    start_date = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    term_years = 4
    user = factory.LazyAttribute(lambda m: UserFactory(email=m.email, role=MEMBER))
