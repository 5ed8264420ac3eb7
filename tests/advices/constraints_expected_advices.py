"""The advices app's constraints declared next to its tests (tests/asdg/test_constraints.py)."""

from advices.models import Advice, CollegeResponse
from tests.advices.factories import TrajectoryFactory

VIOLATIONS = {
    # S5 (issue 17.4): an advice is frozen (adopted) only as a draft marked ready.
    "s5_adopted_advice_was_ready": lambda: Advice.objects.filter(
        pk=TrajectoryFactory().advice.pk
    ).update(frozen=True),
    "college_response_proposal_url_https": lambda: CollegeResponse.objects.create(
        trajectory=TrajectoryFactory(),
        received_on="2026-01-01",
        council_proposal_number="RV 2026-140",
        council_proposal_date="2026-01-01",
        council_proposal_url="http://raad.example.org/rv-2026-140",
    ),
}
