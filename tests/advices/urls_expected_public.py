"""The public advice pages (/adviezen/), sitemap.xml and robots.txt: open to everyone (A4).

An unknown or unpublished slug answers 404 (tests/advices/test_public_publish.py proves
the unpublished case for every page).
"""

from tests.url_matrix import NOT_FOUND, OK, everyone

PAGES = {
    "advices_public:list": ({}, everyone(OK)),
    "advices_public:feed": ({}, everyone(OK)),
    "advices_public:open-data": ({}, everyone(OK)),
    "advices_public:open-data-csv": ({}, everyone(OK)),
    "advices_public:open-data-json": ({}, everyone(OK)),
    "advices_public:detail": ({"slug": "bestaat-niet"}, everyone(NOT_FOUND)),
    "advices_public:pdf": ({"slug": "bestaat-niet"}, everyone(NOT_FOUND)),
    "advices_public:attachment": ({"slug": "bestaat-niet", "pk": 1}, everyone(NOT_FOUND)),
    "advices_public:response-letter": ({"slug": "bestaat-niet"}, everyone(NOT_FOUND)),
    "sitemap": ({}, everyone(OK)),
    "robots": ({}, everyone(OK)),
}
