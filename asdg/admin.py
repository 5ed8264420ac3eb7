"""Third-party admin pages adjusted for ASDG.

Issue 15.8: every admin action declares its permissions (tests/asdg/test_admin_actions.py);
django-axes' clean-up action does not, so it is declared here.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class ASDGAccessAttemptAdmin(AccessAttemptAdmin):
    @admin.action(description=_("Clean up expired attempts"), permissions=["delete"])
    def cleanup_expired_attempts(self, request, queryset):
        return super().cleanup_expired_attempts(request, queryset)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, ASDGAccessAttemptAdmin)
