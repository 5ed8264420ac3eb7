"""The public site's own pages: about us, news, pages, newsletter (issue 6).

Everyone gets the same answer; unknown or unpublished slugs answer 404, a bad
newsletter link 400 (a page that says why).
"""

from tests.url_matrix import NOT_FOUND, OK, SEC, STUUR, everyone

BAD_LINK = 400

PAGES = {
    "public:about": ({}, everyone(OK)),
    "public:page": ({"slug": "bestaat-niet"}, everyone(NOT_FOUND)),
    "public:news-list": ({}, everyone(OK)),
    "public:news-feed": ({}, everyone(OK)),
    "public:news-detail": ({"slug": "bestaat-niet"}, everyone(NOT_FOUND)),
    "public:search": ({}, everyone(OK)),  # issue 19.4: the site search
    "public:newsletter": ({}, everyone(OK)),
    "public:newsletter-thanks": ({}, everyone(OK)),
    "public:newsletter-confirm": ({"token": "niet-geldig"}, everyone(BAD_LINK)),
    "public:newsletter-unsubscribe": ({"token": "niet-geldig"}, everyone(BAD_LINK)),
}


def _factories():
    from tests.public import factories

    return factories


ADMIN_OBJECTS = {
    "public.newsitem": lambda: _factories().NewsItemFactory(),
    "public.page": lambda: _factories().PageFactory(),
    "public.newsletter": lambda: _factories().NewsletterFactory(),
    "public.subscriber": lambda: _factories().SubscriberFactory(),
}

ADMIN_RIGHTS = {
    "public.newsitem": {STUUR: "v", SEC: "vacd"},
    "public.page": {STUUR: "v", SEC: "vacd"},
    # Sent (queued) newsletters become read-only; the sample is an unsent one.
    "public.newsletter": {STUUR: "v", SEC: "vacd"},
    # Signing up is the public form's double opt-in: no adding or changing here.
    "public.subscriber": {STUUR: "v", SEC: "vd"},
}
