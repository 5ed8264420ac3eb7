"""The public advice pages (/adviezen/)."""

from tests.url_matrix import NOT_FOUND, everyone

PAGES = {
    "advices_public:list": ({}, everyone(NOT_FOUND)),
    "advices_public:feed": ({}, everyone(NOT_FOUND)),
    "advices_public:detail": ({"slug": "bestaat-niet"}, everyone(NOT_FOUND)),
    "advices_public:pdf": ({"slug": "bestaat-niet"}, everyone(NOT_FOUND)),
}
