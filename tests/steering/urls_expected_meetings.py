"""Plenary meetings, subjects, training and the calendar feeds (S4–S8).

The role clients' accounts have no membership: the lists answer 200 without RSVP or
proposal buttons. Pages about one object take pk 999999, which does not exist (404); the
POST-only actions answer a GET with 405. The personal feed's address is its secret: an
unknown one is 404 for everyone.
"""

from tests.url_matrix import (
    NOT_FOUND,
    OK,
    POST_ONLY,
    SEC,
    STUUR,
    everyone,
    logged_in,
    staff,
    steering_and_secretariat,
)

MISSING = {"pk": 999999}

PAGES = {
    "steering_meeting:list": ({}, logged_in(OK)),
    "steering_meeting:detail": (MISSING, logged_in(NOT_FOUND)),
    "steering_meeting:respond": (MISSING, logged_in(POST_ONLY)),
    # Issue 17.1: an advice draft as a paper; members and staff only, and only on an item.
    "steering_meeting:draft": ({"pk": 999999, "item": 999999}, logged_in(NOT_FOUND)),
    # Issue 17.3: the public meeting calendar; a paper is checked per reader.
    "steering_public:list": ({}, everyone(OK)),
    "steering_public:detail": (MISSING, everyone(NOT_FOUND)),
    "steering_public:paper": (MISSING, everyone(NOT_FOUND)),
    "steering_meeting:watch-list": ({}, steering_and_secretariat(OK)),
    "steering_meeting:training": ({}, logged_in(OK)),
    "steering_meeting:calendar": ({}, logged_in(OK)),
    "steering_subject:list": ({}, logged_in(OK)),
    "steering_subject:create": ({}, logged_in(OK)),
    "steering_subject:detail": (MISSING, logged_in(NOT_FOUND)),
    "steering_subject:support": (MISSING, logged_in(POST_ONLY)),
    "steering_subject:answer": (MISSING, logged_in(POST_ONLY)),
    "steering_calendar:public": ({}, everyone(OK)),
    "steering_calendar:feed": ({"token": "onbekend"}, everyone(NOT_FOUND)),
    # Attendance in bulk: the secretariat (change right); the steering group reads only.
    "admin:steering_plenarymeeting_attendance": (
        {"object_id": 999999},
        staff(NOT_FOUND, steering=403),
    ),
    # Issue 17.2: the invitation's preview and button; both roles may send (DESIGN 5).
    "admin:steering_plenarymeeting_invitation": ({"object_id": 999999}, staff(NOT_FOUND)),
}


def _meeting():
    from tests.steering.factories import PlenaryMeetingFactory

    return PlenaryMeetingFactory()


def _decision():
    from steering.models import Decision
    from tests.members.factories import secretary

    return Decision.objects.create(
        meeting=_meeting(),
        proposal="De ASDG vraagt het college om een reactie binnen acht weken.",
        votes_for=12,
        votes_against=2,
        abstentions=1,
        recorded_by=secretary(),
    )


def _consultation():
    from tests.steering.factories import ConsultationFactory

    return ConsultationFactory()


def _watch_item():
    from tests.steering.factories import WatchItemFactory

    return WatchItemFactory()


def _subject():
    from tests.steering.factories import SubjectProposalFactory

    return SubjectProposalFactory()


def _training():
    from tests.steering.factories import TrainingActivityFactory

    return TrainingActivityFactory()


def _agenda_item():
    from steering.models import AgendaItem

    return AgendaItem.objects.create(meeting=_meeting(), position=3, title="Jaarplan")


ADMIN_OBJECTS = {
    "steering.plenarymeeting": _meeting,
    "steering.agendaitem": _agenda_item,
    "steering.decision": _decision,
    "steering.consultation": _consultation,
    "steering.watchitem": _watch_item,
    "steering.subjectproposal": _subject,
    "steering.trainingactivity": _training,
}

ADMIN_RIGHTS = {
    # Planned through meeting_plan, attendance and minutes through the services.
    "steering.plenarymeeting": {STUUR: "v", SEC: "vacd"},
    # S5: recorded through decision_record, never changed or deleted afterwards.
    "steering.decision": {STUUR: "v", SEC: "va"},
    # Issue 17.1: an item's papers; the items are added and removed on the meeting's page.
    "steering.agendaitem": {STUUR: "v", SEC: "vc"},
    "steering.consultation": {STUUR: "v", SEC: "vacd"},
    "steering.watchitem": {STUUR: "v", SEC: "vacd"},
    # Proposed and answered in the portal; the admin reads them (and may delete spam).
    "steering.subjectproposal": {STUUR: "v", SEC: "vd"},
    "steering.trainingactivity": {STUUR: "v", SEC: "vacd"},
}
