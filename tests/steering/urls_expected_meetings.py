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


ADMIN_OBJECTS = {
    "steering.plenarymeeting": _meeting,
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
    "steering.consultation": {STUUR: "v", SEC: "vacd"},
    "steering.watchitem": {STUUR: "v", SEC: "vacd"},
    # Proposed and answered in the portal; the admin reads them (and may delete spam).
    "steering.subjectproposal": {STUUR: "v", SEC: "vd"},
    "steering.trainingactivity": {STUUR: "v", SEC: "vacd"},
}
