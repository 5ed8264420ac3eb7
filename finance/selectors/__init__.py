"""Reads of finance: the budget (F1, F2), claims (M9), the forecast and the reports."""

from finance.selectors.budget import BudgetSummary, LineFigures, budget_summary, line_figures
from finance.selectors.claims import (
    Allowance,
    claim_allowance,
    claims_awaiting_decision,
    claims_of_member,
    expense_line,
)

__all__ = [
    "Allowance",
    "BudgetSummary",
    "LineFigures",
    "budget_summary",
    "claim_allowance",
    "claims_awaiting_decision",
    "claims_of_member",
    "expense_line",
    "line_figures",
]
