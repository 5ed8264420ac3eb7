import datetime

import factory

from advices.models import Advice, Trajectory
from advices.services import trajectory_advance


class TrajectoryFactory(factory.django.DjangoModelFactory):
    """A requested Wmo trajectory, just received, with its (empty) advice."""

    class Meta:
        model = Trajectory
        skip_postgeneration_save = True

    subject = factory.Sequence(lambda n: f"Beleidsplan armoede en schulden {n}")
    slug = factory.Sequence(lambda n: f"beleidsplan-armoede-{n}")
    summary = "Het college vraagt advies over het nieuwe beleidsplan armoede en schulden."
    kind = Trajectory.Kind.REQUESTED
    requested_by = Trajectory.Requester.POLICY_OFFICER
    received_on = datetime.date(2026, 3, 2)
    law_wmo = True
    advice = factory.RelatedFactory("tests.advices.factories.AdviceFactory", "trajectory")


class AdviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advice

    trajectory = factory.SubFactory(TrajectoryFactory, advice=None)


def advance_to(trajectory, status, *, by=None):
    """Walk a trajectory through the workflow up to `status` (tests only)."""
    from advices.models import ORDER, CollegeResponse, Status

    for step in ORDER[ORDER.index(trajectory.status) + 1 : ORDER.index(status) + 1]:
        if step == Status.ADOPTED:
            # S5: the project group hands its draft over before the plenary adopts it.
            Advice.objects.filter(trajectory=trajectory).update(ready_for_plenary=True)
        if step == Status.RESPONDED:
            CollegeResponse.objects.get_or_create(
                trajectory=trajectory,
                defaults={
                    "received_on": datetime.date(2026, 9, 1),
                    "council_proposal_number": "RV 2026-123",
                    "council_proposal_date": datetime.date(2026, 9, 1),
                },
            )
        trajectory = trajectory_advance(
            trajectory=trajectory, to=step, by=by, reference="Brede bijeenkomst 10-6-2026"
        )
    return trajectory
