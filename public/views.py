"""Public pages: about us, news, editable pages, the newsletter. Thin: selectors and services."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from advices.publication import cache_public_page
from members.form_guards import rate_limited
from public import selectors
from public.forms import SiteSearchForm, SubscribeForm
from public.search import site_search
from public.services import (
    subscriber_check_confirmation,
    subscriber_check_unsubscribe,
    subscriber_confirm,
    subscriber_subscribe,
    subscriber_unsubscribe,
)

NEWS_PER_PAGE = 10
# A light brake on the sign-up form: this many attempts per address per hour.
SUBSCRIBE_LIMIT = 5


def about(request):
    today = timezone.localdate()
    round, round_is_open = selectors.recruitment_round_for(today)
    context = {
        "page": selectors.pages_published().filter(slug=selectors.ABOUT_SLUG).first(),
        "menu": selectors.pages_in_menu(),
        "steering_group": selectors.steering_group_on(today),
        "composition": selectors.composition_public(today=today),
        "round": round,
        "round_is_open": round_is_open,
    }
    return render(request, "public/about.html", context)


def page_detail(request, slug):
    if slug == selectors.ABOUT_SLUG:
        return redirect("public:about", permanent=True)
    page = get_object_or_404(selectors.pages_published(), slug=slug)
    return render(
        request, "public/page_detail.html", {"page": page, "menu": selectors.pages_in_menu()}
    )


def news_list(request):
    paginator = Paginator(
        selectors.news_published().only("title", "slug", "summary", "publish_at"), NEWS_PER_PAGE
    )
    news = paginator.get_page(request.GET.get("pagina"))
    return render(request, "public/news_list.html", {"news": news})


def news_detail(request, slug):
    item = get_object_or_404(selectors.news_published(), slug=slug)
    return render(request, "public/news_detail.html", {"item": item})


@require_safe
@transaction.non_atomic_requests  # reads only: no BEGIN and COMMIT around them
@cache_public_page  # one copy per publication version and address, the words included
def search(request):
    """Issue 19.4: one search over what the public site shows, its hits grouped by kind."""
    form = SiteSearchForm(request.GET if "q" in request.GET else None)
    text = form.search_text()
    groups = site_search(text) if text else None
    return render(
        request,
        "public/search.html",
        {
            "form": form,
            "query": text,
            "groups": groups,
            "found": sum(len(group.hits) for group in groups or ()),
        },
    )


# --- Newsletter -------------------------------------------------------------------


def newsletter_subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        if rate_limited(request, scope="subscribe", limit=SUBSCRIBE_LIMIT):
            return render(
                request, "public/newsletter_form.html", {"form": form, "limited": True}, status=429
            )
        if form.is_valid():
            if not form.is_bot():
                subscriber_subscribe(
                    email=form.cleaned_data["email"], site_url=request.build_absolute_uri("/")
                )
            # The same answer whether the address was new, pending or active.
            return redirect("public:newsletter-thanks")
    return render(request, "public/newsletter_form.html", {"form": form})


def newsletter_thanks(request):
    return render(request, "public/newsletter_thanks.html")


@require_http_methods(["GET", "POST"])
def newsletter_confirm(request, token):
    """GET shows a button (mail scanners that follow links confirm nothing); POST confirms."""
    try:
        if request.method == "POST":
            subscriber_confirm(token=token)
            return render(request, "public/newsletter_confirmed.html")
        subscriber_check_confirmation(token=token)
    except ValidationError as error:
        return render(request, "public/newsletter_link_refused.html", {"error": error}, status=400)
    return render(request, "public/newsletter_confirm.html")


@csrf_exempt  # RFC 8058: mail programs POST here without a form; the signed token suffices
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request, token):
    """One click: a POST (from the mail program, or the button on the GET page) deletes."""
    try:
        if request.method == "POST":
            subscriber_unsubscribe(token=token)
            return render(request, "public/newsletter_unsubscribed.html")
        # A GET only asks: link checkers must not unsubscribe anyone.
        subscriber_check_unsubscribe(token=token)
    except ValidationError as error:
        return render(request, "public/newsletter_link_refused.html", {"error": error}, status=400)
    return render(request, "public/newsletter_unsubscribe.html")
