"""Every database constraint of our apps, violated once: PostgreSQL must refuse it.

`test_every_constraint_has_a_violation_here` fails when a model gains a constraint that
is not exercised below.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.functional import Promise

from advices.models import (
    Advice,
    AdviceVersion,
    CollegeResponse,
    Comment,
    Recommendation,
    Trajectory,
)
from finance.models import Booking, BudgetLine, BudgetYear
from members.constraints import ConstraintMessages, refusal
from members.models import (
    Application,
    IncompatibilityDeclaration,
    Member,
    PostcodeArea,
    RecruitmentRound,
    TermExtensionRequest,
    Theme,
    User,
)
from organisation.models import Organisation
from projectgroups.models import Participation, ParticipationReminder
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.members.factories import (
    ApplicationFactory,
    MemberFactory,
    RecruitmentRoundFactory,
    UserFactory,
    secretary,
)
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory
from tests.url_matrix import expectations_from_modules

# Every app whose code lives in this project (not in the virtualenv).
OUR_APPS = [
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).resolve().parent == settings.BASE_DIR.resolve()
]


def _booking():
    return Booking.objects.create(
        line=BudgetLine.objects.filter(budget_year__year=2021).first(),
        date="2021-02-01",
        amount=Decimal("1"),
        description="x",
    )


def update(model, pk, **fields):
    model.objects.filter(pk=pk).update(**fields)


def _member_copy(**changes):
    original = MemberFactory()
    fields = {
        f.name: getattr(original, f.name)
        for f in Member._meta.concrete_fields
        if f.name not in ("id", "user", "term_end", "created_at")
    }
    return Member.objects.create(**{**fields, **changes})


VIOLATIONS = {
    "organisation_is_singleton": lambda: Organisation.objects.create(pk=2),
    "user_email_unique_case_insensitive": lambda: (
        UserFactory(email="a@example.org"),
        User.objects.create(email="A@example.org"),
    ),
    "postcode_area_four_digits": lambda: PostcodeArea.objects.create(
        digits="97AB", district="x", area="city"
    ),
    "m7_term_one_to_four_years": lambda: update(Member, MemberFactory().pk, term_years=5),
    "m7_extension_at_most_one_year": lambda: update(
        Member, MemberFactory().pk, extension_months=13
    ),
    "member_end_has_date_and_reason": lambda: update(
        Member, MemberFactory().pk, ended_on=datetime.date(2030, 1, 1)
    ),
    "member_ends_after_start": lambda: update(
        Member, MemberFactory().pk, ended_on=datetime.date(2000, 1, 1), end_reason="other"
    ),
    "member_one_sitting_membership_per_email": lambda: _member_copy(),
    "member_special_data_needs_consent": lambda: update(
        Member, MemberFactory().pk, cultural_background="europe"
    ),
    "m7_extension_request_1_to_12_months": lambda: TermExtensionRequest.objects.create(
        member=MemberFactory(), months=13
    ),
    "m7_one_granted_extension_per_member": lambda: [
        TermExtensionRequest.objects.create(
            member=member, months=3, status="granted", decided_at=timezone.now()
        )
        for member in [MemberFactory()] * 2
    ],
    "one_pending_extension_request_per_member": lambda: [
        TermExtensionRequest.objects.create(member=member, months=3)
        for member in [MemberFactory()] * 2
    ],
    "extension_decision_has_a_time": lambda: TermExtensionRequest.objects.create(
        member=MemberFactory(), months=3, status="refused"
    ),
    "one_declaration_per_member_year": lambda: [
        IncompatibilityDeclaration.objects.create(
            member=member,
            year=2026,
            m5_council=False,
            m5_employee=False,
            m5_commercial=False,
            m5_political=False,
        )
        for member in [MemberFactory()] * 2
    ],  # fmt: skip
    "round_closes_after_it_opens": lambda: RecruitmentRound.objects.create(
        year=2030, opens_on=datetime.date(2030, 5, 1), closes_on=datetime.date(2030, 4, 1)
    ),
    "m2_round_within_its_year": lambda: RecruitmentRound.objects.create(
        year=2030, opens_on=datetime.date(2030, 12, 1), closes_on=datetime.date(2031, 1, 5)
    ),
    "one_application_per_email_per_round": lambda: [
        ApplicationFactory(email="x@example.org", round=round_)
        for round_ in [RecruitmentRoundFactory()] * 2
    ],
    "m6_personal_capacity": lambda: ApplicationFactory(personal_capacity=False),
    "m5_ineligible_never_admitted": lambda: update(
        Application,
        ApplicationFactory(m5_council=True).pk,
        decision="admitted",
        decided_at=timezone.now(),
        decided_by=secretary(),
        decision_reason="x",
    ),
    "m3_decision_records_who_when_why": lambda: update(
        Application, ApplicationFactory().pk, decision="declined", decided_at=timezone.now()
    ),
    "only_admitted_applications_have_a_member": lambda: update(
        Application, ApplicationFactory().pk, member=MemberFactory()
    ),
    "application_special_data_needs_consent": lambda: ApplicationFactory(
        cultural_background="europe"
    ),
    # advices
    "a1_requested_advice_names_its_requester": lambda: TrajectoryFactory(requested_by=""),
    "a2_at_least_one_law": lambda: TrajectoryFactory(law_wmo=False),
    "a2_participation_act_needs_clients_council": lambda: update(
        Trajectory,
        TrajectoryFactory(law_participation=True).pk,
        status="adopted",
        adopted_on=datetime.date(2026, 6, 1),
        adoption_reference="BB",
    ),
    "a2_clients_council_consulted_before_adoption": lambda: update(
        Trajectory,
        TrajectoryFactory(
            law_participation=True, clients_council_consulted_on=datetime.date(2026, 7, 1)
        ).pk,
        status="adopted",
        adopted_on=datetime.date(2026, 6, 1),
        adoption_reference="BB",
    ),
    "adopted_trajectory_records_the_plenary_decision": lambda: update(
        Trajectory, TrajectoryFactory().pk, status="adopted"
    ),
    "sent_trajectory_has_a_date": lambda: update(
        Trajectory, advance_to(TrajectoryFactory(), "adopted").pk, status="sent"
    ),
    "withdrawal_has_a_reason": lambda: update(
        Trajectory, TrajectoryFactory().pk, status="withdrawn"
    ),
    "recommendation_number_unique": lambda: [
        Recommendation.objects.create(advice=advice, number=1, text="x")
        for advice in [TrajectoryFactory().advice] * 2
    ],
    "recommendation_number_positive": lambda: Recommendation.objects.create(
        advice=TrajectoryFactory().advice, number=0, text="x"
    ),
    "advice_version_unique": lambda: [
        AdviceVersion.objects.create(advice=advice, number=2)
        for advice in [TrajectoryFactory().advice] * 2
    ],
    "comment_on_a_recommendation_names_it": lambda: Comment.objects.create(
        advice=TrajectoryFactory().advice, section="recommendation", author=secretary(), text="x"
    ),
    # projectgroups
    "p4_support_hours_not_negative": lambda: ProjectGroupFactory(external_support_hours=-1),
    "dissolved_group_has_a_date": lambda: ProjectGroupFactory(phase="dissolved"),
    "one_active_participation_per_member_and_group": lambda: [
        Participation.objects.create(group=group, member=member)
        for group, member in [(ProjectGroupFactory(), MemberFactory())] * 2
    ],
    "confirmed_participation_has_a_date": lambda: ParticipationFactory(confirmed_on=None),
    "left_participation_has_a_date": lambda: ParticipationFactory(status="left"),
    # finance
    "f1_funding_not_negative": lambda: BudgetYear.objects.get(year=2021).sources.create(
        name="x", amount=Decimal("-1")
    ),
    "f2_line_has_what_its_formula_needs": lambda: BudgetYear.objects.get(year=2021).lines.create(
        name="x", basis="fixed"
    ),
    "f2_unit_amount_not_negative": lambda: BudgetYear.objects.get(year=2021).lines.create(
        name="x", basis="entered", unit_amount=Decimal("-1"), quantity=Decimal("1")
    ),
    "correction_has_a_reason": lambda: Booking.objects.create(
        line=BudgetLine.objects.filter(budget_year__year=2021).first(),
        date="2021-02-01",
        amount=Decimal("1"),
        description="x",
        source="correction",
        corrects=_booking(),
    ),  # fmt: skip
    "correction_is_marked_as_such": lambda: Booking.objects.create(
        line=BudgetLine.objects.filter(budget_year__year=2021).first(),
        date="2021-02-01",
        amount=Decimal("1"),
        description="x",
        corrects=_booking(),
        reason="x",
    ),  # fmt: skip
    "a4_only_adopted_advices_are_published": lambda: TrajectoryFactory(published_at=timezone.now()),
    "m8_one_reminder_per_year": lambda: [
        ParticipationReminder.objects.create(member=member, year=2026)
        for member in [MemberFactory()] * 2
    ],
}
# Unique fields (unique=True) are constraints too.
UNIQUE_FIELDS = {
    "members.User.email": lambda: [User.objects.create(email="u@example.org") for _ in "12"],
    "members.PostcodeArea.digits": lambda: [
        PostcodeArea.objects.create(digits="9999", district="x", area="city") for _ in "12"
    ],
    "members.Theme.name": lambda: [Theme.objects.create(name="Dubbel") for _ in "12"],
    "members.RecruitmentRound.year": lambda: (
        [RecruitmentRoundFactory(year=2031)]
        + [
            RecruitmentRound.objects.create(
                year=2031, opens_on="2031-02-01", closes_on="2031-03-01"
            )
        ]
    ),
    "members.Member.user": lambda: [
        MemberFactory(user=user, email=f"{n}@example.org")
        for n, user in enumerate([UserFactory()] * 2)
    ],
    "advices.Trajectory.slug": lambda: [TrajectoryFactory(slug="dubbel") for _ in "12"],
    "advices.Advice.trajectory": lambda: Advice.objects.create(trajectory=TrajectoryFactory()),
    "advices.CollegeResponse.trajectory": lambda: [
        CollegeResponse.objects.create(
            trajectory=trajectory,
            received_on="2026-01-01",
            council_proposal_number="1",
            council_proposal_date="2026-01-01",
        )
        for trajectory in [TrajectoryFactory()] * 2
    ],  # fmt: skip
    "projectgroups.ProjectGroup.trajectory": lambda: [
        ProjectGroupFactory(trajectory=trajectory) for trajectory in [TrajectoryFactory()] * 2
    ],
    "finance.BudgetYear.year": lambda: BudgetYear.objects.create(year=2021),
    "finance.Booking.source_key": lambda: [
        Booking.objects.create(
            line=BudgetLine.objects.filter(budget_year__year=2021).first(),
            date="2021-02-01",
            amount=Decimal("1"),
            description="x",
            source_key="dubbel",
        )
        for _ in "12"
    ],  # fmt: skip
    "members.Application.member": lambda: [
        update(Application, application.pk, member=member)
        for member in [MemberFactory()]
        for application in [
            ApplicationFactory(
                decision="admitted",
                decided_at=timezone.now(),
                decided_by=secretary(),
                decision_reason="x",
            )
            for _ in "12"
        ]
    ],  # fmt: skip
}


# Areas may declare theirs next to their own tests, in tests/<app>/constraints_expected*.py.
for _name, _shared in (("VIOLATIONS", VIOLATIONS), ("UNIQUE_FIELDS", UNIQUE_FIELDS)):
    _area = expectations_from_modules(_name, pattern="constraints_expected*")
    assert not set(_area) & set(_shared), f"{_name} declared twice: {set(_area) & set(_shared)}"
    _shared.update(_area)


def _declared_constraints():
    names, unique_fields = set(), set()
    for app_label in OUR_APPS:
        for model in apps.get_app_config(app_label).get_models():
            names |= {constraint.name for constraint in model._meta.constraints}
            unique_fields |= {
                f"{app_label}.{model.__name__}.{field.name}"
                for field in model._meta.local_fields
                if field.unique and not field.primary_key
            }
    return names, unique_fields


def test_every_constraint_has_a_violation_here():
    names, unique_fields = _declared_constraints()
    assert names == set(VIOLATIONS), names ^ set(VIOLATIONS)
    assert unique_fields == set(UNIQUE_FIELDS), unique_fields ^ set(UNIQUE_FIELDS)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(VIOLATIONS) + sorted(UNIQUE_FIELDS))
def test_database_refuses(name):
    violate = VIOLATIONS.get(name) or UNIQUE_FIELDS[name]
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        violate()
    if name in VIOLATIONS:
        assert name in str(refused.value)
    if name in VIOLATIONS and name not in NO_FORM_REACHES:
        # Issue 21.6: the refusal becomes the constraint's message on its field.
        (model,) = [m for m, c in _constraints() if c.name == name]
        expected = model.constraint_messages[name]
        as_form_error = refusal(refused.value)
        assert as_form_error is not None, name
        assert as_form_error.message_dict == {
            expected.field or NON_FIELD_ERRORS: [str(expected.message)]
        }


# --- Issue 21.6: every constraint a form can hit has a message on the field causing it ---


# Constraints no form reaches, each with the reason; every other one has a Refusal.
NO_FORM_REACHES = {
    "organisation_is_singleton": (
        "organisation sits below members and imports no app of ours; its admin offers no add "
        "page once the one row exists (OrganisationAdmin.has_add_permission)"
    ),
}


def _constraints():
    for app_label in OUR_APPS:
        for model in apps.get_app_config(app_label).get_models():
            for constraint in model._meta.constraints:
                yield model, constraint


def _names_in(expression) -> set[str]:
    """The fields a constraint's condition, fields or expressions name (first part)."""
    if isinstance(expression, Q):
        names = set()
        for child in expression.children:
            if isinstance(child, tuple):
                names.add(child[0].split("__")[0])
                names |= _names_in(child[1])
            else:
                names |= _names_in(child)
        return names
    if isinstance(expression, F):
        return {expression.name.split("__")[0]}
    if isinstance(expression, str):
        return {expression}
    return set().union(
        *(_names_in(e) for e in getattr(expression, "get_source_expressions", list)())
    )


def _referenced(constraint) -> set[str]:
    names = set()
    if getattr(constraint, "condition", None) is not None:
        names |= _names_in(constraint.condition)
    for field in getattr(constraint, "fields", ()) or ():
        names.add(field)
    for expression in getattr(constraint, "expressions", ()) or ():
        # An ExclusionConstraint's expressions are (expression, operator) pairs.
        names |= _names_in(expression[0] if isinstance(expression, tuple) else expression)
    return {"id" if name == "pk" else name for name in names}


def test_every_constraint_has_a_dutch_message_on_the_field_that_causes_it():
    problems = []
    for model, constraint in _constraints():
        label = f"{model._meta.label}.{constraint.name}"
        if constraint.name in NO_FORM_REACHES:
            continue
        if not issubclass(model, ConstraintMessages):
            problems.append(f"{model._meta.label}: not a ConstraintMessages model")
            continue
        known = model.constraint_messages.get(constraint.name)
        if known is None:
            problems.append(f"{label}: no Refusal in constraint_messages")
            continue
        if not isinstance(known.message, Promise):
            problems.append(f"{label}: the message is not translatable (gettext_lazy)")
        with translation.override("en"):
            text = str(known.message)
        if not text or constraint.name in text:
            problems.append(f"{label}: the message names the constraint")
        if known.field is None:
            if not known.why:
                problems.append(f"{label}: a message on top needs `why` no field causes it")
        elif known.field not in _referenced(constraint):
            problems.append(f"{label}: {known.field} is not a field the constraint checks")
        else:
            model._meta.get_field(known.field)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_a_form_shows_the_message_on_the_field_not_the_constraint_name():
    """Model.validate_constraints, as a ModelForm calls it, through ConstraintMessages."""
    trajectory = advance_to(
        TrajectoryFactory(
            law_participation=True, clients_council_consulted_on=datetime.date(2026, 5, 1)
        ),
        "adopted",
    )
    trajectory.clients_council_consulted_on = None
    with pytest.raises(ValidationError) as refused:
        trajectory.validate_constraints()
    expected = Trajectory.constraint_messages["a2_participation_act_needs_clients_council"]
    assert refused.value.message_dict == {"clients_council_consulted_on": [str(expected.message)]}


@pytest.mark.django_db
def test_check_constraints_are_asked_in_one_query_with_the_same_answers_as_django():
    """Issue 20.3: ConstraintMessages asks all check constraints of a row in one SELECT
    (Django asks one query in a savepoint per constraint); the answers are Django's."""
    from django.db import connection
    from django.db.models import CheckConstraint
    from django.test.utils import CaptureQueriesContext

    consulted = datetime.date(2026, 5, 1)
    trajectory = TrajectoryFactory(law_participation=True, clients_council_consulted_on=consulted)
    trajectory = advance_to(trajectory, "adopted")
    trajectory.law_wmo = trajectory.law_youth = trajectory.law_participation = False
    trajectory.adoption_reference = ""
    checks = [c for c in Trajectory._meta.constraints if type(c) is CheckConstraint]
    assert len(checks) >= 8
    with CaptureQueriesContext(connection) as queries:
        broken = trajectory._broken_checks(Trajectory, checks, None, "default")
    asked = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(asked) == 1
    django_says = set()
    for constraint in checks:
        try:
            constraint.validate(Trajectory, trajectory)
        except ValidationError:
            django_says.add(constraint.name)
    assert broken == django_says == {
        "a2_at_least_one_law", "adopted_trajectory_records_the_plenary_decision",
    }  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        trajectory.validate_constraints()
    assert set(refused.value.message_dict) == {"law_wmo", "adoption_reference"}


@pytest.mark.django_db
def test_a_check_over_a_field_left_out_is_not_asked_as_in_django():
    trajectory = advance_to(TrajectoryFactory(), "adopted")
    trajectory.adoption_reference = ""
    with pytest.raises(ValidationError):
        trajectory.validate_constraints()
    trajectory.validate_constraints(exclude={"adoption_reference"})  # not checked: no error


@pytest.mark.django_db
def test_a_value_the_database_cannot_compare_passes_the_checks_as_in_django():
    """The batch fails as a whole; each check is then asked on its own, as Django asks it
    (which logs the error and lets that check pass), and the transaction goes on."""
    from django.db.models import CheckConstraint

    trajectory = advance_to(TrajectoryFactory(), "adopted")
    trajectory.adoption_reference = "\x00"  # PostgreSQL takes no NUL in a text
    checks = [c for c in Trajectory._meta.constraints if type(c) is CheckConstraint]
    django_says = set()
    for constraint in checks:
        try:
            constraint.validate(Trajectory, trajectory)
        except ValidationError:
            django_says.add(constraint.name)
    assert trajectory._broken_checks(Trajectory, checks, None, "default") == django_says
    assert Trajectory.objects.filter(pk=trajectory.pk).exists()  # the transaction goes on
