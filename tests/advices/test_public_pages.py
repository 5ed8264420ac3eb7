"""The public advice pages (/adviezen/): list, filters, detail, attachments, impact (A3, A4)."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from advices import public_selectors
from advices.impact import impact_per_year, impact_per_year_of
from advices.models import Attachment, Recommendation, Status, Trajectory
from tests.advices.factories import TrajectoryFactory
from tests.advices.public_factories import advice_at, published_advice
from tests.members.factories import UserFactory, theme
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory

pytestmark = pytest.mark.django_db

ADOPTED, PARTLY, NOT_ADOPTED = (
    Recommendation.Response.ADOPTED, Recommendation.Response.PARTLY,
    Recommendation.Response.NOT_ADOPTED,
)  # fmt: skip
LIST = reverse("advices_public:list")


def attach(trajectory, title, content, name, *, by, public):
    return Attachment.objects.create(
        trajectory=trajectory,
        title=title,
        file=ContentFile(content, name),
        content_type="application/pdf",
        size=len(content),
        uploaded_by=by,
        public=public,
    )


def detail_url(trajectory):
    return reverse("advices_public:detail", kwargs={"slug": trajectory.slug})


def slugs_on(response) -> list[str]:
    return re.findall(r'data-slug="([\w-]+)"', response.content.decode())


def test_a4_list_shows_published_advices_newest_first(client):
    now = timezone.now()
    older = published_advice(slug="ouder", at=now - datetime.timedelta(days=30))
    newer = published_advice(slug="nieuwer", at=now - datetime.timedelta(days=2))
    advice_at(Status.ADOPTED, slug="nog-niet")  # adopted, not published
    TrajectoryFactory(slug="concept")  # a draft
    published_advice(slug="later", at=now + datetime.timedelta(days=3))  # scheduled
    response = client.get(LIST)
    assert response.status_code == 200
    assert [
        s for s in slugs_on(response) if s in {"ouder", "nieuwer", "nog-niet", "concept", "later"}
    ] == [newer.slug, older.slug]
    assert response["Content-Type"].startswith("text/html")


def test_list_filters_by_year_law_theme_and_status(client):
    poverty = theme("Armoede")
    wmo = published_advice(slug="wmo", law_wmo=True, themes=[poverty])
    youth = published_advice(slug="jeugd", law_wmo=False, law_youth=True, status=Status.ADOPTED)
    earlier = published_advice(slug="eerder")
    year = wmo.adopted_on.year
    Trajectory.objects.filter(pk=earlier.pk).update(adopted_on=datetime.date(year - 2, 5, 1))
    assert set(slugs_on(client.get(LIST, {"wet": "jeugdwet"}))) == {youth.slug}
    assert set(slugs_on(client.get(LIST, {"thema": poverty.pk}))) == {wmo.slug}
    assert set(slugs_on(client.get(LIST, {"status": "adopted"}))) == {youth.slug}
    assert set(slugs_on(client.get(LIST, {"jaar": year}))) == {wmo.slug, youth.slug}
    assert set(slugs_on(client.get(LIST, {"jaar": year - 2}))) == {earlier.slug}
    # An unknown value (an old link, a year without advices) is ignored, not an error.
    assert len(slugs_on(client.get(LIST, {"wet": "onbekend", "jaar": year - 5}))) == 3


def test_list_paginates(client):
    for number in range(12):
        published_advice(slug=f"advies-{number}")
    first = client.get(LIST)
    second = client.get(LIST, {"pagina": 2})
    assert len(slugs_on(first)) == 10
    assert len(slugs_on(second)) == 2
    assert 'aria-current="page"' in second.content.decode()


def test_list_form_is_a_get_form_that_works_without_javascript(client):
    published_advice(slug="armoede")
    body = client.get(LIST).content.decode()
    form = re.search(r'<form method="get"[^>]*id="advice-filters"', body)
    assert form
    for name in ("q", "jaar", "wet", "thema", "status"):
        assert f'name="{name}"' in body
    assert "<script" not in body.split('id="inhoud"')[1]


def test_detail_shows_the_advice_its_responses_and_timeline(client):
    by = UserFactory(role="Secretariaat")
    poverty = theme("Armoede")
    trajectory = published_advice(
        Status.RESPONDED,
        subject="Ervaringen met armoede",
        slug="ervaringen-armoede",
        themes=[poverty],
        recommendations=[
            "Maak regelingen vindbaar.",
            "Schrap de vermogenstoets.",
            "Meet elk jaar.",
        ],
        responses=[ADOPTED, NOT_ADOPTED, PARTLY],
    )
    group = ProjectGroupFactory(trajectory=trajectory, name="Projectgroep Armoede")
    participation = ParticipationFactory(group=group)
    attach(trajectory, "Verslag wijkgesprekken", b"%PDF-1.4", "v.pdf", by=by, public=True)
    attach(trajectory, "Interne notitie", b"%PDF-1.4", "n.pdf", by=by, public=False)
    response = client.get(detail_url(trajectory))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1 and "Ervaringen met armoede" in body
    assert trajectory.summary in body
    assert "De projectgroep sprak met inwoners in drie wijken." in body  # way of working
    assert "Inwoners met weinig geld vinden de weg" in body  # considerations
    recommendations = re.findall(r'id="recommendation-(\d+)"', body)
    assert recommendations == ["1", "2", "3"]
    for status in ("response-adopted", "response-not_adopted", "response-partly"):
        assert status in body
    assert "Projectgroep Armoede" in body
    assert participation.member.last_name not in body  # no member names
    assert "RV 2026-123" in body  # the council proposal (A3)
    timeline = body.split('id="advice-timeline"')[1].split("</ol>")[0]
    assert trajectory.received_on.isoformat() in timeline
    assert trajectory.adopted_on.isoformat() in timeline
    assert trajectory.sent_on.isoformat() in timeline
    assert "2026-09-01" in timeline  # the college's response
    assert "Verslag wijkgesprekken" in body and "Interne notitie" not in body
    assert reverse("advices_public:pdf", kwargs={"slug": trajectory.slug}) in body
    assert "Armoede" in body  # theme


def test_a4_public_attachment_of_a_published_advice_downloads_others_are_404(client):
    by = UserFactory(role="Secretariaat")
    trajectory = published_advice(slug="met-bijlagen")
    public = attach(trajectory, "Verslag", b"%PDF-1.4 public", "v.pdf", by=by, public=True)
    private = attach(trajectory, "Intern", b"%PDF-1.4 intern", "i.pdf", by=by, public=False)
    draft = advice_at(Status.ADOPTED, slug="concept")
    of_draft = attach(draft, "Concept", b"%PDF-1.4 concept", "c.pdf", by=by, public=True)

    def url(attachment, slug):
        return reverse("advices_public:attachment", kwargs={"slug": slug, "pk": attachment.pk})

    response = client.get(url(public, trajectory.slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 public"
    assert 'filename="Verslag.pdf"' in response["Content-Disposition"]
    assert client.get(url(private, trajectory.slug)).status_code == 404
    assert client.get(url(of_draft, draft.slug)).status_code == 404
    assert client.get(url(public, draft.slug)).status_code == 404  # another advice's slug


def test_a3_impact_per_year_counts_responses_and_outstanding_advices():
    answered = published_advice(
        Status.RESPONDED,
        recommendations=["Een.", "Twee.", "Drie."],
        responses=[ADOPTED, PARTLY, NOT_ADOPTED],
    )
    published_advice(Status.SENT)  # awaiting the college's response
    published_advice(Status.ADOPTED)  # not sent: not counted
    year = answered.sent_on.year
    [impact] = impact_per_year(trajectories=Trajectory.objects.published())
    assert (impact.year, impact.adopted, impact.partly, impact.not_adopted, impact.outstanding) == (
        year, 1, 1, 1, 1,
    )  # fmt: skip
    assert impact.answered == 3


def test_a3_public_figures_sum_the_impact_as_impact_per_year_counts_it():
    # The list's figures (and a searched list's, summed per advice without a query) are
    # those of impact_per_year, over several years and every kind of advice.
    earlier = published_advice(
        Status.RESPONDED, recommendations=["Een.", "Twee."], responses=[ADOPTED, PARTLY]
    )
    Trajectory.objects.filter(pk=earlier.pk).update(sent_on=datetime.date(2023, 5, 1))
    published_advice(
        Status.RESPONDED, recommendations=["Een.", "Twee."], responses=[NOT_ADOPTED, ADOPTED]
    )
    published_advice(Status.SENT)  # awaiting the college's response
    published_advice(Status.SENT, recommendations=["Een."])  # ... with a recommendation
    published_advice(Status.ADOPTED)  # not sent: not counted
    published = Trajectory.objects.published()
    figures = public_selectors._figures_made()
    assert figures.impacts == impact_per_year(trajectories=published)
    assert len(figures.impacts) == 2
    assert impact_per_year_of([figures.impact_parts[earlier.pk]]) == impact_per_year(
        trajectories=published.filter(pk=earlier.pk)
    )


def test_a3_impact_is_shown_as_a_chart_and_a_table(client):
    trajectory = published_advice(
        Status.RESPONDED, recommendations=["Een.", "Twee."], responses=[ADOPTED, ADOPTED]
    )
    published_advice(Status.SENT)
    body = client.get(LIST).content.decode()
    assert 'role="img"' in body and 'class="impact-adopted"' in body
    table = body.split('id="impact-years-table"')[1].split("</table>")[0]
    cells = re.findall(r"<t[hd][^>]*>(\d+)</t[hd]>", table)
    assert cells == [str(trajectory.sent_on.year), "2", "0", "0", "1"]
    assert ' style="' not in body  # CSP: no inline styles
    detail = client.get(detail_url(trajectory)).content.decode()
    assert 'id="impact-advice-table"' in detail


def test_pages_have_a_title_description_and_open_graph(client):
    trajectory = published_advice(subject="Toegankelijke binnenstad", slug="binnenstad")
    body = client.get(detail_url(trajectory)).content.decode()
    assert re.search(r"<title>Toegankelijke binnenstad · ", body)
    assert f'<meta name="description" content="{trajectory.summary[:40]}' in body
    assert '<meta property="og:title" content="Toegankelijke binnenstad">' in body
    assert '<meta property="og:type" content="article">' in body
    assert 'rel="alternate" type="application/atom+xml"' in body
    listing = client.get(LIST).content.decode()
    assert '<meta property="og:type" content="website">' in listing


def test_list_items_show_the_publication_date_in_the_visitors_language(client, settings):
    published_advice(slug="maart", at=timezone.make_aware(datetime.datetime(2026, 3, 5, 23, 30)))
    dutch = client.get(LIST).content.decode()
    assert '<time datetime="2026-03-05T23:30:00+01:00">5 maart 2026</time>' in dutch
    english = client.get("/en" + LIST).content.decode()
    assert '<time datetime="2026-03-05T23:30:00+01:00">5 March 2026</time>' in english


def test_a_searched_list_counts_only_the_advices_it_shows_in_the_impact_chart(client):
    """Issue 19.4: ?q=schulden showed the chart of all advices."""
    published_advice(
        Status.RESPONDED, subject="Schulden en armoede", summary="Over schulden.",
        responses=["adopted", "adopted"],
    )  # fmt: skip
    published_advice(
        Status.RESPONDED, subject="Jeugdhulp", summary="Over jeugdhulp.",
        responses=["not_adopted", "not_adopted"],
    )  # fmt: skip
    everything = client.get(reverse("advices_public:list")).content.decode()
    assert "impact-narrowed" not in everything
    searched = client.get(reverse("advices_public:list"), {"q": "schulden"}).content.decode()
    table = searched.split('id="impact-years-table"')[1].split("</table>")[0]
    cells = re.findall(r"<t[hd][^>]*>(\d+)</t[hd]>", table)
    assert "impact-narrowed" in searched
    assert cells[1:] == ["2", "0", "0", "0"]  # adopted, partly, not adopted, outstanding
    table = everything.split('id="impact-years-table"')[1].split("</table>")[0]
    assert re.findall(r"<t[hd][^>]*>(\d+)</t[hd]>", table)[1:] == ["2", "0", "2", "0"]
