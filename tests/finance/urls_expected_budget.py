"""The budget in the portal (/portaal/begroting/).

The 2021 budget exists from the data migration. A member (Lid) gets the summary of a
year; the steering group and the secretariat the whole page.
"""

from tests.url_matrix import ANON, LID, LOGIN, OK, REDIRECT, SEC, STUUR, logged_in

PAGES = {
    "finance:budget": ({}, {ANON: LOGIN, LID: REDIRECT, STUUR: REDIRECT, SEC: REDIRECT}),
    "finance:budget-year": ({"year": 2021}, logged_in(OK)),
}


# Sample objects for the admin pages of the matrix (ADMIN_OBJECTS).
def sample_budget_year():
    from finance.models import BudgetYear

    return BudgetYear.objects.get_or_create(year=2021)[0]


def sample_booking():
    import datetime
    from decimal import Decimal

    from finance.models import Booking

    year = sample_budget_year()
    line, _ = year.lines.get_or_create(
        name="Abonnementen en literatuur",
        defaults={"basis": "fixed", "stated_amount": Decimal("3000.00"), "kind": "other"},
    )
    return Booking.objects.create(
        line=line, date=datetime.date(2021, 3, 1), amount=Decimal("25.00"), description="Boek"
    )
