"""Database constraints as messages on fields (issue 21.6).

A form must never show a constraint's name ("Constraint 'a2_…' is violated") nor a
traceback. Each model with constraints lists, in `constraint_messages`, every constraint
of its Meta and every trigger that raises a check violation for its table, as a
Refusal: the field that causes it and the message, in the user's language.

`ConstraintMessages.validate_constraints` puts the message on that field when a form (or
full_clean) finds the row would break the constraint; `refusal` and `save_or_refuse`
turn the database's own refusal (a trigger, or a constraint a form could not check)
into the same ValidationError. tests/asdg/test_constraints.py requires a Refusal for
every constraint, so a new constraint without a message fails there.

This module sits on the ground floor and imports no app of ours.
"""

from contextlib import nullcontext
from typing import NamedTuple

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, FieldError, ValidationError
from django.db import DatabaseError, IntegrityError, connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE
from django.utils.functional import Promise


class Refusal(NamedTuple):
    """The field a constraint's message belongs on, or None with `why` when no single
    field causes it (the message is then shown on top of the form)."""

    field: str | None
    message: str | Promise
    why: str = ""


class ConstraintMessages:
    """Model mixin: a refused constraint is a message on the field that causes it."""

    constraint_messages: dict[str, Refusal] = {}

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(self.__class__, instance=self)
        errors = {}
        for model_class, constraints in self.get_constraints():
            checks = [c for c in constraints if type(c) is CheckConstraint]
            broken = self._broken_checks(model_class, checks, exclude, using)
            for constraint in constraints:
                try:
                    if type(constraint) is CheckConstraint:
                        if constraint.name in broken:
                            raise ValidationError(
                                constraint.get_violation_error_message(),
                                code=constraint.violation_error_code,
                            )
                    else:
                        constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError:
                    known = self.constraint_messages.get(constraint.name)
                    if known is None:
                        raise
                    field = known.field or NON_FIELD_ERRORS
                    errors.setdefault(field, []).append(
                        ValidationError(known.message, code=constraint.name)
                    )
        if errors:
            raise ValidationError(errors)

    def _broken_checks(self, model_class, checks, exclude, using) -> set[str]:
        """The names of the check constraints this row would break, asked in one query.

        Django's CheckConstraint.validate asks one query per constraint, each in a
        savepoint when a transaction is open: three round trips a constraint, a dozen
        constraints on a trajectory. This asks the same conditions, as Django words them
        (COALESCE(condition, true) over the row's values), as the columns of one SELECT. A
        constraint over a field left out (`exclude`) is not checked, as in Django.
        """
        if not checks:
            return set()
        against = self._get_field_expression_map(meta=model_class._meta, exclude=exclude)
        query = Query(None)
        for name, value in against.items():
            if not hasattr(value, "resolve_expression"):
                value = Value(value)
            query.add_annotation(value, name, select=False)
        asked = []
        for constraint in checks:
            holds = Coalesce(Q(constraint.condition), True, output_field=BooleanField())
            try:
                query.add_annotation(holds, f"_holds_{len(asked)}")
            except FieldError:
                continue  # over a field left out of this validation
            asked.append(constraint)
        if not asked:
            return set()
        connection = connections[using]
        try:
            with transaction.atomic(using=using) if connection.in_atomic_block else nullcontext():
                row = query.get_compiler(using=using).execute_sql(SINGLE)
        except DatabaseError:
            # A value the database cannot compare: each constraint on its own, as Django
            # asks it (which lets a condition it cannot evaluate pass).
            return {c.name for c in asked if not Q(c.condition).check(against, using=using)}
        return {constraint.name for constraint, holds in zip(asked, row, strict=True) if not holds}


def _model_of_table(table: str):
    return next((m for m in apps.get_models() if m._meta.db_table == table), None)


def refusal(error: IntegrityError) -> ValidationError | None:
    """The ValidationError for a constraint or trigger the database refused with, on its
    field; None when the constraint has no message (then the error is a bug)."""
    diag = getattr(error.__cause__, "diag", None)
    name, table = getattr(diag, "constraint_name", None), getattr(diag, "table_name", None)
    model = _model_of_table(table) if table else None
    known = getattr(model, "constraint_messages", {}).get(name) if name else None
    if known is None:
        return None
    return ValidationError({known.field or NON_FIELD_ERRORS: [known.message]}, code=name)


def save_or_refuse(instance, **save_kwargs) -> None:
    """Save; a refusal of the database becomes a ValidationError on its field."""
    try:
        with transaction.atomic():
            instance.save(**save_kwargs)
    except IntegrityError as error:
        refused = refusal(error)
        if refused is None:
            raise
        raise refused from error
