"""Demo register of relations (issue 23.7): public organisations of Groningen's social
domain, with fictitious contact persons in business roles (never real private persons).

Called from `manage.py seed_demo` before the trajectories, which choose their contact at
the municipality and their policy officers from it. The contact log is seeded by
demo/relations.py (the log lives in steering, above this app).
"""

import datetime

from django.db import transaction

from relations.models import ContactPerson, Organisation
from relations.services import contact_person_register, organisation_register

K = Organisation.Kind
ZORG = "Gemeente Groningen, programma Zorg en welzijn"
WERK = "Gemeente Groningen, programma Werk en inkomen"
JEUGD = "Gemeente Groningen, programma Jeugd"

RAAD = "https://gemeenteraad.groningen.nl"
GEMEENTE = "https://gemeente.groningen.nl"

# name, kind, website, contacts a year (the agreed rhythm), people (name, role)
ORGANISATIONS = [
    ("Gemeenteraad Groningen, commissie sociaal domein", K.COUNCIL, RAAD, 2,
     [("L. Bakker", "commissiegriffier")]),
    ("College van B&W, portefeuille zorg en welzijn", K.COLLEGE, GEMEENTE, 2,
     [("E. Mulder", "wethouder zorg en welzijn"), ("P. Smit", "bestuursadviseur")]),
    (ZORG, K.DEPARTMENT, GEMEENTE, 6,
     [("A. Zijlstra", "programmamanager"), ("M. de Wit", "beleidsmedewerker Wmo")]),
    (WERK, K.DEPARTMENT, GEMEENTE, None,
     [("R. Veenstra", "programmamanager"), ("J. Hoekstra", "beleidsmedewerker armoede")]),
    (JEUGD, K.DEPARTMENT, GEMEENTE, None,
     [("S. Kramer", "beleidsmedewerker jeugd")]),
    ("Cliëntenraad Groningen", K.PARTICIPATION, "", 4,
     [("H. Dijkstra", "voorzitter")]),
    ("WIJ Groningen", K.CARE, "https://wij.groningen.nl", 2,
     [("K. Postma", "teamleider WIJ-team"), ("D. Visser", "beleidsadviseur")]),
    ("Stadpanel Groningen", K.PARTICIPATION, "", 1,
     [("T. Boersma", "onderzoeker")]),
    ("De Stem van Groningen", K.PARTICIPATION, "", 2,
     [("N. Jansen", "coördinator")]),
    ("Politieke Woensdag", K.PARTICIPATION, RAAD, 1,
     [("B. de Vries", "griffiemedewerker")]),
    ("Kenniscentrum armoede en schulden", K.EXPERT, "", None,
     [("F. Meijer", "onderzoeker armoede")]),
]  # fmt: skip


def officer(name: str) -> ContactPerson | None:
    """The demo contact person called `name` (for the trajectories' demo data)."""
    return ContactPerson.objects.filter(name=name).first() if name else None


def seed(today: datetime.date) -> int:
    """The register; nothing when it already holds organisations. Returns the persons added."""
    if Organisation.objects.exists():
        return 0
    added = 0
    with transaction.atomic():
        for name, kind, website, per_year, people in ORGANISATIONS:
            organisation = organisation_register(
                name=name, kind=kind, website=website, contacts_per_year=per_year
            )
            for person, role in people:
                slug = person.lower().replace(". ", "").replace(" ", "")
                contact_person_register(
                    organisation=organisation, name=person, role=role,
                    email=f"{slug}@{'groningen.example' if 'Gemeente' in name else 'example.org'}",
                )  # fmt: skip
                added += 1
    return added
