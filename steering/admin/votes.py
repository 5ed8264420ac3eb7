"""Votes in the room (issue 17.5) in the admin: read-only. They are opened and closed on
the chair's page in the portal (steering.services.votes); a closed vote's counts are its
Decision, and the secretariat can still record a show of hands there by hand."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from members.shared import ReadOnlyInlineMixin
from steering.admin.meetings import CHANGE_FORM, CHANGE_LIST
from steering.models import RoomVote, RoomVoteRoll


class RoomVoteRollInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Who voted; in an open vote also how (a secret vote's roll has no choice)."""

    model = RoomVoteRoll
    fields = ["member", "choice", "voted_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


@admin.register(RoomVote)
class RoomVoteAdmin(admin.ModelAdmin):
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = ["proposal_short", "meeting", "secret", "opened_at", "closed_at", "outcome"]
    list_filter = ["secret"]
    search_fields = ["proposal"]
    list_select_related = ["meeting", "decision"]
    fields = [
        "meeting", "agenda_item", "proposal", "secret", "trajectory", "opened_by", "opened_at",
        "closed_by", "closed_at", "decision",
    ]  # fmt: skip
    readonly_fields = fields
    inlines = [RoomVoteRollInline]

    @admin.display(description=_("proposal"))
    def proposal_short(self, obj):
        return obj.proposal[:80]

    @admin.display(description=_("adopted"), boolean=True)
    def outcome(self, obj):
        return obj.decision.adopted if obj.decision_id else None

    def has_add_permission(self, request):
        return False  # opened by the chair in the room (vote_open)

    def has_change_permission(self, request, obj=None):
        return False  # S5: closed by the chair; its decision stands as recorded

    def has_delete_permission(self, request, obj=None):
        return False
