"""Free text that named people, turned into register records (issue 23.3).

Used by the data migrations of advices (the trajectory's contact at the municipality)
and projectgroups (the policy officers, P4): one person, one record, across all of them.
Works on the historical models the migration passes in.
"""

MUNICIPALITY = "Gemeente Groningen"


def split_people(text: str) -> list[tuple[str, str]]:
    """The (name, role) of each person `text` names: one person a line (or separated by
    ";"), a role in brackets after the name. "M. de Wit (beleid Wmo)" -> ("M. de Wit",
    "beleid Wmo").
    """
    people = []
    for line in text.replace(";", "\n").splitlines():
        line = line.strip()
        if not line:
            continue
        name, _, rest = line.partition("(")
        name, role = name.strip(), rest.rstrip(")").strip()
        if name:
            people.append((name[:150], role[:150]))
    return people


def register_people(apps, text: str, *, default_role: str = "") -> list:
    """The ContactPerson records of the people `text` names, made where missing."""
    Organisation = apps.get_model("relations", "Organisation")
    ContactPerson = apps.get_model("relations", "ContactPerson")
    people = split_people(text)
    if not people:
        return []
    municipality, _ = Organisation.objects.get_or_create(
        name=MUNICIPALITY, defaults={"kind": "department"}
    )
    records = []
    for name, role in people:
        person, _ = ContactPerson.objects.get_or_create(
            organisation=municipality, name=name, defaults={"role": role or default_role}
        )
        records.append(person)
    return records
