"""Find the POST forms of a page and crawl the site for them (the fuzz suite's discovery).

`parse_forms(html)` reads every `<form method="post">` with its fields (name, kind,
value, options); `crawl(client, seeds)` follows the site's own links from the seed URLs,
a few pages per URL pattern, and returns every POST form it met with the page it was on.
"""

import dataclasses
import time
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

# Pages per URL pattern the crawl visits (objects in different states show other forms);
# one per admin page.
PAGES_PER_PATTERN = 2
SKIPPED_PREFIXES = ("/static/", "/media/", "/i18n/setlang")


@dataclasses.dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea"
    value: str = ""
    options: list = dataclasses.field(default_factory=list)
    multiple: bool = False
    checked: bool = False


@dataclasses.dataclass
class Form:
    page: str  # the URL the form was found on
    action: str  # the URL it posts to
    multipart: bool
    fields: list = dataclasses.field(default_factory=list)
    role: str = ""

    @property
    def view_name(self) -> str:
        return view_name(self.action)

    @property
    def signature(self) -> tuple:
        return (self.view_name, tuple(sorted({f.name for f in self.fields})))

    def initial(self) -> dict:
        """What the browser would send untouched: name -> list of values."""
        data = {}
        for field in self.fields:
            if field.kind in ("checkbox", "radio") and not field.checked:
                continue
            if field.kind in ("submit", "button", "image", "reset"):
                continue
            if field.kind == "select":
                chosen = [value for value, selected in field.options if selected]
                if not chosen and field.options and not field.multiple:
                    chosen = [field.options[0][0]]
                data.setdefault(field.name, []).extend(chosen)
            elif field.kind != "file":
                data.setdefault(field.name, []).append(field.value)
        return data


class _FormParser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms = []
        self.links = []
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(urljoin(self.page, attrs["href"]))
        elif tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._form = Form(
                    page=self.page,
                    action=urljoin(self.page, attrs.get("action") or self.page),
                    multipart="multipart" in (attrs.get("enctype") or ""),
                )
                self.forms.append(self._form)
            else:
                self._form = None
        elif self._form is None:
            return
        elif tag in ("input", "button") and attrs.get("name"):
            kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
            value = attrs.get("value")
            if value is None and kind in ("checkbox", "radio"):
                value = "on"  # what a browser sends for a checked box without a value
            field = Field(attrs["name"], kind, value or "", checked="checked" in attrs)
            if kind == "submit":
                # Only one submit button is sent: keep it apart, as an option of its name.
                field.kind = "submit"
            self._form.fields.append(field)
        elif tag == "select" and attrs.get("name"):
            self._select = Field(attrs["name"], "select", multiple="multiple" in attrs)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, ""]
            self._select.options.append(self._option)
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = Field(attrs["name"], "textarea")
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            if self._select is not None:
                self._select.options = [
                    (value if value is not None else text.strip(), selected)
                    for value, selected, text in self._select.options
                ]
            self._select = None
            self._option = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea":
            self._textarea = None


def parse_forms(html: str, page: str = "/") -> list[Form]:
    parser = _FormParser(page)
    parser.feed(html)
    return parser.forms


def view_name(url: str) -> str:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return ""
    return match.view_name or match.route


def crawl(client, seeds, *, role="", wanted=None, per_pattern=PAGES_PER_PATTERN, limit=1500):
    """Follow the site's links from `seeds` (GET only); return (forms, pages visited).

    `wanted(url)` may exclude URLs (files, exports); a URL pattern is visited at most
    `per_pattern` times.
    """
    queue = deque(seeds)
    seen, forms, visits = set(), [], Counter()
    pages = []
    while queue and len(pages) < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or url in seen:
            continue
        seen.add(url)
        if parts.path.startswith(SKIPPED_PREFIXES) or (wanted and not wanted(url)):
            continue
        name = view_name(url)
        if not name or visits[name] >= (1 if name.startswith("admin:") else per_pattern):
            continue
        visits[name] += 1
        started = time.monotonic()
        response = client.get(url)
        pages.append((url, name, response.status_code, time.monotonic() - started))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _FormParser(url)  # one pass for the forms and the links
        parser.feed(response.content.decode())
        for form in parser.forms:
            form.role = role
            forms.append(form)
        for link in parser.links:
            link = link.split("#", 1)[0]
            if link and link not in seen:
                queue.append(link)
    return forms, pages
