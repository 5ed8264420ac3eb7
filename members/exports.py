"""Exports of the register. Never with special-category data (GDPR art. 9)."""

import tablib
from django.db.models import QuerySet
from django.utils.translation import gettext as _

# Special-category fields (cultural background, lived experience, consent) are not here,
# and must never be added.
REGISTER_COLUMNS = [
    ("first_name", lambda m: m.first_name),
    ("last_name", lambda m: m.last_name),
    ("email", lambda m: m.email),
    ("phone", lambda m: m.phone),
    ("street_address", lambda m: m.street_address),
    ("postcode", lambda m: m.postcode),
    ("district", lambda m: m.postcode_area.district),
    ("date_of_birth", lambda m: m.date_of_birth.isoformat()),
    ("origin_council", lambda m: m.get_origin_council_display()),
    ("knowledge", lambda m: ", ".join(t.name for t in m.knowledge_themes.all())),
    ("start_date", lambda m: m.start_date.isoformat()),
    ("term_years", lambda m: m.term_years),
    ("extension_months", lambda m: m.extension_months),
    ("term_end", lambda m: m.term_end.isoformat() if m.term_end else ""),
    ("ended_on", lambda m: m.ended_on.isoformat() if m.ended_on else ""),
    ("end_reason", lambda m: m.get_end_reason_display()),
]
SPECIAL_CATEGORY_FIELDS = {
    "cultural_background",
    "experience_themes",
    "special_consent_at",
    "special_consent_version",
}


def register_dataset(members: QuerySet) -> tablib.Dataset:
    from members.models import Member

    labels = {"district": _("district or village"), "knowledge": _("knowledge")}
    headers = [
        str(labels.get(name) or Member._meta.get_field(name).verbose_name)
        for name, _get in REGISTER_COLUMNS
    ]
    dataset = tablib.Dataset(headers=headers, title=str(_("Register")))
    members = members.select_related("postcode_area").prefetch_related("knowledge_themes")
    for member in members:
        dataset.append([get(member) for _name, get in REGISTER_COLUMNS])
    return dataset
