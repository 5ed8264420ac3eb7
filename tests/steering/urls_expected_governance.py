"""The steering group and its elections in the portal (/portaal/stuurgroep/,
/portaal/verkiezingen/), and seats and elections in the admin.

Every logged-in account sees the steering group, its schedule and regulation (they are
what the regulation publishes, S4) and the elections. Pages about one election take pk
999999, which does not exist (404); the POST-only actions answer a GET with 405 first.
"""

from tests.url_matrix import NOT_FOUND, OK, POST_ONLY, SEC, STUUR, logged_in

MISSING = {"pk": 999999}

PAGES = {
    "steering_governance:overview": ({}, logged_in(OK)),
    "steering_governance:regulation": ({}, logged_in(OK)),
    "steering_governance:regulation-pdf": ({}, logged_in(OK)),
    "steering_election:list": ({}, logged_in(OK)),
    "steering_election:detail": (MISSING, logged_in(NOT_FOUND)),
    "steering_election:results": (MISSING, logged_in(NOT_FOUND)),
    "steering_election:nominate": (MISSING, logged_in(POST_ONLY)),
    "steering_election:withdraw": (MISSING, logged_in(POST_ONLY)),
    "steering_election:vote": (MISSING, logged_in(POST_ONLY)),
}


def _sample_seat():
    from tests.steering.factories import SeatFactory

    return SeatFactory()


def _sample_election():
    from tests.steering.factories import ElectionFactory

    return ElectionFactory()


ADMIN_OBJECTS = {
    "steering.seat": _sample_seat,
    "steering.election": _sample_election,
}

ADMIN_RIGHTS = {
    # Added through seat_assign, role/tasks through seat_update_role; ended (action),
    # never deleted.
    "steering.seat": {STUUR: "v", SEC: "vac"},
    # Opened through election_open; only the title changes afterwards; only an election
    # nobody stood or voted in can be deleted.
    "steering.election": {STUUR: "v", SEC: "vacd"},
}
