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

from finance.models import Booking, BudgetLine, BudgetYear, ExpenseClaim
from finance.selectors import claim_allowance
from finance.services import book_sources, booking_add
from members.models import Member, User

FIRST_YEAR = 2021
SECRETARIAT_EMAIL = "secretaris@example.org"
MEMBER_EMAIL = "lid@example.org"
RECEIPT = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
Kind = BudgetLine.Kind

# Fixed-line invoices: line kind or name start, counterparty, description, months, amount.
INVOICES = [
    ("Kosten website", "Webbureau Noorderlicht", "Onderhoud en hosting website",
     [1, 4, 7, 10], "2350.00"),
    ("Kosten website", "Webbureau Noorderlicht", "Toegankelijkheidsaudit en aanpassingen",
     [5], "4800.00"),
    ("Abonnementen", "Movisie", "Abonnement kennisbank sociaal domein", [1], "895.00"),
    ("Abonnementen", "Sdu Uitgevers", "Abonnement Sociaal Bestek", [2], "412.50"),
    ("Abonnementen", "Boekhandel Van der Velde", "Literatuur Wmo en Jeugdwet", [3, 9],
     "186.40"),
    ("Kosten communicatie", "Drukkerij Tienkamp", "Drukwerk nieuwsbrief", [3, 6, 9, 12],
     "1275.00"),
    ("Kosten communicatie", "Dagblad van het Noorden", "Advertentie werving leden", [8],
     "2140.00"),
    ("Externe ondersteuning", "Adviesbureau Trajectum", "Externe ondersteuning (maand)",
     list(range(1, 13)), "4380.00"),
    ("Innovatie", "Stichting Stadslab", "Pilot digitale raadpleging bewoners", [10],
     "6500.00"),
]  # fmt: skip
CLAIMS = [
    # description, amount, month
    ("Treinkaartjes Haren–Groningen brede bijeenkomst", "11.60", 2),
    ("Parkeerkosten stadhuis overleg projectgroep", "7.50", 4),
    ("Kilometervergoeding werkbezoek Ten Boer (42 km)", "8.40", 6),
    ("Kopieerkosten stukken projectgroep armoede", "14.25", 9),
    ("Taxi na avondbijeenkomst (rolstoelvervoer)", "38.00", 11),
]


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
    for number, (start, counterparty, description, months, amount) in enumerate(INVOICES):
        line = _line(budget_year, start)
        if line is None:
            continue
        for month in months:
            date = datetime.date(budget_year.year, month, rng.randint(3, 26))
            if date > today:
                continue
            varied = Decimal(amount) * growth * Decimal(rng.randint(94, 106)) / 100
            _booking, created = booking_add(
                line=line, date=date, amount=_money(varied), description=description,
                counterparty=counterparty, source_key=f"demo:{budget_year.year}:{number}:{month}",
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
    for description, amount, month in CLAIMS:
        date = datetime.date(year, month, rng.randint(1, 27))
        if date > today:
            continue
        status = ExpenseClaim.Status.APPROVED
        if year == today.year and month == max(m for _d, _a, m in CLAIMS if m <= today.month):
            status = ExpenseClaim.Status.SUBMITTED
        _claim(rng.choice(members), date, description, amount, status, secretary)
        added += 1
    # Over the allowance (€ 50 per member) and still approved; one rejected.
    member = rng.choice(members)
    date = min(datetime.date(year, 10, 14), today)
    _claim(member, date, "Deelname congres Sociaal Domein Zwolle (trein en lunch)", "64.80",
           ExpenseClaim.Status.APPROVED, secretary)  # fmt: skip
    _claim(rng.choice(members), date, "Etentje met projectgroep na afloop", "86.00",
           ExpenseClaim.Status.REJECTED, secretary,
           reason="Maaltijden vallen niet onder de onkostenvergoeding.")  # fmt: skip
    return added + 2


def _claims_of_fatima(today: datetime.date, secretary) -> int:
    member = Member.objects.filter(email__iexact=MEMBER_EMAIL).first()
    if member is None:
        return 0
    year_start = datetime.date(today.year, 1, 1)
    dates = [max(year_start, today - datetime.timedelta(days=d)) for d in (60, 30, 20, 3)]
    S = ExpenseClaim.Status
    for date, description, amount, status, reason in [
        (dates[0], "Buskaart naar de brede bijeenkomst", "6.40", S.APPROVED, ""),
        (dates[1], "Boek 'De nieuwe Wmo in de praktijk'", "34.95", S.REJECTED,
         "Literatuur bestelt het secretariaat centraal; vraag het daar aan."),
        (dates[2], "Parkeren bij het stadhuis", "9.00", S.WITHDRAWN, ""),
        (dates[3], "Treinkaartje werkbezoek wijkteam Ten Boer", "12.80", S.SUBMITTED, ""),
    ]:  # fmt: skip
        _claim(member, date, description, amount, status, secretary, reason)
    return 4


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
