"""Demo papers for the plenary meetings (issue 17): `seed(today)` from seed_demo.

The demo meetings (asdg.demo_meetings) get what a real agenda carries: the items that
adopt an advice carry its draft (the item the decision was taken on, S5), the steering
group's report and a few other items have papers, some members only and some public, and
the coming meetings a draft still being written. Each paper is a small real PDF, added
through paper_add as the secretariat adds one, so its text is read for the site search
(issue 19.4). Idempotent: nothing is added when papers exist.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from advices.models import Status, Trajectory
from members.models import User
from steering.models import AgendaItem, Decision, MeetingPaper, PlenaryMeeting
from steering.services.papers import paper_add

SECRETARIAT_EMAIL = "secretaris@example.org"
MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
]  # fmt: skip


def text_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a title and some lines of text (Helvetica, Latin-1)."""

    def text(value: str) -> str:
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    rows = [f"BT /F1 16 Tf 56 780 Td ({text(title)}) Tj ET"]
    for index, line in enumerate(lines):
        rows.append(f"BT /F1 11 Tf 56 {750 - 18 * index} Td ({text(line)}) Tj ET")
    stream = "\n".join(rows).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _dutch(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _paper(item, title, lines, audience, by, stamp) -> MeetingPaper:
    name = f"{stamp}-{item.pk}-{len(title)}.pdf"
    file = ContentFile(text_pdf(title, lines), name=name)
    return paper_add(item=item, title=title, file=file, audience=audience, by=by)


def _drafts_on_their_items() -> None:
    """S5: each adopting decision's item carries the draft it adopted."""
    for decision in Decision.objects.filter(
        trajectory__isnull=False, agenda_item__isnull=False
    ).select_related("agenda_item"):
        AgendaItem.objects.filter(pk=decision.agenda_item_id).update(
            trajectory=decision.trajectory_id
        )


def _meeting_papers(meeting: PlenaryMeeting, by) -> int:
    day = meeting.starts_at.date()
    stamp = day.strftime("%Y%m%d")
    added = 0
    for item in meeting.agenda.order_by("position", "pk"):
        if item.kind == AgendaItem.Kind.STEERING_REPORT:
            _paper(item, f"Verslag van de stuurgroep, {_dutch(day)}", [
                "Overleg met de programmamanager Sociaal Domein en de wethouder.",
                "Voortgang van de lopende adviestrajecten en de projectgroepen.",
                "Werving van nieuwe leden en de samenstelling van de adviesgroep.",
            ], MeetingPaper.Audience.PUBLIC, by, stamp)  # fmt: skip
            added += 1
        elif item.kind == AgendaItem.Kind.MINUTES:
            _paper(item, "Concept-verslag van de vorige bijeenkomst", [
                "Aanwezig: de leden volgens de presentielijst.",
                "Besproken: de adviezen, het verslag van de stuurgroep en de rondvraag.",
            ], MeetingPaper.Audience.MEMBERS, by, stamp)  # fmt: skip
            added += 1
        elif item.kind == AgendaItem.Kind.OTHER:
            _paper(item, f"Achtergrondnotitie: {item.title}"[:200], [
                "Een korte notitie ter voorbereiding op het gesprek.",
                "Cijfers uit de wijkmonitor en ervaringen van inwoners.",
            ], MeetingPaper.Audience.MEMBERS, by, stamp)  # fmt: skip
            added += 1
    return added


def _adoption_to_name(meeting: PlenaryMeeting, by) -> None:
    """Issue 18.1: at the latest meeting the members adopted a draft on the item that
    carried it, and the decision was recorded without naming the advice. The secretariat
    names it in the trajectory's flow in the admin, once the project group has marked the
    draft ready (S5 holds there: decision_adopt_advice)."""
    trajectory = (
        Trajectory.objects.filter(
            status=Status.DRAFTING,
            law_participation=False,  # A2 needs no consultation of the Clients' Council
            advice__recommendations__isnull=False,  # the group can mark it ready
        )
        .distinct()
        .order_by("received_on", "pk")
        .first()
    )
    present = meeting.invitations.filter(attended=True).count()
    if trajectory is None or present < 3:
        return
    item = AgendaItem.objects.create(
        meeting=meeting, position=9, kind=AgendaItem.Kind.DECISION,
        title=f"Vaststellen advies: {trajectory.subject}"[:200], trajectory=trajectory,
    )  # fmt: skip
    Decision.objects.create(
        meeting=meeting, agenda_item=item, recorded_by=by,
        proposal=f"De adviesgroep stelt het advies “{trajectory.subject}” vast.",
        votes_for=present - 2, votes_against=1, abstentions=1,
    )  # fmt: skip


def _coming_draft(meeting: PlenaryMeeting) -> None:
    """A coming meeting discusses a draft still being written (members read it)."""
    trajectory = (
        Trajectory.objects.filter(status=Status.DRAFTING, advice__isnull=False)
        .exclude(agenda_items__meeting=meeting)
        .exclude(agenda_items__decisions__isnull=False)  # decided on: no longer being written
        .order_by("received_on", "pk")
        .first()
    )
    if trajectory is None:
        return
    AgendaItem.objects.create(
        meeting=meeting, position=5, kind=AgendaItem.Kind.DECISION,
        title=f"Bespreken concept-advies: {trajectory.subject}"[:200], trajectory=trajectory,
    )  # fmt: skip


def seed(today: datetime.date) -> int:
    """Returns the number of papers added."""
    if MeetingPaper.objects.exists() or not PlenaryMeeting.objects.exists():
        return 0
    by = User.objects.filter(email__iexact=SECRETARIAT_EMAIL).first()
    if by is None:
        return 0
    added = 0
    with transaction.atomic():
        _drafts_on_their_items()
        meetings = PlenaryMeeting.objects.exclude(status=PlenaryMeeting.Status.CANCELLED)
        recent = list(meetings.filter(starts_at__date__lt=today).order_by("-starts_at")[:4])
        coming = list(meetings.filter(starts_at__date__gte=today).order_by("starts_at"))
        if recent and recent[0].status == PlenaryMeeting.Status.HELD:
            _adoption_to_name(recent[0], by)
        for meeting in coming:
            _coming_draft(meeting)
        for meeting in [*recent, *coming]:
            added += _meeting_papers(meeting, by)
    return added
