"""organisation_get: each worker keeps its copy a second; its own changes show at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.selectors import organisation_get

pytestmark = pytest.mark.django_db


def test_a_second_read_within_the_second_is_this_workers_copy():
    first = organisation_get()
    with CaptureQueriesContext(connection) as queries:
        second = organisation_get()
    assert len(queries) == 0
    assert second == first and second.name == first.name  # the worker's "local" cache


def test_a_change_in_this_worker_shows_at_once():
    organisation = organisation_get()
    organisation.name = "Adviesraad Sociaal Domein Stad"
    organisation.save()
    assert organisation_get().name == "Adviesraad Sociaal Domein Stad"
