"""Constraints added for issue 21 (M5), each violated once (tests/asdg/test_constraints.py)."""

from django.utils import timezone

from members.models import Application
from tests.members.factories import ApplicationFactory, secretary


def _update(model, pk, **fields):
    model.objects.filter(pk=pk).update(**fields)


VIOLATIONS = {
    "m5_ineligible_never_on_reserve_list": lambda: _update(
        Application,
        ApplicationFactory(m5_employee=True).pk,
        decision="reserve",
        decided_at=timezone.now(),
        decided_by=secretary(),
        decision_reason="Later.",
    ),
}
