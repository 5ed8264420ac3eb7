"""Constraints added for issue 21 (M5), each violated once (tests/asdg/test_constraints.py)."""

import datetime

from django.utils import timezone

from members.models import Application, Member
from tests.members.factories import ApplicationFactory, MemberFactory, secretary


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
    "m5_marked_membership_ends_by_due_date": lambda: _update(
        Member,
        MemberFactory(
            start_date=datetime.date(2025, 1, 1), end_due_on=datetime.date(2026, 2, 1)
        ).pk,
        ended_on=datetime.date(2026, 3, 1),
        end_reason="incompatible",
    ),
}
