"""Votes in the room (issue 17.5): a member's ballot, the projector, the chair's pages.

The ballot and the projector are for sitting members and staff who read the meeting's
papers; anyone else gets a 404, as for a member-only paper (the role clients' accounts
have no membership, so "Lid" is refused like a former member). The chair's pages need
steering.chair_vote (steering group, secretariat) and the second factor. Pages take pk
999999, which does not exist; the POST-only actions answer a GET with 405 first.
"""

from tests.url_matrix import (
    ANON,
    FORBIDDEN,
    LID,
    LOGIN,
    NOT_FOUND,
    POST_ONLY,
    SEC,
    STUUR,
    logged_in,
    second_factor,
)

MISSING = {"pk": 999999}

PAGES = {
    "steering_meeting:vote": (MISSING, logged_in(NOT_FOUND)),
    "steering_meeting:projector": (MISSING, logged_in(NOT_FOUND)),
    "steering_meeting:chair": (
        MISSING,
        second_factor({ANON: LOGIN, LID: FORBIDDEN, STUUR: NOT_FOUND, SEC: NOT_FOUND}),
    ),
    "steering_meeting:presence": (MISSING, logged_in(POST_ONLY)),
    "steering_meeting:vote-open": (MISSING, logged_in(POST_ONLY)),
    "steering_meeting:vote-close": ({"pk": 999999, "vote": 999999}, logged_in(POST_ONLY)),
}


def _vote():
    from steering.models import RoomVote
    from tests.members.factories import secretary
    from tests.steering.factories import item_of, meeting_in_session

    meeting = meeting_in_session()
    return RoomVote.objects.create(
        meeting=meeting, agenda_item=item_of(meeting), proposal="Het jaarplan.",
        opened_by=secretary(),
    )  # fmt: skip


ADMIN_OBJECTS = {"steering.roomvote": _vote}

ADMIN_RIGHTS = {
    # Opened and closed by the chair in the portal (steering.services.votes); read here.
    "steering.roomvote": {STUUR: "v", SEC: "v"},
}
