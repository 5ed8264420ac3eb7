import logging

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connections, transaction
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from advices.publication import cache_public_page
from asdg.portal import portal_context
from asdg.tasks import member_of, open_task_count_store, open_tasks
from public.selectors import news_latest

logger = logging.getLogger(__name__)


@transaction.non_atomic_requests  # reads only: no BEGIN and COMMIT around them
@cache_public_page
def home(request):
    return render(request, "asdg/home.html", {"news": news_latest(limit=3)})


@transaction.non_atomic_requests
@cache_public_page
def accessibility_statement(request):
    return render(request, "asdg/accessibility.html")


@login_required
@transaction.non_atomic_requests  # reads only (the menu's count goes to the cache)
def portal_home(request):
    """Issue 16: first what the person has to do, then what is coming, then their ASDG;
    the rest of the portal by area below."""
    now = timezone.now()
    tasks = open_tasks(user=request.user, now=now)
    open_task_count_store(user=request.user, tasks=tasks)
    context = portal_context(user=request.user, member=member_of(request.user), now=now)
    context |= {"tasks": tasks, "todo_count": len(tasks)}
    return render(request, "asdg/portal_home.html", context)


@never_cache
@transaction.non_atomic_requests
def healthz(request):
    """For the load balancer: 200 when the database answers, else 503. No session, no cookie.

    Outside ATOMIC_REQUESTS, so that an unreachable database gives a 503, not a 500.
    """
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database does not answer.", exc_info=True)
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The styled 500 page; falls back to plain text if even the template fails."""
    try:
        return HttpResponseServerError(loader.render_to_string(template_name, request=request))
    except Exception:
        logger.exception("The 500 page itself could not be rendered.")
        return HttpResponseServerError(
            "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
            content_type="text/plain; charset=utf-8",
        )
