"""Demo data for finance: budgets from 2021 (the guideline's) to this year, bookings that
make the reports realistic, and expense claims in every state.

Later years follow 2021 with a little growth and 45 members assumed. Each open year gets
the automatic sources (plenary attendance, trajectories, training — whatever the meetings
and advices demo holds; without it those lines stay empty), invoices on the fixed lines
(website, subscriptions, communication, support, innovation) up to today, and past years
are closed after their bookings. Claims: approved, rejected, withdrawn and awaiting a
decision, one of each kind of the current year from lid@example.org (Fatima El Amrani).

Bookings go through finance.services.booking_add with a `demo:` source key, so a second
run books nothing twice. Claims are written directly (not through the services, which
mail every member) and booked with the key the service uses (`claim:<pk>`).
"""

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal
from importlib import import_module

from django.apps import apps
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from demo.texts import load
from finance.models import Booking, BudgetLine, BudgetYear, ExpenseClaim
from finance.selectors import claim_allowance
from finance.services import book_sources, booking_add
from members.models import Member, User

FIRST_YEAR = 2021
SECRETARIAT_EMAIL = "secretaris@example.org"
MEMBER_EMAIL = "lid@example.org"
RECEIPT = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
Kind = BudgetLine.Kind

TEXTS = load("finance")
INVOICES = TEXTS["invoice"]
CLAIMS = TEXTS["claim"]


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _rounded(value: Decimal, to: int = 500) -> Decimal:
    return (value / to).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * to


def _budget_2021() -> BudgetYear:
    if not BudgetYear.objects.filter(year=FIRST_YEAR).exists():
        import_module("finance.migrations.0003_budget_2021").load(apps, None)
    return BudgetYear.objects.get(year=FIRST_YEAR)


def _budget_like_2021(year: int, template: BudgetYear) -> BudgetYear:
    growth = Decimal("1.03") ** (year - FIRST_YEAR)
    budget_year = BudgetYear.objects.create(
        year=year,
        note=f"Begroting {year}: de lijn van 2021 met 3% groei per jaar, gerekend met 45 leden.",
    )
    budget_year.sources.create(
        name="Gemeente Groningen, subsidie adviesgroep", amount=_rounded(Decimal(127000) * growth)
    )
    budget_year.sources.create(name="Vrijval reserve vorig jaar", amount=Decimal("2500.00"))
    for line in template.lines.order_by("position"):
        fields = {
            "position": line.position, "name": line.name, "kind": line.kind,
            "basis": line.basis, "unit_amount": line.unit_amount,
            "assumed_meetings": line.assumed_meetings, "quantity": line.quantity, "note": "",
        }  # fmt: skip
        if line.assumed_members:
            fields["assumed_members"] = 45
            fields["note"] = "Gerekend met 45 leden."
        if line.basis == BudgetLine.Basis.FIXED:
            fields["stated_amount"] = _rounded(line.stated_amount * growth, 100)
        elif line.basis == BudgetLine.Basis.ENTERED:
            fields["unit_amount"] = _rounded(line.unit_amount * growth, 100)
        budget_year.lines.create(**fields)
    return budget_year


def _line(budget_year: BudgetYear, start: str) -> BudgetLine | None:
    return budget_year.lines.filter(name__startswith=start).order_by("position").first()


def _invoices(budget_year: BudgetYear, today: datetime.date, by) -> int:
    rng = random.Random(budget_year.year)
    growth = Decimal("1.03") ** (budget_year.year - FIRST_YEAR)
    added = 0
    for number, invoice in enumerate(INVOICES):
        line = _line(budget_year, invoice["line"])
        if line is None:
            continue
        for month in invoice["months"]:
            date = datetime.date(budget_year.year, month, rng.randint(3, 26))
            if date > today:
                continue
            varied = Decimal(invoice["amount"]) * growth * Decimal(rng.randint(94, 106)) / 100
            _booking, created = booking_add(
                line=line, date=date, amount=_money(varied), description=invoice["description"],
                counterparty=invoice["counterparty"],
                source_key=f"demo:{budget_year.year}:{number}:{month}",
                by=by,
            )  # fmt: skip
            added += created
    return added


def _claim(member, date, description, amount, status, secretary, reason="") -> ExpenseClaim:
    allowance = claim_allowance(member=member, year=date.year)
    claim = ExpenseClaim(
        member=member, date=date, amount=_money(amount), description=description,
        receipt_content_type="application/pdf",
        over_allowance=allowance.exceeded_by(_money(amount)),
    )  # fmt: skip
    claim.receipt.save("bon.pdf", ContentFile(RECEIPT), save=False)
    claim.save()
    if status == ExpenseClaim.Status.APPROVED:
        line = BudgetLine.objects.filter(budget_year__year=date.year, kind=Kind.EXPENSES).order_by(
            "position"
        )[0]
        claim.booking, _created = booking_add(
            line=line, date=date, amount=claim.amount,
            description=f"Onkostendeclaratie: {description}", counterparty=str(member),
            source=Booking.Source.CLAIM, source_key=f"claim:{claim.pk}", by=secretary,
        )  # fmt: skip
    if status != ExpenseClaim.Status.SUBMITTED:
        claim.status = status
        claim.reason = reason
        if status != ExpenseClaim.Status.WITHDRAWN:
            claim.decided_by = secretary
            claim.decided_at = timezone.make_aware(
                datetime.datetime.combine(date + datetime.timedelta(days=9), datetime.time(10))
            )
        claim.save()
    return claim


def _claims_of_year(year: int, today: datetime.date, secretary) -> int:
    last = min(datetime.date(year, 12, 31), today)
    members = list(
        Member.objects.filter(start_date__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=datetime.date(year, 1, 1)))
        .exclude(email__iexact=MEMBER_EMAIL)
        .order_by("pk")
    )
    if not members:
        return 0
    rng = random.Random(f"claims-{year}")
    added = 0
    latest = max((claim["month"] for claim in CLAIMS if claim["month"] <= today.month), default=0)
    for claim in CLAIMS:
        date = datetime.date(year, claim["month"], rng.randint(1, 27))
        if date > today:
            continue
        status = ExpenseClaim.Status.APPROVED
        if year == today.year and claim["month"] == latest:
            status = ExpenseClaim.Status.SUBMITTED
        _claim(rng.choice(members), date, claim["description"], claim["amount"], status, secretary)
        added += 1
    # Over the allowance (€ 50 per member) and still approved; one rejected.
    member = rng.choice(members)
    date = min(datetime.date(year, 10, 14), today)
    over, rejected = TEXTS["claim_over_allowance"], TEXTS["claim_rejected"]
    _claim(member, date, over["description"], over["amount"],
           ExpenseClaim.Status.APPROVED, secretary)  # fmt: skip
    _claim(rng.choice(members), date, rejected["description"], rejected["amount"],
           ExpenseClaim.Status.REJECTED, secretary, reason=rejected["reason"])  # fmt: skip
    return added + 2


def _claims_of_fatima(today: datetime.date, secretary) -> int:
    member = Member.objects.filter(email__iexact=MEMBER_EMAIL).first()
    if member is None:
        return 0
    year_start = datetime.date(today.year, 1, 1)
    own = TEXTS["own_claim"]
    for claim in own:
        date = max(year_start, today - datetime.timedelta(days=claim["days_ago"]))
        status = ExpenseClaim.Status(claim["status"])
        _claim(member, date, claim["description"], claim["amount"], status, secretary,
               claim.get("reason", ""))  # fmt: skip
    return len(own)


def seed_finance(today: datetime.date) -> int:
    """Budgets 2021 to this year, bookings and claims; adds nothing that exists."""
    added = 0
    secretary = User.objects.filter(email__iexact=SECRETARIAT_EMAIL).first()
    template = _budget_2021()
    for year in range(FIRST_YEAR + 1, today.year + 1):
        if not BudgetYear.objects.filter(year=year).exists():
            _budget_like_2021(year, template)
            added += 1
    new_claims = not ExpenseClaim.objects.exists()
    for budget_year in BudgetYear.objects.filter(
        year__gte=FIRST_YEAR, year__lte=today.year, closed=False
    ).order_by("year"):
        year = budget_year.year
        added += book_sources(year=year, by=secretary).total
        added += _invoices(budget_year, today, secretary)
        if new_claims:
            added += _claims_of_year(year, today, secretary)
            if year == today.year:
                added += _claims_of_fatima(today, secretary)
        if year < today.year:
            BudgetYear.objects.filter(pk=budget_year.pk).update(closed=True)
    return added
