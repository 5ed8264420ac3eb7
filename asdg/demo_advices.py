"""Demo data for advices and project groups: ~25 trajectories from 2021 to now.

Topics of the Groningen social domain (see ../shared/REFERENCE-DATA.md): requested and
unsolicited advices, each walked through the one workflow by the services, with its
project group, draft and — for the finished ones — the college's response. Deterministic
(a seeded random generator). Idempotent: nothing is added when a trajectory exists.

Only the demo writes a few things directly, where the services record "today" and a
demo needs the past: the college's answer per recommendation, and the dates on which
members joined and left a group and a group was dissolved.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from advices.drafting import advice_mark_ready
from advices.models import CollegeResponse, Recommendation, Status, Trajectory
from advices.services import (
    advice_save_draft,
    trajectory_advance,
    trajectory_create,
    trajectory_withdraw,
)
from members.models import Member, Theme, User
from projectgroups.models import Participation, ProjectGroup
from projectgroups.services import (
    participation_confirm,
    participation_request,
    projectgroup_create,
    projectgroup_set_phase,
)

STEERING_EMAIL = "stuurgroep@example.org"
SECRETARIAT_EMAIL = "secretaris@example.org"
MEMBER_EMAIL = "lid@example.org"

ADOPTED, PARTLY, NOT_ADOPTED = (
    Recommendation.Response.ADOPTED, Recommendation.Response.PARTLY,
    Recommendation.Response.NOT_ADOPTED,
)  # fmt: skip
MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
]  # fmt: skip
WORKLOADS = ["2 uur per week", "3 uur per maand", "4 uur per maand", "1 dagdeel per maand"]
RHYTHMS = [
    "Eens per drie weken, dinsdagavond", "Eens per maand, woensdagmiddag",
    "Eens per twee weken, online", "Eens per vier weken in het Stadhuis",
]  # fmt: skip
OFFICERS = ["M. de Wit (beleid Wmo)", "J. Hoekstra (armoede en schulden)", "S. Kramer (jeugd)"]


@dataclass
class Topic:
    subject: str
    short: str
    summary: str
    received: datetime.date | int  # a date, or days before today
    status: str
    laws: tuple[str, ...]
    themes: tuple[str, ...]
    # text, the college's response, its explanation
    recommendations: list[tuple[str, str, str]] = field(default_factory=list)
    requester: str = ""  # "" = unsolicited
    requester_name: str = ""
    adopted: datetime.date | None = None
    proposal: str = ""  # the council proposal (raadsvoorstel) number
    agenda_item: str = ""
    withdrawn: str = ""
    with_demo_member: bool = False
    extra: dict = field(default_factory=dict)


PM, PO = Trajectory.Requester.PROGRAMME_MANAGER, Trajectory.Requester.POLICY_OFFICER

# fmt: off
TOPICS = [
    Topic(
        "Harmonisatie Wmo-beleid na de herindeling", "Harmonisatie Wmo",
        "Na de herindeling met Haren en Ten Boer gelden nog verschillende regels voor "
        "maatwerkvoorzieningen. Het college vraagt advies over één gelijk Wmo-beleid.",
        datetime.date(2021, 2, 8), Status.CLOSED,
        laws=("wmo",), themes=("Zorg en ondersteuning voor alle leeftijden",),
        recommendations=[
            ("Houd de voorzieningen in Haren en Ten Boer minstens op het oude niveau.", ADOPTED,
             "Het college neemt dit over: de overgangsregeling loopt tot 2023."),
            ("Laat inwoners uit de dorpen meepraten bij de uitwerking.", ADOPTED,
             "Er komen dorpsavonden in Haren en Ten Boer."),
            ("Maak de eigen bijdrage voor alle kernen gelijk en laag.", PARTLY,
             "De bijdrage wordt gelijk; verlagen past niet in de begroting."),
        ],
        requester=PM, requester_name="A. Zijlstra", adopted=datetime.date(2021, 4, 14),
        proposal="RV 2021-031", agenda_item="LTA 2021: harmonisatie sociaal domein",
    ),
    Topic(
        "Hulp bij het huishouden: nieuwe aanbesteding", "Hulp bij het huishouden",
        "De contracten voor hulp bij het huishouden lopen af. Het college vraagt welke "
        "kwaliteitseisen inwoners belangrijk vinden bij de nieuwe inkoop.",
        datetime.date(2021, 5, 17), Status.CLOSED,
        laws=("wmo",), themes=("Contractering en subsidiëring van aanbieders",),
        recommendations=[
            ("Vraag van aanbieders vaste hulpen per huishouden.", ADOPTED,
             "Opgenomen als gunningscriterium."),
            ("Meet de tevredenheid van cliënten elk jaar onafhankelijk.", ADOPTED,
             "Het cliëntervaringsonderzoek wordt jaarlijks."),
            ("Betaal hulpen volgens de cao en controleer dat.", PARTLY,
             "De cao is een eis; controle gebeurt steekproefsgewijs."),
        ],
        requester=PO, requester_name="M. de Wit", adopted=datetime.date(2021, 7, 7),
        proposal="RV 2021-058",
    ),
    Topic(
        "Armoedebeleid: ervaringen van inwoners", "Ervaringen met armoede",
        "Na de brede bijeenkomst over armoedebeleid van 8 september 2021 besluit de groep "
        "ongevraagd advies te geven over wat inwoners met weinig geld nodig hebben.",
        datetime.date(2021, 9, 20), Status.CLOSED,
        laws=("participation",), themes=("Armoede", "Inkomen"),
        recommendations=[
            ("Maak regelingen vindbaar op één plek, ook op papier.", ADOPTED,
             "Er komt een regelingenwijzer, online en als folder."),
            ("Schrap de vermogenstoets voor de kindregelingen.", NOT_ADOPTED,
             "De Participatiewet laat dit niet toe."),
            ("Betrek ervaringsdeskundigen bij de uitvoering.", ADOPTED,
             "Het team armoede werkt met een klankbordgroep."),
        ],
        adopted=datetime.date(2021, 12, 8), proposal="RV 2022-004",
        extra={"clients_council_consulted_on": datetime.date(2021, 11, 16)},
    ),
    Topic(
        "Toegankelijkheid van de binnenstad", "Toegankelijke binnenstad",
        "Inwoners met een beperking melden obstakels in de binnenstad. De groep adviseert "
        "ongevraagd over een toegankelijke openbare ruimte.",
        datetime.date(2021, 11, 1), Status.CLOSED,
        laws=("wmo",), themes=("Toegankelijkheid",),
        recommendations=[
            ("Schouw de looproutes jaarlijks met ervaringsdeskundigen.", ADOPTED,
             "De eerste schouw is in het voorjaar."),
            ("Weer reclameborden van smalle stoepen.", PARTLY,
             "Alleen in de Herestraat en de Oosterstraat."),
            ("Maak alle openbare toiletten rolstoeltoegankelijk.", NOT_ADOPTED,
             "Niet haalbaar binnen deze raadsperiode."),
        ],
        adopted=datetime.date(2022, 2, 9), proposal="RV 2022-017",
    ),
    Topic(
        "Collectieve zorgverzekering voor minima", "Zorgverzekering minima",
        "Het college vraagt advies over de collectieve zorgverzekering voor inwoners met een laag "
        "inkomen: dekking, eigen risico en bereik.",
        datetime.date(2022, 2, 21), Status.CLOSED,
        laws=("participation", "wmo"), themes=("Armoede", "Inkomen"),
        recommendations=[
            ("Neem het eigen risico op in de aanvullende verzekering.", PARTLY,
             "Gedeeltelijk: het eigen risico wordt voor de helft gedekt."),
            ("Benader inwoners die nog niet deelnemen actief.", ADOPTED,
             "Er komt een brief en voorlichting via de WIJ-teams."),
            ("Houd de premie voor 2023 gelijk.", ADOPTED,
             "De gemeentelijke bijdrage stijgt mee."),
        ],
        requester=PO, requester_name="J. Hoekstra", adopted=datetime.date(2022, 4, 13),
        proposal="RV 2022-045", agenda_item="LTA 2022: collectieve zorgverzekering",
        extra={"clients_council_consulted_on": datetime.date(2022, 3, 29)},
    ),
    Topic(
        "Uitvoeringsplan SAMEN: jeugdhulp naar WIJ Groningen", "SAMEN jeugdhulp",
        "Het uitvoeringsplan SAMEN brengt de toegang tot jeugdhulp onder bij WIJ Groningen. Het "
        "college vraagt advies over de overgang voor gezinnen.",
        datetime.date(2022, 5, 9), Status.CLOSED,
        laws=("youth",), themes=("WIJ-teams", "Zorg en ondersteuning voor alle leeftijden"),
        recommendations=[
            ("Geef elk gezin één vaste contactpersoon tijdens de overgang.", ADOPTED,
             "Elk gezin houdt zijn contactpersoon tot de hulp is overgedragen."),
            ("Meet wachttijden per wijk en maak ze openbaar.", PARTLY,
             "Wachttijden worden per kwartaal gemeld, niet per wijk."),
            ("Betrek jongeren bij de evaluatie.", ADOPTED,
             "De jongerenraad doet mee aan de evaluatie in 2023."),
            ("Stel de overgang uit tot alle teams op sterkte zijn.", NOT_ADOPTED,
             "Uitstel zou de continuïteit van zorg in gevaar brengen."),
        ],
        requester=PM, requester_name="R. Veenstra", adopted=datetime.date(2022, 7, 6),
        proposal="RV 2022-089", agenda_item="LTA 2022: jeugd en WIJ",
    ),
    Topic(
        "Mantelzorgondersteuning en respijtzorg", "Mantelzorg en respijtzorg",
        "Het college vraagt advies over de ondersteuning van mantelzorgers, in het bijzonder de "
        "mogelijkheden voor respijtzorg.",
        datetime.date(2022, 9, 5), Status.CLOSED,
        laws=("wmo",), themes=("Mantelzorg",),
        recommendations=[
            ("Maak respijtzorg zonder indicatie beschikbaar.", ADOPTED,
             "Er komt een vrij toegankelijke respijtvoorziening."),
            ("Verhoog de mantelzorgwaardering.", NOT_ADOPTED,
             "Het college kiest voor ondersteuning in natura."),
            ("Zorg voor een vast aanspreekpunt voor jonge mantelzorgers.", ADOPTED,
             "Opgenomen in het mantelzorgsteunpunt."),
        ],
        requester=PO, requester_name="M. de Wit", adopted=datetime.date(2022, 11, 9),
        proposal="RV 2022-131",
    ),
    Topic(
        "Eenzaamheid onder ouderen in de dorpen", "Eenzaamheid in de dorpen",
        "Ongevraagd advies over eenzaamheid onder ouderen in de dorpen van Haren en Ten Boer, "
        "waar voorzieningen verder weg liggen.",
        datetime.date(2022, 11, 14), Status.CLOSED,
        laws=("wmo",), themes=("Eenzaamheid", "Ontmoeting"),
        recommendations=[
            ("Steun ontmoetingsplekken in elk dorp.", ADOPTED,
             "Dorpshuizen krijgen een extra subsidie voor ontmoeting."),
            ("Zet vrijwillige vervoersdiensten voort.", ADOPTED,
             "De subsidie voor de dorpsbus loopt door."),
        ],
        adopted=datetime.date(2023, 2, 8), proposal="RV 2023-012",
    ),
    Topic(
        "Reactie op 'Toekomst met perspectief'", "Toekomst met perspectief",
        "Het college vraagt een reactie op de nota 'Toekomst met perspectief' over armoede, vóór "
        "de behandeling in de raad in april 2023.",
        datetime.date(2023, 2, 6), Status.CLOSED,
        laws=("participation",), themes=("Armoede",),
        recommendations=[
            ("Richt het beleid ook op werkenden met een laag inkomen.", ADOPTED,
             "De doelgroep wordt uitgebreid tot 130% van het sociaal minimum."),
            ("Voorkom dat inwoners van loket naar loket gaan.", ADOPTED,
             "De WIJ-teams worden het vaste loket."),
            ("Stel een meetbaar doel voor kinderarmoede.", PARTLY,
             "Er komt een monitor, geen hard doel."),
        ],
        requester=PM, requester_name="A. Zijlstra", adopted=datetime.date(2023, 4, 5),
        proposal="RV 2023-045", agenda_item="LTA 2023: armoedebeleid",
        extra={"clients_council_consulted_on": datetime.date(2023, 3, 14)},
    ),
    Topic(
        "Beschermd wonen en de regionale doordecentralisatie", "Beschermd wonen",
        "Beschermd wonen gaat van de centrumgemeente naar alle gemeenten in de regio. Het college "
        "vraagt advies over de gevolgen voor bewoners.",
        datetime.date(2023, 5, 22), Status.CLOSED,
        laws=("wmo",), themes=("Zorg en ondersteuning voor alle leeftijden",),
        recommendations=[
            ("Garandeer bewoners dat zij niet hoeven te verhuizen.", ADOPTED,
             "Bestaande plaatsingen blijven gelden."),
            ("Bouw meer kleinschalige woonvormen in de wijken.", PARTLY,
             "Opgenomen in de woonvisie, zonder aantallen."),
            ("Betrek de cliëntenraden van de aanbieders.", ADOPTED,
             "Zij zitten in de regionale werkgroep."),
        ],
        requester=PO, requester_name="S. Kramer", adopted=datetime.date(2023, 7, 5),
        proposal="RV 2023-098",
    ),
    Topic(
        "Onafhankelijke cliëntondersteuning", "Cliëntondersteuning",
        "Het college vraagt hoe onafhankelijke cliëntondersteuning bekender en beter bereikbaar "
        "kan worden.",
        datetime.date(2023, 8, 28), Status.CLOSED,
        laws=("wmo", "youth"), themes=("Cliëntondersteuning",),
        recommendations=[
            ("Noem cliëntondersteuning in elke beschikking en elk gesprek.", ADOPTED,
             "De standaardbrieven zijn aangepast."),
            ("Financier cliëntondersteuning los van de WIJ-teams.", NOT_ADOPTED,
             "Het college houdt de ondersteuning bij WIJ, met een onafhankelijke klachtenroute."),
        ],
        requester=PO, requester_name="M. de Wit", adopted=datetime.date(2023, 11, 1),
        proposal="RV 2023-141",
    ),
    Topic(
        "Jeugdhulp: wachttijden en toegang", "Wachttijden jeugdhulp",
        "Ongevraagd advies over de lange wachttijden voor specialistische jeugdhulp.",
        datetime.date(2023, 10, 16), Status.CLOSED,
        laws=("youth",), themes=("WIJ-teams",),
        recommendations=[
            ("Bied overbruggingshulp aan gezinnen op de wachtlijst.", ADOPTED,
             "WIJ biedt lichte ondersteuning tijdens het wachten."),
            ("Maak afspraken met aanbieders over maximale wachttijden.", PARTLY,
             "Afspraken gelden voor nieuwe contracten vanaf 2025."),
        ],
        adopted=datetime.date(2024, 1, 17), proposal="RV 2024-008",
    ),
    Topic(
        "Uitvoeringsprogramma armoede en schulden", "Armoede en schulden",
        "Het college vraagt advies over het uitvoeringsprogramma armoede en schulden, vóór de "
        "vaststelling in februari 2024.",
        datetime.date(2023, 12, 4), Status.MONITORING,
        laws=("participation", "wmo"), themes=("Armoede", "Inkomen"),
        recommendations=[
            ("Begin met vroegsignalering van betalingsachterstanden in elke wijk.", ADOPTED,
             "Vroegsignalering werkt vanaf 2024 met alle woningcorporaties."),
            ("Schrap de wachttijd voor schuldhulpverlening.", PARTLY,
             "Het doel is een eerste gesprek binnen drie werkdagen."),
            ("Ondersteun inwoners na de schuldregeling nog een jaar.", ADOPTED,
             "Nazorg wordt onderdeel van het traject."),
            ("Verhoog de inkomensgrens voor regelingen naar 150%.", NOT_ADOPTED,
             "Dat past niet binnen het budget voor 2024."),
        ],
        requester=PM, requester_name="A. Zijlstra", adopted=datetime.date(2024, 2, 7),
        proposal="RV 2024-019", agenda_item="LTA 2024: armoede en schulden",
        extra={"clients_council_consulted_on": datetime.date(2024, 1, 23)},
    ),
    Topic(
        "Individuele inkomenstoeslag", "Inkomenstoeslag",
        "Het college vraagt advies over de voorwaarden van de individuele inkomenstoeslag voor "
        "inwoners die lang van een laag inkomen leven.",
        datetime.date(2024, 3, 18), Status.MONITORING,
        laws=("participation",), themes=("Inkomen",),
        recommendations=[
            ("Ken de toeslag automatisch toe aan wie er bekend recht op heeft.", ADOPTED,
             "Vanaf 2025 krijgen bekende rechthebbenden hem zonder aanvraag."),
            ("Verkort de referteperiode naar drie jaar.", PARTLY,
             "De periode wordt vier jaar in plaats van vijf."),
        ],
        requester=PO, requester_name="J. Hoekstra", adopted=datetime.date(2024, 5, 29),
        proposal="RV 2024-067", extra={"clients_council_consulted_on": datetime.date(2024, 5, 7)},
    ),
    Topic(
        "Lokale inclusieagenda", "Inclusieagenda",
        "Het college vraagt advies over de lokale inclusieagenda voor inwoners met een beperking "
        "(VN-verdrag Handicap).",
        datetime.date(2024, 6, 3), Status.CLOSED,
        laws=("wmo",), themes=("Toegankelijkheid",),
        recommendations=[
            ("Schrijf alle brieven van de gemeente op taalniveau B1.", ADOPTED,
             "De brieven worden in 2025 herschreven."),
            ("Maak stemlokalen volledig toegankelijk.", ADOPTED,
             "Alle stemlokalen worden vooraf geschouwd."),
            ("Stel een ervaringsdeskundige aan in elke beleidsafdeling.", NOT_ADOPTED,
             "Het college werkt met het panel van de adviesgroep."),
        ],
        requester=PM, requester_name="R. Veenstra", adopted=datetime.date(2024, 9, 4),
        proposal="RV 2024-112",
    ),
    Topic(
        "Dagbesteding en ontmoeting in de wijk", "Dagbesteding",
        "Het college vraagt advies over de nieuwe vorm van dagbesteding: meer vrij toegankelijke "
        "ontmoeting in de wijk.",
        datetime.date(2024, 9, 23), Status.MONITORING,
        laws=("wmo",), themes=("Ontmoeting", "Welbevinden"),
        recommendations=[
            ("Houd specialistische dagbesteding voor wie dat nodig heeft.", ADOPTED,
             "Specialistische dagbesteding blijft met een indicatie."),
            ("Zorg voor vervoer naar de ontmoetingsplekken.", PARTLY,
             "Vervoer alleen voor inwoners met een Wmo-pas."),
            ("Evalueer na een jaar met de deelnemers.", ADOPTED,
             "De evaluatie staat gepland."),
        ],
        requester=PO, requester_name="M. de Wit", adopted=datetime.date(2024, 12, 4),
        proposal="RV 2025-003",
    ),
    Topic(
        "Wmo-vervoer en regiotaxi", "Wmo-vervoer",
        "Ongevraagd advies over klachten over de regiotaxi: te laat, lange ritten.",
        datetime.date(2025, 1, 13), Status.RESPONDED,
        laws=("wmo",), themes=("Toegankelijkheid",),
        recommendations=[
            ("Neem de stiptheid op als harde eis in het contract.", ADOPTED,
             "Boeteclausule bij meer dan 15 minuten te laat."),
            ("Laat cliënten ritten terugkoppelen via een app én per telefoon.", ADOPTED,
             "Beide kanalen worden aangeboden."),
        ],
        adopted=datetime.date(2025, 3, 12), proposal="RV 2025-041",
    ),
    Topic(
        "Beleidskader mantelzorg 2025–2028", "Beleidskader mantelzorg",
        "Het college vraagt advies over het nieuwe beleidskader voor mantelzorg.",
        datetime.date(2025, 3, 3), Status.RESPONDED,
        laws=("wmo",), themes=("Mantelzorg",),
        recommendations=[
            ("Ondersteun werkende mantelzorgers met werkgevers.", PARTLY,
             "De gemeente begint bij zichzelf als werkgever."),
            ("Herken jonge mantelzorgers via de scholen.", ADOPTED,
             "Scholen krijgen voorlichting van het steunpunt."),
            ("Maak de mantelzorgwaardering digitaal aan te vragen.", ADOPTED,
             "Vanaf dit jaar kan dat online."),
        ],
        requester=PO, requester_name="M. de Wit", adopted=datetime.date(2025, 5, 21),
        proposal="RV 2025-076",
    ),
    Topic(
        "Herziening verordening maatschappelijke ondersteuning", "Verordening Wmo",
        "Het college vraagt advies over een herziening van de Wmo-verordening.",
        datetime.date(2025, 6, 2), Status.WITHDRAWN,
        laws=("wmo",), themes=("Zorg en ondersteuning voor alle leeftijden",),
        recommendations=[
            ("Houd de maatwerkvoorziening als vangnet.", "",
             ""),
            ("Leg de termijnen voor beslissingen vast.", "",
             ""),
        ],
        requester=PM, requester_name="A. Zijlstra",
        withdrawn="Het college stelt de herziening uit tot na de landelijke Wmo-hervorming.",
    ),
    Topic(
        "Begeleiding naar werk in de Participatiewet", "Begeleiding naar werk",
        "Het college vraagt advies over de begeleiding van bijstandsgerechtigden naar werk.",
        120, Status.SENT,
        laws=("participation",), themes=("Werk",),
        recommendations=[
            ("Begin bij wat iemand wil en kan, niet bij de verplichting.", "",
             ""),
            ("Laat mensen hun bijverdiensten langer houden.", "",
             ""),
            ("Maak een vaste consulent de norm.", "",
             ""),
        ],
        requester=PO, requester_name="J. Hoekstra", extra={"clients_council_consulted_on": 90},
    ),
    Topic(
        "Jongeren en bestaanszekerheid", "Jongeren en bestaanszekerheid",
        "Ongevraagd advies over jongeren van 18 tot 27 die tussen wal en schip vallen.",
        80, Status.SENT,
        laws=("youth", "participation"), themes=("Armoede", "Werk"),
        recommendations=[
            ("Maak één aanspreekpunt voor jongeren bij WIJ.", "",
             ""),
            ("Zet de zoektermijn voor jongeren in de bijstand niet in bij dakloosheid.", "",
             ""),
        ],
        extra={"clients_council_consulted_on": 50},
    ),
    Topic(
        "Hulp bij het huishouden: eigen bijdrage en indicatie", "Huishoudelijke hulp 2027",
        "Het college vraagt advies over het indiceren van hulp bij het huishouden en de eigen "
        "bijdrage vanaf 2027.",
        50, Status.DRAFTING,
        laws=("wmo",), themes=("Zorg en ondersteuning voor alle leeftijden",),
        recommendations=[
            ("Indiceer in uren, niet alleen in resultaat.", "",
             ""),
            ("Houd de eigen bijdrage voor lage inkomens op nul.", "",
             ""),
        ],
        requester=PO, requester_name="M. de Wit", extra={"deadline": 12},
    ),
    Topic(
        "Energiearmoede en de energietoeslag", "Energiearmoede",
        "Het college vraagt advies over de aanpak van energiearmoede na het einde van de "
        "landelijke energietoeslag.",
        40, Status.DRAFTING,
        laws=("participation",), themes=("Armoede",),
        recommendations=[
            ("Koppel de toeslag aan energiebesparing in huis.", "",
             ""),
            ("Werk samen met de woningcorporaties.", "",
             ""),
            ("Bereik ook huurders in de particuliere sector.", "",
             ""),
        ],
        requester=PM, requester_name="A. Zijlstra", extra={"deadline": 45},
    ),
    Topic(
        "Samen tegen eenzaamheid in de wijken", "Samen tegen eenzaamheid",
        "Het college vraagt advies over de wijkgerichte aanpak van eenzaamheid.",
        25, Status.GROUP_FORMED,
        laws=("wmo",), themes=("Eenzaamheid", "Ontmoeting"),
        recommendations=[
            ("Begin in de wijken met de meeste alleenstaande ouderen.", "",
             ""),
            ("Betrek huisartsen en WIJ bij het signaleren.", "",
             ""),
        ],
        requester=PO, requester_name="S. Kramer", with_demo_member=True, extra={"deadline": 70},
    ),
    Topic(
        "Toegankelijke informatie van de gemeente", "Toegankelijke informatie",
        "Ongevraagd advies over begrijpelijke brieven en een toegankelijke website.",
        20, Status.GROUP_FORMED,
        laws=("wmo", "participation"), themes=("Toegankelijkheid",),
        recommendations=[
            ("Test brieven met inwoners voordat ze verstuurd worden.", "",
             ""),
            ("Bied elke brief ook in eenvoudige taal aan.", "",
             ""),
        ],
    ),
    Topic(
        "Jeugdhulp: inkoop 2027", "Inkoop jeugdhulp",
        "Het college vraagt advies over de kwaliteitseisen voor de inkoop van jeugdhulp vanaf "
        "2027.",
        9, Status.RECEIVED,
        laws=("youth",), themes=("Contractering en subsidiëring van aanbieders",),
        requester=PM, requester_name="R. Veenstra", extra={"deadline": 10},
    ),
    Topic(
        "Beschermd wonen: wonen met begeleiding in de wijk", "Wonen met begeleiding",
        "Het college vraagt advies over begeleid wonen in gewone wijken na beschermd wonen.",
        4, Status.RECEIVED,
        laws=("wmo",), themes=("Zorg en ondersteuning voor alle leeftijden",),
        requester=PO, requester_name="S. Kramer", extra={"deadline": 60},
    ),
]
# fmt: on


def seed_advices(today: datetime.date) -> int:
    """About 25 trajectories with groups, drafts and responses. Returns how many were made."""
    if Trajectory.objects.exists():
        return 0
    steering = User.objects.get(email__iexact=STEERING_EMAIL)
    secretary = User.objects.filter(email__iexact=SECRETARIAT_EMAIL).first() or steering
    rng = random.Random(2022)
    themes = {theme.name: theme for theme in Theme.objects.all()}
    with transaction.atomic():
        for index, topic in enumerate(TOPICS):
            _seed_one(topic, index, today, rng, themes, steering, secretary)
    return len(TOPICS)


def _day(value, today: datetime.date) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return today - datetime.timedelta(days=value)


def _dutch(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _seed_one(topic, index, today, rng, themes, steering, secretary):
    received = _day(topic.received, today)
    extra = dict(topic.extra)
    if isinstance(extra.get("deadline"), int):
        extra["deadline"] = today + datetime.timedelta(days=extra["deadline"])
    if isinstance(extra.get("clients_council_consulted_on"), int):
        extra["clients_council_consulted_on"] = _day(extra["clients_council_consulted_on"], today)
    if topic.requester and "deadline" not in extra:
        extra["deadline"] = received + datetime.timedelta(weeks=10)
    trajectory = trajectory_create(
        data={
            "subject": topic.subject,
            "slug": slugify(f"{topic.short} {received.year}"),
            "summary": topic.summary,
            "kind": Trajectory.Kind.REQUESTED if topic.requester else Trajectory.Kind.UNSOLICITED,
            "requested_by": topic.requester,
            "requester_name": topic.requester_name,
            "received_on": received,
            "law_wmo": "wmo" in topic.laws,
            "law_youth": "youth" in topic.laws,
            "law_participation": "participation" in topic.laws,
            "agenda_item": topic.agenda_item,
            **extra,
        },
        themes=[themes[name] for name in topic.themes if name in themes],
        by=secretary,
    )
    if topic.status == Status.RECEIVED:
        return trajectory
    formed = received + datetime.timedelta(days=14)
    group = _group(topic, index, trajectory, formed, rng, steering)
    trajectory.refresh_from_db()
    members = list(
        Member.objects.filter(
            participations__group=group, participations__status=Participation.Status.CONFIRMED,
            user__isnull=False,
        ).select_related("user")
    )  # fmt: skip
    author = members[0].user if members else steering
    if topic.status != Status.GROUP_FORMED:
        trajectory = trajectory_advance(
            trajectory=trajectory, to=Status.DRAFTING, by=steering,
            note="De projectgroep schrijft het advies.",
        )  # fmt: skip
    advice_save_draft(
        advice=trajectory.advice, by=author, data=_draft_text(topic),
        recommendations=[text for text, _response, _explanation in topic.recommendations],
    )  # fmt: skip
    if topic.status == Status.WITHDRAWN:
        trajectory_withdraw(trajectory=trajectory, by=steering, reason=topic.withdrawn)
        _dissolve(group, received + datetime.timedelta(days=60), steering)
        return trajectory
    if topic.status in (Status.GROUP_FORMED, Status.DRAFTING):
        return trajectory
    projectgroup_set_phase(group=group, phase=ProjectGroup.Phase.ADVISING, by=steering)
    ProjectGroup.objects.filter(pk=group.pk).update(open_for_signup=False)
    adopted = topic.adopted or received + datetime.timedelta(days=42)
    advice_mark_ready(advice=trajectory.advice, by=author)  # S5: the group hands it over
    trajectory = trajectory_advance(
        trajectory=trajectory, to=Status.ADOPTED, by=steering, on=adopted,
        reference=f"Brede bijeenkomst {_dutch(adopted)}",
    )  # fmt: skip
    sent = adopted + datetime.timedelta(days=7)
    trajectory = trajectory_advance(trajectory=trajectory, to=Status.SENT, by=secretary, on=sent)
    if topic.status == Status.SENT:
        return trajectory
    answered = sent + datetime.timedelta(weeks=rng.randint(5, 8))
    _college_response(trajectory, topic, answered)
    trajectory = trajectory_advance(
        trajectory=trajectory, to=Status.RESPONDED, by=secretary,
        note=f"Verwerkt in raadsvoorstel {topic.proposal}.",
    )  # fmt: skip
    projectgroup_set_phase(group=group, phase=ProjectGroup.Phase.MONITORING, by=steering)
    if topic.status == Status.RESPONDED:
        return trajectory
    trajectory = trajectory_advance(
        trajectory=trajectory, to=Status.MONITORING, by=steering,
        note="De projectgroep volgt de uitvoering.",
    )  # fmt: skip
    if topic.status == Status.MONITORING:
        _continue_smaller(group, answered + datetime.timedelta(days=30))
        return trajectory
    trajectory = trajectory_advance(
        trajectory=trajectory, to=Status.CLOSED, by=steering, note="Uitvoering gevolgd; afgerond."
    )
    _dissolve(group, answered + datetime.timedelta(days=300), steering)
    return trajectory


def _group(topic, index, trajectory, formed, rng, steering) -> ProjectGroup:
    """P1: the steering group sets the group up; 5–8 members who sat on that date join."""
    group = projectgroup_create(
        trajectory=trajectory,
        by=steering,
        data={
            "name": f"Projectgroep {topic.short}",
            "workload": WORKLOADS[index % len(WORKLOADS)],
            "meeting_rhythm": RHYTHMS[index % len(RHYTHMS)],
            "way_of_working": (
                "Wij spreken inwoners en organisaties, lezen de stukken samen en schrijven "
                "het advies in kleine koppels."
            ),
            "external_support_hours": rng.choice([0, 4, 6, 8]),
            "policy_officers": OFFICERS[index % len(OFFICERS)],
        },
    )
    sitting = list(
        Member.objects.filter(start_date__lte=formed)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=formed))
        .exclude(user__email__iexact=MEMBER_EMAIL)
        .order_by("pk")
    )
    chosen = rng.sample(sitting, k=min(len(sitting), rng.randint(5, 8)))
    if topic.with_demo_member:
        demo = Member.objects.filter(user__email__iexact=MEMBER_EMAIL).first()
        chosen = ([demo] if demo else []) + chosen[: 7 if demo else 8]
    for member in chosen:
        if member.ended_on is None:
            participation = participation_request(group=group, member=member)
            participation_confirm(participation=participation, by=steering)
        else:
            # A member whose term has since ended: the service only admits sitting
            # members, so the historical participation is recorded as it was.
            Participation.objects.create(
                group=group, member=member, status=Participation.Status.CONFIRMED,
                confirmed_by=steering, confirmed_on=formed,
            )  # fmt: skip
    # The services record today; a demo group was formed in the past.
    group.participations.filter(status=Participation.Status.CONFIRMED).update(confirmed_on=formed)
    if topic.status in (Status.GROUP_FORMED, Status.DRAFTING):
        # An open group: a sign-up or two waits for the steering group's confirmation.
        others = [m for m in sitting if m not in chosen and m.ended_on is None]
        for member in rng.sample(others, k=min(len(others), 2)):
            participation_request(group=group, member=member)
    return group


def _draft_text(topic) -> dict:
    return {
        "introduction": f"{topic.summary} De projectgroep geeft in dit advies haar reactie.",
        "way_of_working": (
            "De projectgroep kwam enkele keren bijeen, sprak met beleidsmedewerkers en "
            "haalde ervaringen op bij inwoners in de wijken en dorpen."
        ),
        "considerations": (
            "Inwoners moeten de ondersteuning kunnen vinden, begrijpen en krijgen. Wij "
            "letten op wie nu buiten de boot valt en wat dat voor hen betekent."
        ),
    }


def _college_response(trajectory, topic, answered: datetime.date) -> None:
    """A3: the council proposal with the college's answer per recommendation."""
    CollegeResponse.objects.create(
        trajectory=trajectory,
        received_on=answered,
        council_proposal_number=topic.proposal,
        council_proposal_date=answered - datetime.timedelta(days=3),
        # A demo council information system (example.org, never a real municipality's).
        council_proposal_url=f"https://raad.example.org/raadsvoorstellen/{slugify(topic.proposal)}",
    )
    answers = {
        number: (response, explanation)
        for number, (_text, response, explanation) in enumerate(topic.recommendations, start=1)
    }
    for recommendation in trajectory.advice.recommendations.all():
        response, explanation = answers[recommendation.number]
        recommendation.response = response
        recommendation.response_explanation = explanation
        recommendation.save(update_fields=["response", "response_explanation"])


def _continue_smaller(group: ProjectGroup, on: datetime.date) -> None:
    """P3: in monitoring the group may go on smaller; a few members step out."""
    confirmed = list(group.participations.filter(status=Participation.Status.CONFIRMED))
    for participation in confirmed[3:]:
        participation.status = Participation.Status.LEFT
        participation.left_on = on
        participation.save(update_fields=["status", "left_on"])


def _dissolve(group: ProjectGroup, on: datetime.date, steering: User) -> None:
    """The trajectory ended: the group is dissolved and its members left on that day."""
    projectgroup_set_phase(group=group, phase=ProjectGroup.Phase.DISSOLVED, by=steering)
    ProjectGroup.objects.filter(pk=group.pk).update(dissolved_on=on)
    group.participations.filter(status=Participation.Status.CONFIRMED).update(
        status=Participation.Status.LEFT, left_on=on
    )
    group.participations.filter(status=Participation.Status.REQUESTED).update(
        status=Participation.Status.DECLINED
    )
