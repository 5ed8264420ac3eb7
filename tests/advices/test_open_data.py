"""Issue 19.5: open data of the published advices, their recommendations and the
college's verdict per recommendation, as CSV and JSON under CC0."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advices.impact import impact_per_year
from advices.models import Recommendation, Status, Trajectory
from advices.open_data import COLUMNS, SCHEMA_VERSION, open_data_csv, open_data_json
from advices.services import advice_unpublish
from tests.advices.public_factories import advice_at, published_advice

pytestmark = pytest.mark.django_db
Response = Recommendation.Response


def _csv_rows(client) -> list[dict]:
    response = client.get(reverse("advices_public:open-data-csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _json(client) -> dict:
    response = client.get(reverse("advices_public:open-data-json"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_the_csv_has_one_row_per_recommendation_with_the_colleges_verdict(client):
    advice = published_advice(
        Status.RESPONDED, subject="Schulden", responses=[Response.ADOPTED, Response.PARTLY],
        law_youth=True,
    )  # fmt: skip
    advice_at(Status.ADOPTED, subject="Nog niet gepubliceerd")
    rows = _csv_rows(client)
    assert list(rows[0]) == [column.name for column in COLUMNS]
    assert [(r["advice_slug"], r["recommendation_number"], r["verdict"]) for r in rows] == [
        (advice.slug, "1", "adopted"),
        (advice.slug, "2", "partly"),
    ]
    assert rows[0]["verdict_label"] == "Overgenomen"
    assert rows[0]["laws"] == "Wmo 2015; Jeugdwet"  # the factory sets Wmo
    assert rows[0]["adopted_on"] == advice.adopted_on.isoformat()
    assert rows[0]["advice_url"].endswith(reverse("advices_public:detail", args=[advice.slug]))


def test_the_verdict_counts_of_the_csv_equal_the_impact_table(client):
    """The round trip of the acceptance: what the site's chart counts, the data says."""
    published_advice(Status.RESPONDED, responses=[Response.ADOPTED, Response.NOT_ADOPTED])
    published_advice(Status.RESPONDED, responses=[Response.PARTLY, Response.ADOPTED])
    published_advice(Status.SENT)  # awaiting the college: empty verdicts
    counted = {"adopted": 0, "partly": 0, "not_adopted": 0, "": 0}
    for row in _csv_rows(client):
        counted[row["verdict"]] += 1
    impacts = impact_per_year(trajectories=Trajectory.objects.published())
    assert counted["adopted"] == sum(impact.adopted for impact in impacts) == 2
    assert counted["partly"] == sum(impact.partly for impact in impacts) == 1
    assert counted["not_adopted"] == sum(impact.not_adopted for impact in impacts) == 1
    assert counted[""] == 2


def test_the_json_nests_the_same_fields_per_advice_under_cc0(client):
    advice = published_advice(Status.RESPONDED, responses=[Response.ADOPTED, Response.PARTLY])
    document = _json(client)
    assert document["schema_version"] == SCHEMA_VERSION and document["license"] == "CC0-1.0"
    [entry] = document["advices"]
    assert entry["advice_slug"] == advice.slug
    assert [r["verdict"] for r in entry["recommendations"]] == ["adopted", "partly"]
    csv_fields = {column.name for column in COLUMNS}
    assert set(entry) - {"recommendations"} | set(entry["recommendations"][0]) == csv_fields


def test_unpublishing_takes_an_advice_out_of_the_files_at_once(client):
    advice = published_advice()
    assert {row["advice_slug"] for row in _csv_rows(client)} == {advice.slug}
    advice_unpublish(trajectory=advice, by=None)
    assert _csv_rows(client) == []
    assert _json(client)["advices"] == []


def test_a_recommendation_that_looks_like_a_formula_stays_text(client):
    published_advice(recommendations=['=HYPERLINK("https://example.org")', "Gewoon advies."])
    rows = _csv_rows(client)
    assert rows[0]["recommendation_text"].startswith("'=")


def test_the_page_documents_every_field_and_links_both_files(client):
    page = client.get(reverse("advices_public:open-data")).content.decode()
    for column in COLUMNS:
        assert f"<code>{column.name}</code>" in page
    assert reverse("advices_public:open-data-csv") in page
    assert reverse("advices_public:open-data-json") in page
    assert "CC0" in page


def test_the_files_are_served_from_the_cache_and_set_no_cookie(client, django_assert_num_queries):
    published_advice()
    first = client.get(reverse("advices_public:open-data-csv"))
    assert "ETag" in first and not first.cookies
    with django_assert_num_queries(0):
        again = client.get(reverse("advices_public:open-data-csv"))
    assert again.content == first.content


def test_the_files_cost_the_same_number_of_queries_for_more_advices():
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            open_data_json(site_url="")
            open_data_csv(site_url="")
        return len(context)

    published_advice(Status.RESPONDED, responses=[Response.ADOPTED, Response.PARTLY])
    few = queries()
    for _ in range(9):
        published_advice(Status.RESPONDED, responses=[Response.ADOPTED, Response.PARTLY])
    assert queries() == few


def test_the_advice_list_links_the_open_data(client):
    page = client.get(reverse("advices_public:list")).content.decode()
    assert reverse("advices_public:open-data") in page
