"""Deleting personal data on schedule (DESIGN.md §4, privacy by design)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from members.models import Application, Member


def months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, 28))


@transaction.atomic
def retention_apply(*, today: datetime.date) -> dict[str, int]:
    """Delete declined applications and anonymise ended members once their time is up.

    Declined (and never admitted) applications go ASDG_DECLINED_RETENTION_MONTHS after
    their round closed; ended members are anonymised ASDG_ENDED_RETENTION_MONTHS after
    they ended. Idempotent.
    """
    declined_before = months_before(today, settings.ASDG_DECLINED_RETENTION_MONTHS)
    declined = Application.objects.filter(
        Q(decision=Application.Decision.DECLINED) | Q(m5_council=True) | Q(m5_employee=True)
        | Q(m5_commercial=True) | Q(m5_political=True),
        member__isnull=True,
        round__closes_on__lt=declined_before,
    ).exclude(decision=Application.Decision.ADMITTED)  # fmt: skip
    deleted, _ = declined.delete()

    ended_before = months_before(today, settings.ASDG_ENDED_RETENTION_MONTHS)
    anonymised = 0
    for member in Member.objects.select_for_update().filter(
        ended_on__lt=ended_before, anonymised_on__isnull=True
    ):
        _anonymise(member, today)
        anonymised += 1
    return {"applications_deleted": deleted, "members_anonymised": anonymised}


def _anonymise(member: Member, today: datetime.date) -> None:
    # What stays: the district, birth year, origin council, knowledge themes and the term,
    # so the group's history and composition figures remain true without a person.
    member.first_name = "Geanonimiseerd"
    member.last_name = f"lid {member.pk}"
    member.email = f"geanonimiseerd-{member.pk}@invalid"
    member.phone = ""
    member.street_address = ""
    member.postcode = member.postcode[:4]
    member.date_of_birth = member.date_of_birth.replace(month=1, day=1)
    member.network = ""
    member.cultural_background = ""
    member.special_consent_at = None
    member.special_consent_version = ""
    member.end_note = ""
    member.anonymised_on = today
    user = member.user
    member.user = None
    member.save()
    member.experience_themes.clear()
    member.declarations.all().delete()
    if user is not None:
        user.delete()
