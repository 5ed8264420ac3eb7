import functools

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import BadRequest
from django.db import transaction
from django.utils import timezone
from django.utils.decorators import method_decorator
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
        # sidebar's in each_context), each time checking every model's permissions:
        # built once per request.
        if app_label is not None:
            return super().get_app_list(request, app_label)
        if not hasattr(request, "_asdg_app_list"):
            request._asdg_app_list = super().get_app_list(request)
        return request._asdg_app_list

    @method_decorator(transaction.non_atomic_requests)  # reads only: no BEGIN and COMMIT
    def index(self, request, extra_context=None):
        # Issue 8: the admin index opens with what needs attention today.
        from asdg.dashboard import dashboard

        extra_context = {
            **(extra_context or {}),
            "dashboard": dashboard(today=timezone.localdate(), user=request.user),
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

    def each_context(self, request):
        context = super().each_context(request)
        organisation = organisation_get()
        context["site_header"] = organisation.name
        context["site_title"] = organisation.short_name
        return context
