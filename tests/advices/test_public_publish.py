"""A4: advices are public and published on the website — and nothing else is."""

import datetime
import logging

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from advices.models import Status, Trajectory
from advices.services import advice_publish, advice_unpublish, trajectory_withdraw
from tests.advices.factories import TrajectoryFactory
from tests.advices.public_factories import advice_at, published_advice


@pytest.fixture(autouse=True)
def english_messages():
    """The refusals are matched on their English msgids (the Dutch is in locale/)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/advices/trajectory/"


def everywhere(client, trajectory) -> dict:
    """What each public place says about this advice: present (True) or absent (False)."""
    slug = trajectory.slug
    with translation.override("nl"):  # the address the sitemap lists: the Dutch page's
        detail = reverse("advices_public:detail", kwargs={"slug": slug})
    listing = client.get(reverse("advices_public:list")).content.decode()
    search = client.get(reverse("advices_public:list"), {"q": trajectory.subject})
    feed = client.get(reverse("advices_public:feed")).content.decode()
    sitemap = client.get(reverse("sitemap")).content.decode()
    return {
        "list": f'data-slug="{slug}"' in listing,
        "search": f'data-slug="{slug}"' in search.content.decode(),
        "feed": detail in feed,
        "sitemap": detail in sitemap,
        "detail": client.get(detail).status_code == 200,
        "pdf": client.get(reverse("advices_public:pdf", kwargs={"slug": slug})).status_code == 200,
    }


def test_a4_published_advice_is_on_the_website(client):
    trajectory = published_advice(Status.RESPONDED, subject="Collectieve zorgverzekering minima")
    assert everywhere(client, trajectory) == dict.fromkeys(
        ["list", "search", "feed", "sitemap", "detail", "pdf"], True
    )


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: TrajectoryFactory(subject="Concept armoede"), id="draft"),
        pytest.param(
            lambda: advice_at(Status.ADOPTED, subject="Vastgesteld armoede"), id="adopted"
        ),
        pytest.param(
            lambda: published_advice(
                subject="Gepland armoede", at=timezone.now() + datetime.timedelta(days=2)
            ),
            id="scheduled",
        ),
    ],
)
def test_a4_unpublished_advice_is_absent_everywhere(client, make):
    published_advice(subject="Gepubliceerd armoede")  # the pages are not empty
    trajectory = make()
    assert everywhere(client, trajectory) == dict.fromkeys(
        ["list", "search", "feed", "sitemap", "detail", "pdf"], False
    )


def test_a4_unpublished_again_disappears_at_once(client):
    trajectory = published_advice(subject="Toegankelijke binnenstad")
    assert everywhere(client, trajectory)["list"]  # now cached
    advice_unpublish(trajectory=trajectory, by=None)
    assert not any(everywhere(client, trajectory).values())


def test_a4_only_an_adopted_advice_can_be_published():
    trajectory = advice_at(Status.DRAFTING)
    with pytest.raises(ValidationError) as refused:
        advice_publish(trajectory=trajectory, by=None)
    assert "published_at" in refused.value.message_dict
    assert Trajectory.objects.get(pk=trajectory.pk).published_at is None
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Trajectory.objects.filter(pk=trajectory.pk).update(published_at=timezone.now())


def test_a4_publishing_twice_is_refused_clearly():
    trajectory = published_advice(Status.ADOPTED)
    first = trajectory.published_at
    with pytest.raises(ValidationError, match="already on the website"):
        advice_publish(trajectory=trajectory, by=None)
    assert Trajectory.objects.get(pk=trajectory.pk).published_at == first
    with pytest.raises(ValidationError, match="not on the website"):
        advice_unpublish(trajectory=advice_at(Status.ADOPTED), by=None)


def test_a4_publishing_is_audited(caplog):
    trajectory = advice_at(Status.ADOPTED)
    with caplog.at_level(logging.INFO, logger="asdg.audit"):
        advice_publish(trajectory=trajectory, by=None)
        advice_unpublish(trajectory=trajectory, by=None)
    events = [record.audit["event"] for record in caplog.records if hasattr(record, "audit")]
    assert events == ["advice.published", "advice.unpublished"]


def test_a4_withdrawing_a_published_advice_takes_it_off_the_website(client):
    trajectory = published_advice(Status.SENT)
    trajectory_withdraw(trajectory=trajectory, by=None, reason="Onderwerp vervallen")
    trajectory.refresh_from_db()
    assert trajectory.status == Status.WITHDRAWN and trajectory.published_at is None
    assert not everywhere(client, trajectory)["detail"]


def test_a4_secretariat_publishes_from_the_admin(secretariat_client, client):
    adopted = advice_at(Status.ADOPTED, subject="Mantelzorg en respijtzorg")
    drafting = advice_at(Status.DRAFTING)
    response = secretariat_client.post(
        CHANGELIST,
        {"action": "publish", ACTION_CHECKBOX_NAME: [adopted.pk, drafting.pk]},
        follow=True,
    )
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Mantelzorg en respijtzorg" in m for m in messages)
    adopted.refresh_from_db()
    drafting.refresh_from_db()
    assert adopted.published_at is not None and drafting.published_at is None
    assert everywhere(client, adopted)["feed"]

    secretariat_client.post(
        CHANGELIST, {"action": "unpublish", ACTION_CHECKBOX_NAME: [adopted.pk]}, follow=True
    )
    adopted.refresh_from_db()
    assert adopted.published_at is None


def test_a4_steering_group_cannot_publish(steering_client):
    adopted = advice_at(Status.ADOPTED)
    steering_client.post(CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: [adopted.pk]})
    adopted.refresh_from_db()
    assert adopted.published_at is None
