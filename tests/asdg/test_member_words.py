"""Issue 16.5: the words members read.

Rule ids (M5, A3, S6: ...) stay in code, tests and the admin's help, never in what a member,
an applicant or a visitor reads: the portal, the public site, mails, and the messages the
services raise (a service serves the portal and the admin alike, so its message carries no
id). Plurals go through ngettext, never "(s)" or "(en)"; dates are Dutch and lower-case.

Two views on the same promise: the texts themselves (every msgid of the code members meet,
and its Dutch translation) and the pages as each demo role reads them.
"""

import ast
import io
import re
import tokenize
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation.template import templatize

from members.models import User
from tests.fuzz.conftest import demo_media, demo_world  # noqa: F401 (the seeded demo)
from tests.harness import login_verified

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "advices", "asdg", "finance", "members", "organisation", "projectgroups", "public",
    "relations", "steering",
]  # fmt: skip
RULE_ID = re.compile(r"\([MSPAF]\d{1,2}[):,;]|\b[MSPAF]\d{1,2}:")
PLURAL_HACK = re.compile(r"\w\((s|en|n)\)")
# "15 Nov 2026", "15 nov. 2026", "Nov 15, 2026": not how the Dutch write a date.
SHORT_MONTH = re.compile(
    r"\b\d{1,2} (jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\.? \d{4}\b"
    r"|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4}\b",
    re.IGNORECASE,
)
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}
NGETTEXT = {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}
# Where a model's text reaches people: its refusals (shown on portal and admin forms alike),
# its choices' labels and module-level messages. Field labels and help texts of models
# serve the admin.
MODEL_MESSAGES = {"Refusal", "ValidationError"}
CHOICES = {"TextChoices", "IntegerChoices"}


def _name(func) -> str | None:
    return getattr(func, "id", getattr(func, "attr", None))


def _is_admin(path: Path) -> bool:
    return "admin" in path.parts or path.name.startswith("admin") or path.name.endswith("admin.py")


def _python_texts(path: Path, *, members_only: bool) -> list[tuple[str, ...]]:
    """Every gettext text in one module: (msgid,) or (singular, plural)."""
    tree = ast.parse(path.read_text())
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    models = path.name == "models.py" or "models" in path.parts
    texts = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _name(node.func) not in GETTEXT | NGETTEXT:
            continue
        strings = [
            arg.value
            for arg in node.args
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        ]
        if _name(node.func).startswith("p") or _name(node.func).startswith("np"):
            strings = strings[1:]  # the context
        if not strings:
            continue
        if members_only and models and not _message_of_model(node, parents):
            continue
        texts.append(tuple(strings[:2]) if _name(node.func) in NGETTEXT else (strings[0],))
    return texts


def _message_of_model(node, parents) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Call) and _name(node.func) in MODEL_MESSAGES:
            return True
        if isinstance(node, ast.ClassDef) and {_name(b) for b in node.bases} & CHOICES:
            return True  # a choice's label: the portal shows it (get_..._display)
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.keyword)):
            return False
    return True  # a module-level message


def _template_texts(path: Path) -> list[tuple[str, ...]]:
    """The msgids of a template, as makemessages reads them: templatize writes each one
    as a gettext call on one line (the rest of the template blanked out)."""
    texts = []
    for line in templatize(path.read_text(), origin=str(path)).splitlines():
        tokens = list(tokenize.generate_tokens(io.StringIO(line.strip()).readline))
        for index, token in enumerate(tokens):
            if token.type != tokenize.NAME or token.string not in GETTEXT | NGETTEXT:
                continue
            strings, depth = [], 0
            for following in tokens[index + 1 :]:
                if following.string == "(":
                    depth += 1
                elif following.string == ")":
                    depth -= 1
                    if depth == 0:
                        break
                elif following.type == tokenize.STRING and depth == 1:
                    strings.append(ast.literal_eval(following.string))
            if token.string.startswith(("p", "np")):
                strings = strings[1:]
            if strings:
                texts.append(tuple(strings[:2]) if token.string in NGETTEXT else (strings[0],))
    return texts


def python_modules(*, members_only: bool) -> list[Path]:
    modules = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            if members_only and (_is_admin(path) or "management" in path.parts):
                continue
            modules.append(path)
    return modules


def templates(*, members_only: bool) -> list[Path]:
    found = sorted((ROOT / "templates").rglob("*.html")) + sorted(
        (ROOT / "templates").rglob("*.txt")
    )
    if members_only:
        found = [path for path in found if "admin" not in path.relative_to(ROOT).parts[1:2]]
    return found


def texts_read(*, members_only: bool) -> dict[tuple[str, ...], str]:
    """Each text (msgid or singular/plural) and where it is."""
    texts = {}
    for path in python_modules(members_only=members_only):
        for text in _python_texts(path, members_only=members_only):
            texts.setdefault(text, str(path.relative_to(ROOT)))
    for path in templates(members_only=members_only):
        for text in _template_texts(path):
            texts.setdefault(text, str(path.relative_to(ROOT)))
    return texts


def as_read(text: tuple[str, ...]) -> list[str]:
    """The English text and its Dutch translation (both plural forms where there are two)."""
    read = list(text)
    with translation.override("nl"):
        if len(text) == 2:
            read += [translation.ngettext(*text, 1), translation.ngettext(*text, 5)]
        else:
            read.append(translation.gettext(text[0]))
    return read


def test_member_facing_texts_and_their_translations_carry_no_rule_id():
    """The services' messages, the portal's forms and views, the models' refusals, the
    dashboard (which the Stuurgroep reads in the portal), every template outside the admin
    (portal, public site, mails, PDFs): neither the English text nor its Dutch
    translation names a rule id."""
    texts = texts_read(members_only=True)
    assert len(texts) > 1000, "the scan finds the site's texts"
    with_id = {
        where: read
        for text, where in texts.items()
        for read in as_read(text)
        if RULE_ID.search(read)
    }
    assert with_id == {}


def test_the_scan_sees_a_rule_id_in_a_service_message(tmp_path):
    """The scan itself: a service module with a rule id in its message is caught."""
    module = tmp_path / "services.py"
    module.write_text('from django.utils.translation import gettext as _\nX = _("Full (P2).")\n')
    assert _python_texts(module, members_only=True) == [("Full (P2).",)]
    assert RULE_ID.search("Full (P2).") and RULE_ID.search("S6: 1 meeting")
    assert not RULE_ID.search("Papers (A4 size)") and not RULE_ID.search("9711 AA")


def test_plurals_go_through_ngettext():
    """No "(s)" or "(en)" in any text of the site, the admin's included: a count picks its
    form through ngettext ("1 uitnodiging", "3 uitnodigingen")."""
    texts = texts_read(members_only=False)
    hacks = {
        where: read
        for text, where in texts.items()
        for read in as_read(text)
        if PLURAL_HACK.search(read)
    }
    assert hacks == {}


# --- The pages as each demo role reads them ---------------------------------------------

ROLES = {
    "visitor": None,
    "lid": "lid@example.org",
    "stuurgroep": "stuurgroep@example.org",
    "secretariaat": "secretaris@example.org",
}
# Files rather than pages (PDF, spreadsheets, feeds, uploads): not read here.
FILES = re.compile(r"pdf|csv|json|xlsx|download|feed|attachment|receipt|paper$|sitemap")
PAGES_PER_KIND = 2  # of each URL pattern (a meeting, an advice ...), this many are read


class Reader(HTMLParser):
    """A page's text as people read it (no script or style), and its own links."""

    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.hrefs: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attrs.get(name):
                self.text.append(attrs[name])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def _kind(path: str) -> str | None:
    """The URL pattern a path resolves to (None: not ours, or a file)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name or ""
    if FILES.search(name) or name.startswith("admin:"):
        return None
    return name


def _readable(href: str, *, within: tuple[str, ...]) -> str | None:
    href = urldefrag(href)[0]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = parts.path
    if not path.startswith(within) or path.startswith(("/admin/", "/account/", "/i18n/")):
        return None
    return path


def read_site(client: Client, start: str, within: tuple[str, ...]) -> dict[str, str]:
    """Every page of a kind (up to PAGES_PER_KIND each) reachable from `start`: its text."""
    seen, queue, pages, kinds = {start}, [start], {}, {}
    while queue:
        path = queue.pop(0)
        kind = _kind(path)
        if kind is None or kinds.get(kind, 0) >= PAGES_PER_KIND:
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        reader = Reader()
        reader.feed(response.content.decode())
        pages[path] = " ".join(" ".join(reader.text).split())
        for href in reader.hrefs:
            found = _readable(href, within=within)
            if found and found not in seen:
                seen.add(found)
                queue.append(found)
    return pages


@pytest.fixture
def reader_for():
    def make(role: str) -> Client:
        client = Client()
        if ROLES[role]:
            login_verified(client, User.objects.get(email=ROLES[role]))
        return client

    return make


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_world")
@pytest.mark.parametrize("role", ROLES)
def test_the_pages_a_role_reads_name_no_rule_id_and_write_dates_in_dutch(role, reader_for):
    """Each demo role walks its part of the site (a visitor the public site from the home
    page; a logged-in role the portal and its calendar): no rule id, no "15 Nov 2026"."""
    client = reader_for(role)
    if ROLES[role]:
        pages = read_site(client, "/portaal/", within=("/portaal/", "/agenda/"))
    else:
        pages = read_site(client, "/", within=("/",))
        pages = {path: text for path, text in pages.items() if not path.startswith("/portaal/")}
    assert len(pages) > 10, sorted(pages)
    ids = {path: RULE_ID.findall(text) for path, text in pages.items() if RULE_ID.search(text)}
    dates = {
        path: [m.group(0) for m in SHORT_MONTH.finditer(text)]
        for path, text in pages.items()
        if SHORT_MONTH.search(text)
    }
    assert ids == {}
    assert dates == {}


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_world")
def test_a_decision_of_the_plenary_is_carried_or_defeated_not_taken_over(client):
    """Issue 16.5: "Aangenomen"/"Verworpen" for the members' decisions; "Overgenomen" is
    the college's word for a recommendation it follows."""
    from steering.models import Decision

    decision = Decision.objects.filter(meeting__public=True).first()
    assert decision is not None, "the demo has a public meeting with decisions"
    page = client.get(reverse("steering_public:detail", args=[decision.meeting_id]))
    page = page.content.decode()
    with translation.override("nl"):
        carried, defeated = translation.gettext("Carried"), translation.gettext("Defeated")
        taken_over = translation.gettext("Adopted")
    assert carried in page or defeated in page
    assert taken_over not in page
