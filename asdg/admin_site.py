import functools
import hashlib

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import BadRequest
from django.db import transaction
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from organisation.selectors import organisation_get


class ASDGAdminSite(OTPAdminSite):
    """The admin, titled with the organisation's (editable) name.

    Staff must pass a second factor (TOTP) unless ASDG_ADMIN_REQUIRE_OTP is off,
    which only the local demo does.
    """

    index_title = _("Administration")

    def __init__(self, name="admin"):
        super().__init__(name)

    @property
    def login_form(self):
        if settings.ASDG_ADMIN_REQUIRE_OTP:
            return OTPAdminAuthenticationForm
        return AdminAuthenticationForm

    @property
    def login_template(self):
        if settings.ASDG_ADMIN_REQUIRE_OTP:
            return "otp/admin111/login.html"
        return None

    def has_permission(self, request):
        if settings.ASDG_ADMIN_REQUIRE_OTP:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def get_app_list(self, request, app_label=None):
        # Issue 20.2: the index asks for the whole list twice (its own, and the nav
        # sidebar's in each_context). It is built once per request, and only when a
        # template reads it: the index and the nav sidebar show it from cached fragments
        # (app_list_key, nav_sidebar_key).
        if app_label is not None:
            return super().get_app_list(request, app_label)
        if not hasattr(request, "_asdg_app_list"):
            build = super().get_app_list
            request._asdg_app_list = SimpleLazyObject(lambda: build(request))
        return request._asdg_app_list

    def app_list_key(self, request) -> str:
        """All that the app list of this request depends on, as a cache key.

        The list is the registered models this user may see, with the links they may
        follow, in the active language under the script prefix. Asking every model admin
        what this user may do keeps the key true whatever a model admin decides on (a
        permission, the organisation's row that already exists); only building the list
        (a reverse() per link) and rendering it are saved.
        """
        marks = []
        for model_admin in self._registry.values():
            if not model_admin.has_module_permission(request):
                marks.append("-")
                continue
            perms = model_admin.get_model_perms(request)
            marks.append("".join("1" if allowed else "0" for allowed in perms.values()))
        seen = "|".join([get_language() or "", get_script_prefix(), self.name, *marks])
        return hashlib.sha256(seen.encode()).hexdigest()

    @method_decorator(transaction.non_atomic_requests)  # reads only: no BEGIN and COMMIT
    def index(self, request, extra_context=None):
        # Issue 8: the admin index opens with what needs attention today.
        from asdg.dashboard import dashboard

        extra_context = {
            **(extra_context or {}),
            "dashboard": dashboard(today=timezone.localdate(), user=request.user),
            "app_list_key": functools.partial(self.app_list_key, request),
        }
        return super().index(request, extra_context)

    def admin_view(self, view, cacheable=False):
        wrapped = super().admin_view(view, cacheable)

        @functools.wraps(wrapped)
        def refuse_bad_selection(request, *args, **kwargs):
            # Django filters on the selected ids as sent: a tampered "" or "x" was a 500.
            selected = request.POST.getlist(ACTION_CHECKBOX_NAME) if request.POST else []
            if any(not (value.isdigit() and len(value) < 19) for value in selected):
                raise BadRequest("Invalid selection.")
            return wrapped(request, *args, **kwargs)

        return refuse_bad_selection

    def nav_sidebar_key(self, request) -> str:
        """The nav sidebar's cache key: the app list's (app_list_key) and the model whose
        pages these are, which the sidebar marks as the current one. (The admin's
        addresses are /admin/<app>/<model>/…: the first three parts decide it.)"""
        place = "/".join(request.path_info.split("/")[:4])
        return f"{self.app_list_key(request)}:{place}"

    def each_context(self, request):
        context = super().each_context(request)
        # Called by a template only when it renders the sidebar (a callable in a context).
        context["nav_sidebar_key"] = functools.partial(self.nav_sidebar_key, request)
        organisation = organisation_get()
        context["site_header"] = organisation.name
        context["site_title"] = organisation.short_name
        return context
