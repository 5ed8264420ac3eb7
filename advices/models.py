"""Advice trajectories: from request to the college's response (A1–A5)."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.constraints import ConstraintMessages, Refusal
from members.models import Theme
from relations.models import ContactPerson


class Status(models.TextChoices):
    """The one workflow of a trajectory, in order (advices.workflow)."""

    RECEIVED = "received", _("Received")
    GROUP_FORMED = "group_formed", _("Project group formed")
    DRAFTING = "drafting", _("Drafting")
    ADOPTED = "adopted", _("Adopted by the plenary")
    SENT = "sent", _("Sent to the college")
    RESPONDED = "responded", _("College response received")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ORDER = [
    Status.RECEIVED, Status.GROUP_FORMED, Status.DRAFTING, Status.ADOPTED, Status.SENT,
    Status.RESPONDED, Status.MONITORING, Status.CLOSED,
]  # fmt: skip
ADOPTED_OR_LATER = ORDER[ORDER.index(Status.ADOPTED) :]
SENT_OR_LATER = ORDER[ORDER.index(Status.SENT) :]
RESPONDED_OR_LATER = ORDER[ORDER.index(Status.RESPONDED) :]


CONSULTED_BEFORE_ADOPTION = _(
    "The Clients' Council is consulted on or before the day of the plenary meeting that "
    "adopts the advice."
)


# S5: the project group hands its draft to the plenary (advices.drafting.advice_mark_ready);
# the plenary adopts only a draft handed over, never one the group is still writing.
READY_BEFORE_ADOPTION = _(
    "The plenary adopts only a draft its project group marked ready for the plenary."
)


class TrajectoryQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """A4: on the website: a publication date that has come (set only when adopted)."""
        return self.filter(published_at__isnull=False, published_at__lte=now or timezone.now())


class Trajectory(ConstraintMessages, models.Model):
    """An advice request (A1) and the trajectory that answers it."""

    constraint_messages = {
        "a1_requested_advice_names_its_requester": Refusal(
            "requested_by",
            _("A requested advice names who asked for it; an unsolicited one does not."),
        ),
        "a2_at_least_one_law": Refusal(
            "law_wmo",
            _("Choose at least one legal basis: Wmo 2015, Jeugdwet or Participatiewet."),
        ),
        "a2_participation_act_needs_clients_council": Refusal(
            "clients_council_consulted_on",
            _(
                "This advice has been adopted: on a Participatiewet subject it needs the date "
                "on which the Clients' Council was consulted."
            ),
        ),
        "a2_clients_council_consulted_before_adoption": Refusal(
            "clients_council_consulted_on", CONSULTED_BEFORE_ADOPTION
        ),
        # The trigger of steering/migrations/0007_a2_consulted_before_the_decision.py.
        "a2_decision_after_clients_council": Refusal(
            "clients_council_consulted_on", CONSULTED_BEFORE_ADOPTION
        ),
        # The trigger of advices/migrations/0009_s5_adopted_only_when_ready.py.
        "s5_adopted_only_when_ready": Refusal("status", READY_BEFORE_ADOPTION),
        "adopted_trajectory_records_the_plenary_decision": Refusal(
            "adoption_reference",
            _("An adopted advice records the plenary decision that adopted it, and its date."),
        ),
        "sent_trajectory_has_a_date": Refusal(
            "sent_on", _("A sent advice records the date it was sent to the college.")
        ),
        "withdrawal_has_a_reason": Refusal(
            "withdrawn_reason", _("Give the reason for withdrawal.")
        ),
        "a4_only_adopted_advices_are_published": Refusal(
            "published_at", _("Only an advice the plenary adopted is published.")
        ),
    }

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("Requested by the municipality")
        UNSOLICITED = "unsolicited", _("Unsolicited")

    class Requester(models.TextChoices):
        PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
        POLICY_OFFICER = "policy_officer", _("Policy officer")

    subject = models.CharField(_("subject"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("question or assignment"))
    plain_summary = models.TextField(
        _("summary in plain language"),
        max_length=1200,
        blank=True,
        help_text=_(
            "In plain Dutch (B1), in a few short sentences: what we were asked, what we "
            "advised, what the municipality did with it. Shown first on the advice's page, in "
            "the list, the feed and the newsletter."
        ),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    requested_by = models.CharField(_("requested by"), max_length=20, choices=Requester, blank=True)
    # Issue 23.3: chosen from the register of relations, one person one record.
    municipal_contact = models.ForeignKey(
        ContactPerson, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="trajectories", verbose_name=_("contact at the municipality"),
        help_text=_("The requester or the policy officer concerned, from the register."),
    )  # fmt: skip
    received_on = models.DateField(_("received on"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    law_wmo = models.BooleanField(_("Wmo 2015"), default=False)
    law_youth = models.BooleanField(_("Jeugdwet"), default=False)
    law_participation = models.BooleanField(_("Participatiewet"), default=False)
    agenda_item = models.CharField(
        _("long-term agenda item"), max_length=200, blank=True,
        help_text=_("The item of the municipality's long-term agenda (LTA), if any."),
    )  # fmt: skip
    clients_council_consulted_on = models.DateField(
        _("Clients' Council consulted on"), null=True, blank=True,
        help_text=_("A2: required before a Participatiewet subject can be adopted."),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.RECEIVED)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adoption_reference = models.CharField(
        _("plenary decision"), max_length=200, blank=True,
        help_text=_("S5: the plenary meeting's decision that adopted the advice."),
    )  # fmt: skip
    sent_on = models.DateField(_("sent to the college on"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True,
        help_text=_("A4: set by the secretariat's publish action; public from then on."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The Dutch full-text document of the published advice (advices.search), written by
    # advice_publish: the text is frozen at adoption, so it cannot go stale afterwards.
    search_document = SearchVectorField(_("search document"), null=True, blank=True, editable=False)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("advice trajectory")
        verbose_name_plural = _("advice trajectories")
        ordering = ["-received_on"]
        indexes = [
            GinIndex(fields=["search_document"], name="trajectory_search_gin"),
            models.Index(fields=["-published_at"], name="trajectory_published_idx"),
        ]
        constraints = [
            # A1: a requested advice names who asked; an unsolicited one does not.
            models.CheckConstraint(
                condition=Q(kind="requested") & ~Q(requested_by="")
                | Q(kind="unsolicited", requested_by=""),
                name="a1_requested_advice_names_its_requester",
            ),
            # A2: the legal basis is at least one of the three laws.
            models.CheckConstraint(
                condition=Q(law_wmo=True) | Q(law_youth=True) | Q(law_participation=True),
                name="a2_at_least_one_law",
            ),
            # A2: Participatiewet subjects only after consulting the Clients' Council.
            models.CheckConstraint(
                condition=~Q(law_participation=True, status__in=ADOPTED_OR_LATER)
                | Q(clients_council_consulted_on__isnull=False),
                name="a2_participation_act_needs_clients_council",
            ),
            # A2: ... and that consultation comes before the adoption, not after.
            models.CheckConstraint(
                condition=~Q(law_participation=True, status__in=ADOPTED_OR_LATER)
                | Q(clients_council_consulted_on__lte=F("adopted_on")),
                name="a2_clients_council_consulted_before_adoption",
            ),
            # S5: an adopted advice records the plenary decision.
            models.CheckConstraint(
                condition=~Q(status__in=ADOPTED_OR_LATER)
                | Q(adopted_on__isnull=False) & ~Q(adoption_reference=""),
                name="adopted_trajectory_records_the_plenary_decision",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=SENT_OR_LATER) | Q(sent_on__isnull=False),
                name="sent_trajectory_has_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawn_reason=""),
                name="withdrawal_has_a_reason",
            ),
            # A4: only an adopted advice is published.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status__in=ADOPTED_OR_LATER),
                name="a4_only_adopted_advices_are_published",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def public_summary(self) -> str:
        """The plain-language summary, else the question (issue 19.3)."""
        return self.plain_summary or self.summary

    @property
    def laws(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("law_wmo", "law_youth", "law_participation")
            if getattr(self, name)
        ]


class TrajectoryEvent(models.Model):
    """The timeline: every transition, who made it, when, and a note."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="events", verbose_name=_("trajectory")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("by"),
    )  # fmt: skip
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.trajectory}: {self.get_to_status_display()}"


class Advice(ConstraintMessages, models.Model):
    """The advice text of a trajectory; frozen once the plenary adopted it."""

    constraint_messages = {
        "s5_adopted_advice_was_ready": Refusal("ready_for_plenary", READY_BEFORE_ADOPTION),
    }

    trajectory = models.OneToOneField(
        Trajectory, on_delete=models.CASCADE, related_name="advice", verbose_name=_("trajectory")
    )
    introduction = models.TextField(_("introduction"), blank=True)
    way_of_working = models.TextField(_("way of working"), blank=True)
    considerations = models.TextField(_("considerations"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    ready_for_plenary = models.BooleanField(_("ready for the plenary"), default=False)
    frozen = models.BooleanField(
        _("frozen"), default=False, help_text=_("Adopted by the plenary: no more changes.")
    )

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advices")
        constraints = [
            # S5: an adopted (frozen) advice is a draft the project group marked ready.
            models.CheckConstraint(
                condition=Q(frozen=False) | Q(ready_for_plenary=True),
                name="s5_adopted_advice_was_ready",
            ),
        ]

    def __str__(self):
        return str(self.trajectory)


class Recommendation(ConstraintMessages, models.Model):
    """A numbered recommendation, and how the college processed it (A3)."""

    constraint_messages = {
        "recommendation_number_unique": Refusal(
            "number", _("This advice already has a recommendation with this number.")
        ),
        "recommendation_number_positive": Refusal(
            "number", _("Recommendations are numbered from 1.")
        ),
    }

    class Response(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        PARTLY = "partly", _("Partly adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    advice = models.ForeignKey(
        Advice, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("advice")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"))
    response = models.CharField(
        _("college's response"), max_length=12, choices=Response, blank=True
    )
    response_explanation = models.TextField(_("college's explanation"), blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["advice", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["advice", "number"], name="recommendation_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="recommendation_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class AdviceVersion(ConstraintMessages, models.Model):
    """A saved state of the draft: who changed what, when (drafting together)."""

    constraint_messages = {
        "advice_version_unique": Refusal(
            "number", _("This version of the advice has already been kept.")
        ),
    }

    advice = models.ForeignKey(
        Advice, on_delete=models.CASCADE, related_name="versions", verbose_name=_("advice")
    )
    number = models.PositiveIntegerField(_("version"))
    introduction = models.TextField(_("introduction"), blank=True)
    way_of_working = models.TextField(_("way of working"), blank=True)
    considerations = models.TextField(_("considerations"), blank=True)
    recommendations = models.JSONField(_("recommendations"), default=list)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
        verbose_name=_("by"),
    )  # fmt: skip
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("advice version")
        verbose_name_plural = _("advice versions")
        ordering = ["advice", "number"]
        constraints = [
            models.UniqueConstraint(fields=["advice", "number"], name="advice_version_unique"),
        ]

    def __str__(self):
        return f"{self.advice} v{self.number}"


class Comment(ConstraintMessages, models.Model):
    """A project-group member's comment on a section or a recommendation of the draft."""

    constraint_messages = {
        "comment_on_a_recommendation_names_it": Refusal(
            "recommendation",
            _("A comment on the recommendations names the recommendation; other comments do not."),
        ),
    }

    class Section(models.TextChoices):
        INTRODUCTION = "introduction", _("Introduction")
        WAY_OF_WORKING = "way_of_working", _("Way of working")
        CONSIDERATIONS = "considerations", _("Considerations")
        RECOMMENDATION = "recommendation", _("Recommendation")

    advice = models.ForeignKey(
        Advice, on_delete=models.CASCADE, related_name="comments", verbose_name=_("advice")
    )
    section = models.CharField(_("section"), max_length=20, choices=Section)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, null=True, blank=True, related_name="comments",
        verbose_name=_("recommendation"),
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("author"),
    )  # fmt: skip
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(section="recommendation", recommendation__isnull=False)
                | ~Q(section="recommendation") & Q(recommendation__isnull=True),
                name="comment_on_a_recommendation_names_it",
            ),
        ]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"


class CollegeResponse(ConstraintMessages, models.Model):
    """A3: the council proposal the advice was attached to, and the college's response."""

    constraint_messages = {
        "college_response_proposal_url_https": Refusal(
            "council_proposal_url",
            _("Give the address of the council proposal as a secure link, starting with https://."),
        ),
    }

    trajectory = models.OneToOneField(
        Trajectory, on_delete=models.CASCADE, related_name="college_response",
        verbose_name=_("trajectory"),
    )  # fmt: skip
    received_on = models.DateField(_("received on"))
    council_proposal_number = models.CharField(_("council proposal number"), max_length=50)
    council_proposal_date = models.DateField(_("council proposal date"))
    council_proposal_url = models.URLField(
        _("council proposal address"), max_length=500, blank=True,
        help_text=_(
            "The council proposal in the municipality's council information system "
            "(https://…); the public advice page links to it."
        ),
    )  # fmt: skip
    document = models.FileField(_("response document"), upload_to="responses/%Y/", blank=True)
    # The document's words, read when it is saved through the services
    # (advices.services.responses, advices.document_text): the site search finds the
    # advice by its response letter without opening a file.
    text = models.TextField(_("text of the response document"), blank=True, editable=False)

    class Meta:
        verbose_name = _("college response")
        verbose_name_plural = _("college responses")
        constraints = [
            # A public page links to it: only a secure address (issue 19.1).
            models.CheckConstraint(
                condition=Q(council_proposal_url="")
                | Q(council_proposal_url__startswith="https://"),
                name="college_response_proposal_url_https",
            ),
        ]

    def __str__(self):
        return f"{self.trajectory} — {self.council_proposal_number}"


class Attachment(models.Model):
    """A document of a trajectory: PDF, ODT or DOCX only, checked by content."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="attachments",
        verbose_name=_("trajectory"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="attachments/%Y/")
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("uploaded by"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown with the published advice (A4).")
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.title


class MonitoringNote(models.Model):
    """What happened since the college's response (issue 19.1): a dated note of what the
    municipality did with the advice, shown on the advice's public page as a dated list."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="monitoring_notes",
        verbose_name=_("trajectory"),
    )  # fmt: skip
    noted_on = models.DateField(_("date"))
    text = models.TextField(_("what happened"), max_length=2000)
    public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the advice's page once it is published.")
    )

    class Meta:
        verbose_name = _("monitoring note")
        verbose_name_plural = _("monitoring notes")
        ordering = ["-noted_on", "-pk"]

    def __str__(self):
        return f"{self.noted_on:%Y-%m-%d}: {self.text[:60]}"
