"""What the secretariat writes in the admin, made safe to show (issue 6, item 8).

Bodies of news items, pages and newsletter intros are written as simple HTML (or as
plain text, whose blank lines make paragraphs). They are sanitised with nh3 (ammonia)
twice: when saved (SanitisedHTMLField), and again when shown (`render_body`), so a row
written past the model — a raw update, an old import — cannot smuggle in a script.
"""

import html
import re

import nh3
from django.db import models
from django.utils.html import linebreaks, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "h2", "h3", "h4",
    "blockquote", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer"
_TAG = re.compile(r"</?[a-z!]", re.IGNORECASE)

HELP_TEXT = _(
    "Write plain text (an empty line starts a new paragraph) or simple HTML with these tags: "
    "p, h2, h3, h4, strong, em, ul, ol, li, blockquote and a (links). Anything else "
    "(scripts, styles, images, event handlers) is removed when saved."
)


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text or ""))


def sanitise_html(text: str) -> str:
    """Keep only the allowed tags and attributes; links get rel="noopener noreferrer"."""
    return nh3.clean(
        text or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_body(text: str) -> SafeString:
    """The body as safe HTML: plain text becomes paragraphs, HTML is sanitised again."""
    text = text or ""
    if not looks_like_html(text):
        return mark_safe(linebreaks(text, autoescape=True))  # noqa: S308 - escaped
    return mark_safe(sanitise_html(text))  # noqa: S308 - nh3 has just removed what is unsafe


def body_as_text(text: str) -> str:
    """The body as plain text, for the text part of a mail."""
    if not looks_like_html(text):
        return (text or "").strip()
    return html.unescape(strip_tags(sanitise_html(text))).strip()


class SanitisedHTMLField(models.TextField):
    """A text field whose value is sanitised every time the row is saved.

    Plain text is kept as written (it is escaped when shown); HTML keeps only what
    ALLOWED_TAGS and ALLOWED_ATTRIBUTES allow.
    """

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname) or ""
        if looks_like_html(value):
            value = sanitise_html(value)
            if not looks_like_html(value):  # all tags removed: keep it HTML, not text
                value = f"<p>{value}</p>"
        setattr(model_instance, self.attname, value)
        return value
