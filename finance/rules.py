"""Who may see what in finance (F1, F2, M9), as named predicates.

Views ask these; a claim page and its receipt answer 404 where `claim_visible_to` finds
nothing, so every claim page follows the one rule.
"""

from finance.models import ExpenseClaim
from members.models import User
from members.roles import MEMBER, user_has_role
from members.shared import member_of

DECIDE_CLAIMS = "finance.decide_expenseclaim"
FULL_BUDGET = "finance.view_budgetline"


def can_see_budget(user: User) -> bool:
    """The budget: every member its summary; the steering group and the secretariat
    (finance.view_budgetline) also the bookings behind it."""
    return user.has_perm(FULL_BUDGET) or user_has_role(user, MEMBER)


def claim_visible_to(*, user: User, pk: int) -> ExpenseClaim | None:
    """The claim if `user` owns it or decides on claims; None otherwise (the view says 404)."""
    claims = ExpenseClaim.objects.select_related("member", "decided_by", "booking")
    if not user.has_perm(DECIDE_CLAIMS):
        member = member_of(user)
        if member is None:
            return None
        claims = claims.filter(member=member)
    return claims.filter(pk=pk).first()
