"""SQL built once per worker and kept in its "local" cache, for the portal home (issue 20.2).

Building and compiling a queryset costs a few milliseconds of Python, running it a
fraction of that. A page asked on every visit can therefore keep the compiled SQL of its
querysets, as the dashboard does with its checks (asdg.dashboard._union_sql), when the
SQL depends on nothing but the code: the values that change per request (the member, the
moment, the day) are written as a `Parameter`, which compiles to a placeholder and is
filled in by `filled` when the kept SQL runs. The database still sees every request's
own values, so nothing shown can be older than the data.
"""

from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.db.models import CharField, Expression, QuerySet, Value, Window
from django.db.models.functions import Cast, RowNumber

SECONDS = 60 * 60 * 24


class Parameter(Expression):
    """A value given by name when the kept SQL runs, e.g. `Parameter("member", IntegerField())`
    in a filter: `member_id=MEMBER`."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]


def kept_sql(key: str, build: Callable[[], QuerySet]) -> tuple[str, tuple]:
    """The SQL and parameters of `build()`'s queryset, compiled once per worker."""
    key = f"asdg:sql:{key}"
    compiled = caches["local"].get(key)
    if compiled is None:
        compiled = build().query.sql_with_params()
        caches["local"].set(key, compiled, SECONDS)
    return compiled


def filled(params: tuple, values: dict) -> list:
    """`params` with each `Parameter` replaced by its value in `values`."""
    return [values[param.name] if isinstance(param, Parameter) else param for param in params]


def kept_rows(
    key: str, build: Callable[[], QuerySet], values: dict, prefix: str = ""
) -> list[dict]:
    """The rows of `build()`'s queryset (a `values()` one) for `values`, as dicts by
    column name without `prefix` (which keeps annotations clear of the model's fields)."""
    sql, params = kept_sql(key, build)
    with connection.cursor() as cursor:
        cursor.execute(sql, filled(params, values))
        columns = [column.name.removeprefix(prefix) for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def union_part(queryset, prefix: str, kind: str, columns: dict, order: list, **select):
    """`queryset` as one part of a UNION ALL of `values()` rows: the part's `kind`, then
    each of `columns` (name: field) from `select` or else a NULL of the field's type (so
    that the parts' types agree), then its `position` numbered in `order`. The names carry
    `prefix`, which keeps them clear of the model's fields (kept_rows takes it off)."""
    annotations = {
        f"{prefix}{name}": select.get(name) or Cast(Value(None), output_field=field)
        for name, field in columns.items()
    }
    return (
        queryset.order_by()
        .annotate(
            **{f"{prefix}kind": Value(kind, output_field=CharField())},
            **annotations,
            **{f"{prefix}position": Window(RowNumber(), order_by=order)},
        )
        .values(f"{prefix}kind", *annotations, f"{prefix}position")
    )
