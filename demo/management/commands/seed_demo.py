"""Realistic Dutch demo data for a local site. Idempotent: a second run adds nothing.

Later issues extend this command with their own demo data (members, meetings,
advices, the budget); each part checks what is there before it adds.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo import meeting_papers, register
from demo import relations as demo_relations
from demo.advices import seed_advices
from demo.finance import seed_finance
from demo.meetings import seed_meetings
from demo.members import link_demo_account, seed_applications, seed_members, seed_round
from demo.public import seed_publication
from demo.public_site import seed_public_site
from demo.report import seed_report
from demo.steering import seed_steering
from members.models import User
from members.roles import MEMBER, SECRETARIAT, STEERING_GROUP

DEMO_PASSWORD = "demo-asdg-2021"
DEMO_ACCOUNTS = [
    # e-mail, first name, last name, role, staff
    ("secretaris@example.org", "Sanne", "de Vries", SECRETARIAT, True),
    ("stuurgroep@example.org", "Henk", "Bakker", STEERING_GROUP, True),
    ("lid@example.org", "Fatima", "El Amrani", MEMBER, False),
]


class Command(BaseCommand):
    help = "Loads demo data (demo accounts with password demo-asdg-2021). Needs DEBUG or --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never on a real site: it adds known passwords).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo adds accounts with a known password; it runs only with DEBUG on "
                "or with --force."
            )
        today = timezone.localdate()
        with transaction.atomic():
            created = {
                "accounts": self._accounts(),
                "memberships": seed_members(today),
                "applications": seed_round(today),
            }
            link_demo_account("lid@example.org", "Fatima", "El Amrani", today)
            link_demo_account("stuurgroep@example.org", "Henk", "Bakker", today)
            created["applications"] += seed_applications(today)
            created["steering seats and elections"] = seed_steering(today)
            created["contact persons"] = register.seed(today)
            created["trajectories"] = seed_advices(today)
            created["meetings and steering rows"] = seed_meetings(today)
            created["meeting papers"] = meeting_papers.seed(today)
            created["published advices"] = seed_publication(today)
            created["public pages, news and newsletter rows"] = seed_public_site(today)
            created["budget years, bookings and claims"] = seed_finance(today)
            created["annual report forewords"] = seed_report(today)
            created["contacts logged"] = demo_relations.seed(today)
        if any(created.values()):
            summary = ", ".join(f"{count} {what}" for what, count in created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        else:
            self.stdout.write("Demo data already present; nothing added.")
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for email, _first, _last, role, _staff in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<26} {role}")

    def _accounts(self) -> int:
        created = 0
        for email, first_name, last_name, role, staff in DEMO_ACCOUNTS:
            if User.objects.filter(email__iexact=email).exists():
                continue
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                is_staff=staff,
            )
            user.groups.add(Group.objects.get(name=role))
            created += 1
        return created
