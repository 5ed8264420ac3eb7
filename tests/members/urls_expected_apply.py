"""The public application form (members/apply_urls.py) in the URL-permission matrix."""

from tests.url_matrix import OK, REDIRECT, everyone

PAGES = {
    # Open to all; without an open round it is the "closed" page, still 200 (M2).
    "apply:form": ({}, everyone(OK)),
    # Only the browser that just applied sees it; everyone else goes back to the form.
    "apply:received": ({}, everyone(REDIRECT)),
}
