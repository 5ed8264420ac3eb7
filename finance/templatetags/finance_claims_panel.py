"""The portal home's expense-claims panel (an inclusion tag): the member's latest claims
with their status; for the secretariat, how many claims await a decision."""

from django import template

from finance.models import ExpenseClaim
from finance.selectors import claims_of_member
from members.shared import member_of

register = template.Library()
LATEST = 5


@register.inclusion_tag("finance/panels/claims.html", takes_context=True)
def claims_panel(context):
    user = context["user"]
    member = member_of(user)
    may_decide = user.has_perm("finance.decide_expenseclaim")
    result = {"request": context["request"], "user": user, "member": member}
    result["may_decide"] = may_decide
    if member is not None:
        result["claims"] = list(claims_of_member(member=member)[:LATEST])
    if may_decide:
        result["awaiting"] = ExpenseClaim.objects.filter(
            status=ExpenseClaim.Status.SUBMITTED
        ).count()
    return result
