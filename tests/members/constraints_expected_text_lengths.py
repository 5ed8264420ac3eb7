"""The members app's text-length constraints (issue 15.13), each violated once
(tests/asdg/test_constraints.py)."""

from members.models import Application, Member
from members.models.register import MOTIVATION_MAX_LENGTH, NETWORK_MAX_LENGTH
from tests.members.factories import ApplicationFactory, MemberFactory


def _update(model, instance, **fields):
    model.objects.filter(pk=instance.pk).update(**fields)


VIOLATIONS = {
    "application_motivation_at_most_4000_characters": lambda: _update(
        Application, ApplicationFactory(), motivation="x" * (MOTIVATION_MAX_LENGTH + 1)
    ),
    "application_network_at_most_2000_characters": lambda: _update(
        Application, ApplicationFactory(), network="x" * (NETWORK_MAX_LENGTH + 1)
    ),
    "member_network_at_most_2000_characters": lambda: _update(
        Member, MemberFactory(), network="x" * (NETWORK_MAX_LENGTH + 1)
    ),
}
