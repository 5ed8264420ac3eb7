from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.constraints import ConstraintMessages, Refusal
from members.models.common import CulturalBackground, IncompatibilityAnswers, OriginCouncil


class Area(models.TextChoices):
    """The three parts of the municipality since the 2019 merger."""

    CITY = "city", _("Groningen (city and its villages)")
    HAREN = "haren", _("Former municipality of Haren")
    TEN_BOER = "ten_boer", _("Former municipality of Ten Boer")


class PostcodeArea(ConstraintMessages, models.Model):
    """A four-digit postcode area inside the municipality (M4: residence).

    Shipped as data with its source (members/data/postcode_areas.csv); the
    secretariat corrects it in the admin.
    """

    constraint_messages = {
        "postcode_area_four_digits": Refusal(
            "digits", _("Four digits, the first not 0 (for example 9712).")
        ),
    }

    digits = models.CharField(_("postcode digits"), max_length=4, unique=True)
    district = models.CharField(_("district or village"), max_length=100)
    area = models.CharField(_("part of the municipality"), max_length=20, choices=Area)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        ordering = ["digits"]
        constraints = [
            models.CheckConstraint(
                condition=Q(digits__regex=r"^[1-9][0-9]{3}$"), name="postcode_area_four_digits"
            ),
        ]

    def __str__(self):
        return f"{self.digits} {self.district}"


class Theme(models.Model):
    """A subject of the social domain (M4), for knowledge and lived experience."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class TermEnd(models.Func):
    """The last day of a term: start + years + extension months - 1 day (M7)."""

    output_field = models.DateField()

    def as_sql(self, compiler, connection, **extra):
        start, years, months = (compiler.compile(e) for e in self.source_expressions)
        sql = (
            f"(({start[0]} + make_interval(years => {years[0]}, months => {months[0]}))::date - 1)"
        )
        return sql, (*start[1], *years[1], *months[1])


# Long enough for anything a person writes in a form, short enough that nobody can store
# megabytes through the public application form (issue 15.13).
NETWORK_MAX_LENGTH = 2000
MOTIVATION_MAX_LENGTH = 4000


class PersonalData(models.Model):
    """Contact data, residence and what M4 weighs, shared by applications and members."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    street_address = models.CharField(_("street and house number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7)
    postcode_area = models.ForeignKey(
        PostcodeArea, on_delete=models.PROTECT, verbose_name=_("postcode area")
    )
    date_of_birth = models.DateField(_("date of birth"))
    network = models.TextField(
        _("network"),
        blank=True,
        max_length=NETWORK_MAX_LENGTH,
        validators=[MaxLengthValidator(NETWORK_MAX_LENGTH)],
        help_text=_("Organisations, groups and people the person is connected with."),
    )
    # GDPR art. 9 data: only with explicit consent, only for the secretariat.
    cultural_background = models.CharField(
        _("cultural background"), max_length=20, choices=CulturalBackground, blank=True
    )
    special_consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    special_consent_version = models.CharField(
        _("consent wording version"), max_length=20, blank=True
    )

    class Meta:
        abstract = True
        constraints = []

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @staticmethod
    def text_within_length(prefix: str, field: str, limit: int):
        """A text field's length limit in the database too: a public form (issue 15.13)
        is not the only way in."""
        return models.CheckConstraint(
            condition=LessThanOrEqual(Length(field), limit),
            name=f"{prefix}_{field}_at_most_{limit}_characters",
            violation_error_message=_("This text is too long."),
        )

    @staticmethod
    def text_length_refusals(prefix: str, limits: dict[str, int]) -> dict[str, Refusal]:
        """The messages of text_within_length's constraints, on their fields."""
        return {
            f"{prefix}_{field}_at_most_{limit}_characters": Refusal(
                field,
                format_lazy(_("This text is too long: at most {limit} characters."), limit=limit),
            )
            for field, limit in limits.items()
        }

    @staticmethod
    def special_data_needs_consent(prefix: str):
        # Without recorded consent, no cultural background is stored.
        return models.CheckConstraint(
            condition=Q(cultural_background="") | Q(special_consent_at__isnull=False),
            name=f"{prefix}_special_data_needs_consent",
        )


class Member(ConstraintMessages, PersonalData):
    """A membership: one person, one term of 1–4 whole years, at most one extension (M7)."""

    constraint_messages = {
        "m7_term_one_to_four_years": Refusal("term_years", _("A term is 1 to 4 years.")),
        "m7_extension_at_most_one_year": Refusal(
            "extension_months", _("A term is extended by at most 1 year.")
        ),
        "member_end_has_date_and_reason": Refusal(
            "end_reason", _("A membership that ends has both a date and a reason.")
        ),
        "member_ends_after_start": Refusal(
            "ended_on", _("A membership cannot end before it starts.")
        ),
        "member_one_sitting_membership_per_email": Refusal(
            "email", _("A sitting member already has this e-mail address.")
        ),
        "member_special_data_needs_consent": Refusal(
            "cultural_background",
            _("Cultural background is recorded only with the person's explicit consent."),
        ),
        "m5_marked_membership_ends_by_due_date": Refusal(
            "ended_on",
            _(
                "This member declared an incompatibility: the membership ends on or "
                "before the date it is marked to end by."
            ),
        ),
        **PersonalData.text_length_refusals("member", {"network": NETWORK_MAX_LENGTH}),
        # The triggers of members 0010/0013 (M7): a term is set at admission and grows only
        # by the granted extension request.
        "m7_term_fixed_at_admission": Refusal(
            "term_years", _("The start and length of a term are fixed at admission.")
        ),
        "m7_extension_is_the_granted_request": Refusal(
            "extension_months",
            _("A term is extended only by granting the member's extension request."),
        ),
        # steering 0006: with start and term fixed (M7), only an extension granted for less
        # than the possible year can shorten the membership under a seat.
        "s1_membership_covers_its_seats": Refusal(
            "extension_months",
            _(
                "This member holds a steering-group seat that would then lie outside the "
                "membership; end or change the seat first."
            ),
        ),
    }

    class EndReason(models.TextChoices):
        TERM_ENDED = "term_ended", _("Term ended")
        INCOMPATIBLE = "incompatible", _("Incompatible with membership")  # M5
        RESIGNED = "resigned", _("Resigned")
        DECEASED = "deceased", _("Deceased")
        OTHER = "other", _("Other")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
        verbose_name=_("account"),
    )
    origin_council = models.CharField(
        _("origin council"),
        max_length=20,
        choices=OriginCouncil,
        blank=True,
        help_text=_("M10: for founding members, the council they came from."),
    )
    knowledge_themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("knowledge")
    )
    experience_themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("lived experience")
    )
    start_date = models.DateField(_("start of term"))
    # M7 on the fields too, so a form shows the message on the field; the constraints
    # below hold it in the database.
    term_years = models.PositiveSmallIntegerField(
        _("term in years"),
        validators=[
            MinValueValidator(1, _("A term is at least 1 year (M7).")),
            MaxValueValidator(4, _("A term is at most 4 years (M7).")),
        ],
    )
    extension_months = models.PositiveSmallIntegerField(
        _("extension in months"),
        default=0,
        validators=[MaxValueValidator(12, _("A term is extended by at most 1 year (M7)."))],
    )
    term_end = models.GeneratedField(
        expression=TermEnd(F("start_date"), F("term_years"), F("extension_months")),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name=_("end of term"),
    )
    # M5: a "yes" in the yearly declaration marks the membership to end by this day; the
    # secretariat confirms the end before it, else the daily run ends it on it.
    end_due_on = models.DateField(
        _("to end by (M5)"),
        null=True,
        blank=True,
        help_text=_(
            "The member declared an incompatibility (M5): the membership ends by this date."
        ),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=20, choices=EndReason, blank=True)
    end_note = models.TextField(_("end note"), blank=True)
    term_reminder_sent_on = models.DateField(_("term reminder sent on"), null=True, blank=True)
    declaration_reminded_year = models.PositiveSmallIntegerField(
        _("declaration reminder sent for year"), null=True, blank=True
    )
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["last_name", "first_name"]
        permissions = [("see_special_category_data", _("Can see special-category data"))]
        constraints = [
            # M7: a term is 1 to 4 whole years ...
            models.CheckConstraint(
                condition=Q(term_years__gte=1, term_years__lte=4), name="m7_term_one_to_four_years"
            ),
            # ... and can be extended once, by at most one year.
            models.CheckConstraint(
                condition=Q(extension_months__gte=0, extension_months__lte=12),
                name="m7_extension_at_most_one_year",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | Q(ended_on__isnull=False) & ~Q(end_reason=""),
                name="member_end_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("start_date")),
                name="member_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_due_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__lte=F("end_due_on")),
                name="m5_marked_membership_ends_by_due_date",
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(ended_on__isnull=True),
                name="member_one_sitting_membership_per_email",
            ),
            PersonalData.special_data_needs_consent("member"),
            PersonalData.text_within_length("member", "network", NETWORK_MAX_LENGTH),
        ]

    @property
    def is_sitting(self) -> bool:
        return self.ended_on is None

    @property
    def is_marked_to_end(self) -> bool:
        """M5: sitting, but declared an incompatibility; no new project groups or seats."""
        return self.is_sitting and self.end_due_on is not None


class TermExtensionRequest(ConstraintMessages, models.Model):
    """A member asks to extend the term (M7: once, by at most a year); the secretariat decides."""

    constraint_messages = {
        "m7_extension_request_1_to_12_months": Refusal(
            "months", _("An extension is 1 to 12 months.")
        ),
        "m7_one_granted_extension_per_member": Refusal(
            "status", _("This member's term has already been extended once.")
        ),
        "one_pending_extension_request_per_member": Refusal(
            "member", _("This member already has a request awaiting a decision.")
        ),
        "extension_decision_has_a_time": Refusal(
            "status", _("A decided request records when it was decided.")
        ),
        "m7_extension_decision_is_final": Refusal(
            "status", _("This request has already been decided.")
        ),
    }

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        related_name="extension_requests",
        verbose_name=_("member"),
    )
    months = models.PositiveSmallIntegerField(_("months"))
    motivation = models.TextField(_("motivation"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("term extension request")
        verbose_name_plural = _("term extension requests")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(months__gte=1, months__lte=12),
                name="m7_extension_request_1_to_12_months",
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status="granted"),
                name="m7_one_granted_extension_per_member",
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status="pending"),
                name="one_pending_extension_request_per_member",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | ~Q(status="pending") & Q(decided_at__isnull=False),
                name="extension_decision_has_a_time",
            ),
        ]

    def __str__(self):
        return f"{self.member} +{self.months}"


class IncompatibilityDeclaration(ConstraintMessages, IncompatibilityAnswers):
    """A sitting member's yearly answer to the four M5 questions."""

    constraint_messages = {
        "one_declaration_per_member_year": Refusal(
            "year", _("This member has already made the declaration for this year.")
        ),
    }

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("member")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("incompatibility declaration")
        verbose_name_plural = _("incompatibility declarations")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"], name="one_declaration_per_member_year"
            ),
        ]
