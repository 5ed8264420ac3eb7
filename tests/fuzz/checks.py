"""What every fuzzed POST must keep true: no 500, no escaping exception, nothing half-saved.

`post_and_check` sends one request in a savepoint that is rolled back afterwards, so every
example starts from the same demo world. A refused request (anything but a redirect)
must leave every table of our apps exactly as it was; a redirect (success) may write, but
no row may then lack a required text.
"""

import re
from urllib.parse import urlsplit

from django.apps import apps
from django.db import connection, models, transaction

OUR_APPS = ["organisation", "members", "advices", "projectgroups", "steering", "finance", "public"]
_INT_IN_PATH = re.compile(r"/(\d+)/")


class _RollBack(Exception):
    pass


def our_models():
    for label in OUR_APPS:
        yield from apps.get_app_config(label).get_models(include_auto_created=True)


def _tables():
    return sorted({model._meta.db_table for model in our_models() if not model._meta.proxy})


def snapshot() -> dict:
    """A fingerprint of every row of every table of our apps, in one query."""
    tables = _tables()
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
        f"FROM {quote(table)} t)"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def incomplete_rows() -> set:
    """(model, pk) of rows that lack a required text (PostgreSQL itself refuses NUL bytes)."""
    found = set()
    for model in our_models():
        texts = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField) and not field.blank
        ]
        condition = models.Q()
        for field in texts:
            condition |= models.Q(**{field.attname: ""})
        if texts:
            pks = model._base_manager.filter(condition).values_list("pk", flat=True)
            found |= {(model._meta.label, pk) for pk in pks}
    return found


def wrong_id(action: str, choice: int) -> str:
    """The action URL with its object id replaced by one that does not exist."""
    if choice == 0 or not _INT_IN_PATH.search(urlsplit(action).path):
        return action
    bad = ["999999999", "99999999999999999999"][choice - 1]
    return _INT_IN_PATH.sub(f"/{bad}/", action, count=1)


def post_and_check(client, url, data, *, baseline: set, relogin=None):
    """POST `data` to `url`; assert no 500 and nothing half-saved; roll everything back."""
    try:
        with transaction.atomic():
            before = snapshot()
            try:
                response = client.post(url, data)
            except Exception as error:
                raise AssertionError(f"POST {url} raised {error!r} for {data!r}") from error
            status = response.status_code
            assert status < 500, f"POST {url} answered {status} for {data!r}"
            if status in (301, 302, 303):
                new = incomplete_rows() - baseline
                assert not new, f"POST {url} saved incomplete rows {new} for {data!r}"
            else:
                after = snapshot()
                changed = [table for table in before if before[table] != after[table]]
                assert not changed, (
                    f"POST {url} answered {status} but changed {changed} for {data!r}"
                )
            raise _RollBack
    except _RollBack:
        pass
    finally:
        if relogin is not None:
            relogin()
    return response
