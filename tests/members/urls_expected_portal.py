"""The member's own pages (/portaal/lidmaatschap/).

The role clients' accounts have no membership: every page answers them 200 with the
friendly "no membership is linked to this account" page, never another member's data.
"""

from tests.url_matrix import OK, logged_in

PAGES = {
    "membership:overview": ({}, logged_in(OK)),
    "membership:profile": ({}, logged_in(OK)),
    "membership:extension": ({}, logged_in(OK)),
    "membership:declaration": ({}, logged_in(OK)),
    "membership:data": ({}, logged_in(OK)),
    "membership:data-download": ({}, logged_in(OK)),
    "membership:data-pdf": ({}, logged_in(OK)),
    "membership:consent": ({}, logged_in(OK)),
}
