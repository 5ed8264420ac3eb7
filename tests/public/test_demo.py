"""seed_public_site: the guideline's about pages, news (one scheduled), a sent newsletter."""

import pytest
from django.urls import reverse
from django.utils import timezone

from demo.public_site import seed_public_site
from public.models import Delivery, NewsItem, Newsletter, Page, Subscriber
from public.selectors import ABOUT_SLUG

pytestmark = pytest.mark.django_db


def test_seed_public_site_is_idempotent_and_public(client):
    today = timezone.localdate()
    assert seed_public_site(today) > 0
    assert seed_public_site(today) == 0
    assert Page.objects.published().filter(slug=ABOUT_SLUG).exists()
    assert NewsItem.objects.count() == 4
    assert NewsItem.objects.published().count() == 3  # one is scheduled
    assert Subscriber.objects.active().count() == 3
    newsletter = Newsletter.objects.get()
    assert newsletter.sent_at and Delivery.objects.filter(status="sent").count() == 3
    about = client.get(reverse("public:about")).content.decode()
    assert "Stadadviseert" in about
    assert client.get(reverse("public:page", kwargs={"slug": "hoe-we-werken"})).status_code == 200
