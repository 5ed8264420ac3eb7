"""Drafting the advice together: only the group (and who reads along) sees a group's draft.

The project group is looked up before the permission is checked (who may read depends
on the group), so logged-in roles get 404 for a group that does not exist. The POST-only
pages refuse a GET with 405 before any look-up.
"""

from tests.url_matrix import NOT_FOUND, POST_ONLY, logged_in

GROUP = {"pk": 999999}

PAGES = {
    "drafting:draft": (GROUP, logged_in(NOT_FOUND)),
    "drafting:comment": (GROUP, logged_in(POST_ONLY)),
    "drafting:edit": (GROUP, logged_in(NOT_FOUND)),
    "drafting:versions": (GROUP, logged_in(NOT_FOUND)),
    "drafting:diff": ({**GROUP, "number": 2}, logged_in(NOT_FOUND)),
    "drafting:ready": (GROUP, logged_in(POST_ONLY)),
}
