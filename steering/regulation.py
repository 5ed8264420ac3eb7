"""The steering group's regulation (S4): task division, retirement schedule, time
commitment and the appointment note, as a page and as a PDF (WeasyPrint)."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from organisation.selectors import organisation_get
from steering.models import Seat, SeatRole, Task
from steering.models.seats import MAX_SEATS, MAX_SEATS_ENDING_PER_YEAR
from steering.selectors.governance import retirement_schedule, seats_held_on, task_division

# From the guideline ("Zittingsduur"): about 2 to 3 hours a week.
HOURS_PER_WEEK = "2–3"


def regulation_context(today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    seats: list[Seat] = list(seats_held_on(today).order_by("member__last_name", "pk"))
    role_order = list(SeatRole.values)
    seats.sort(key=lambda seat: role_order.index(seat.role))
    return {
        "today": today,
        "seats": seats,
        "tasks": task_division(today),
        "task_list": Task.choices,
        "schedule": retirement_schedule(today),
        "hours_per_week": HOURS_PER_WEEK,
        "max_seats": MAX_SEATS,
        "max_ending": MAX_SEATS_ENDING_PER_YEAR,
        "organisation": organisation_get(),
    }


def regulation_pdf(*, base_url: str, today: datetime.date | None = None) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is made

    html = render_to_string("steering/governance/pdf/regulation.html", regulation_context(today))
    return HTML(string=html, base_url=base_url).write_pdf()
