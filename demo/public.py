"""Demo data for the public site: the demo advices that the plenary adopted go online (A4).

Each is published a week after its adoption (10:00, Amsterdam time), as the secretariat
would; one adopted last is published "now" when that week has not passed yet.
Idempotent: an advice already on the website is left as it is.
"""

import datetime

from django.utils import timezone

from advices.models import ADOPTED_OR_LATER, Trajectory
from advices.services import advice_publish
from members.models import User

SECRETARIAT_EMAIL = "secretaris@example.org"
DAYS_AFTER_ADOPTION = 7


def seed_publication(today: datetime.date) -> int:
    by = User.objects.filter(email__iexact=SECRETARIAT_EMAIL).first()
    now = timezone.now()
    published = 0
    for trajectory in Trajectory.objects.filter(
        status__in=ADOPTED_OR_LATER, published_at__isnull=True
    ).order_by("adopted_on", "pk"):
        day = (trajectory.adopted_on or today) + datetime.timedelta(days=DAYS_AFTER_ADOPTION)
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        advice_publish(trajectory=trajectory, by=by, at=min(at, now))
        published += 1
    return published
