import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.csrf import requires_csrf_token

from asdg.dashboard import dashboard

logger = logging.getLogger(__name__)


def home(request):
    return render(request, "asdg/home.html")


def accessibility_statement(request):
    return render(request, "asdg/accessibility.html")


@login_required
def portal_home(request):
    roles = sorted(group.name for group in request.user.groups.all())
    context = {"roles": roles}
    # Issue 8: the steering group and the secretariat see what needs attention.
    if request.user.has_perm("members.view_member"):
        context["dashboard"] = dashboard(today=timezone.localdate())
    return render(request, "asdg/portal_home.html", context)


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
