"""Factories of finance: expense claims (rows made directly, for a state to start from;
tests of a rule go through the services)."""

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from finance.models import ExpenseClaim
from tests.members.factories import MemberFactory

PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


class ExpenseClaimFactory(factory.django.DjangoModelFactory):
    """A claim of € 12,50 in 2021, awaiting a decision."""

    class Meta:
        model = ExpenseClaim

    member = factory.SubFactory(MemberFactory)
    date = datetime.date(2021, 3, 1)
    amount = Decimal("12.50")
    description = factory.Sequence(lambda n: f"Treinkaartje brede bijeenkomst {n}")
    receipt = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="bon.pdf"))
    receipt_content_type = "application/pdf"
