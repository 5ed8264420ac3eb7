"""The advices app's constraints declared next to its tests (tests/asdg/test_constraints.py)."""

from advices.models import CollegeResponse
from tests.advices.factories import TrajectoryFactory

VIOLATIONS = {
    "college_response_proposal_url_https": lambda: CollegeResponse.objects.create(
        trajectory=TrajectoryFactory(),
        received_on="2026-01-01",
        council_proposal_number="RV 2026-140",
        council_proposal_date="2026-01-01",
        council_proposal_url="http://raad.example.org/rv-2026-140",
    ),
}
