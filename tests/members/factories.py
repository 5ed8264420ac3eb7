import factory
from django.contrib.auth.models import Group

from members.models import User
from members.roles import MEMBER, SECRETARIAT, STEERING_GROUP, sync_role_permissions

PASSWORD = "test-password-asdg-1"


class UserFactory(factory.django.DjangoModelFactory):
    """An account; `role=` puts it in one of the role groups (members.roles)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
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
