"""Demo data for the public site: the about pages from the guideline, news, a newsletter.

The texts follow the guideline (../shared/leidraad-asdg.txt) in plain Dutch. Idempotent:
each page, news item, subscriber and the newsletter is added only when its slug, address
or subject is not there yet. The sent newsletter is written directly (no mail goes out
from a demo): its deliveries are recorded as sent.
"""

import datetime

from django.utils import timezone

from members.models import User
from public.models import Delivery, NewsItem, Newsletter, Page, Subscriber
from public.selectors import ABOUT_SLUG

SECRETARIAT_EMAIL = "secretaris@example.org"

PAGES = [
    (
        ABOUT_SLUG,
        "Wie we zijn",
        0,
        """<p>De Adviesgroep Sociaal Domein Groningen bestaat uit ongeveer veertig inwoners van
de gemeente Groningen: uit de stad, de dorpen, het voormalige Haren en het voormalige
Ten Boer. We geven het college van burgemeester en wethouders gevraagd en ongevraagd
advies over het sociaal domein.</p>
<p>De adviesgroep is op 1 januari 2021 begonnen. Ze volgt Stadadviseert, de Adviesraad
Sociaal Domein Haren en de Adviesraad Sociaal Domein Ten Boer op, na de herindeling van
de drie gemeenten in 2019.</p>
<h2>Waarover we adviseren</h2>
<p>Over alles wat de gemeente doet op grond van de Wmo en de Jeugdwet: zorg en
ondersteuning voor alle leeftijden, welbevinden, werk, inkomen, armoede,
toegankelijkheid, eenzaamheid, ontmoeting, mantelzorg, cliëntondersteuning, de WIJ-teams
en de inkoop en subsidie van zorg en ondersteuning. Over onderwerpen van de
Participatiewet adviseren we samen met de Cliëntenraad.</p>
<p>Onze adviezen zijn openbaar. Het college voegt elk advies volledig bij het raadsvoorstel
en schrijft daarin hoe het ons advies heeft verwerkt.</p>
<h2>Wie er lid zijn</h2>
<p>De leden zijn samen een afspiegeling van de inwoners: we letten op waar mensen wonen,
hun netwerk, leeftijd, culturele achtergrond, kennis en ervaringsdeskundigheid. Leden
doen mee op persoonlijke titel, niet namens een organisatie. Wie lid is van de
gemeenteraad of het college, bij de gemeente Groningen werkt, commercieel actief is in
het sociaal domein of een vertegenwoordigende politieke functie heeft, kan geen lid
zijn.</p>""",
    ),
    (
        "hoe-we-werken",
        "Hoe we werken",
        1,
        """<h2>Projectgroepen</h2>
<p>Voor elk adviestraject stelt de stuurgroep een projectgroep in van 5 tot 10 leden. De
projectgroep denkt mee bij het maken van beleid, geeft advies over het beleidsstuk en
volgt daarna hoe het wordt uitgevoerd. Ze bepaalt zelf hoe ze werkt en kan hulp vragen
van de externe ondersteuning en van de beleidsmedewerkers van de gemeente.</p>
<h2>Brede bijeenkomsten</h2>
<p>Vier tot zes keer per jaar komen alle leden bij elkaar. Daar nemen de leden samen de
besluiten, en de stuurgroep vertelt wat zij heeft gedaan.</p>
<h2>De stuurgroep</h2>
<p>De stuurgroep bestaat uit hoogstens zes leden, gekozen door de leden, voor 1 tot 4
jaar. Ze zorgt voor de organisatie: communicatie, de bijeenkomsten, scholing, het
secretariaat en het contact met de gemeente, de raad en andere vormen van inspraak.
Over de inhoud beslist de hele groep.</p>
<h2>Lidmaatschap</h2>
<p>Leden doen mee voor minstens 1 en hoogstens 4 jaar; die termijn kan één keer met
hoogstens een jaar worden verlengd. Elk lid doet elk jaar mee aan minstens één
projectgroep. Leden krijgen hun onkosten vergoed. De stuurgroep werft één keer per jaar
nieuwe leden.</p>""",
    ),
    (
        "ondersteuning",
        "Ondersteuning en budget",
        2,
        """<p>De adviesgroep krijgt 24 uur per week externe ondersteuning: communicatie,
secretariaat, de verbinding met de gemeentelijke organisatie en gespreksbegeleiding.
Daarnaast is er ondersteuning vanuit de gemeente.</p>
<p>Een vertegenwoordiging van de stuurgroep praat elke twee maanden met de
programmamanagers over de lange termijnagenda, en twee keer per jaar met de
verantwoordelijke wethouder.</p>
<p>Er is budget voor de bijeenkomsten, de adviestrajecten, scholing, onkosten, de website
en de nieuwsbrief.</p>""",
    ),
]

NEWS = [
    # slug, title, days from today (negative: past), summary, body
    (
        "nieuwe-leden-gezocht",
        "Nieuwe leden gezocht",
        -40,
        "Woont u in de gemeente Groningen en wilt u meedenken over zorg, werk en inkomen? "
        "Meld u aan.",
        "<p>Eén keer per jaar zoeken we nieuwe leden. We zoeken vooral jongeren en inwoners "
        'van de dorpen. Kijk op de pagina <a href="/aanmelden/">Aanmelden</a> wanneer de '
        "aanmelding open is.</p>",
    ),
    (
        "brede-bijeenkomst-armoedebeleid",
        "Brede bijeenkomst over armoedebeleid",
        -20,
        "Alle leden spraken met de wethouder over het nieuwe armoedebeleid.",
        "<p>Tijdens de brede bijeenkomst gaven beleidsmedewerkers uitleg over het "
        "armoedebeleid. De leden stelden vragen en gaven hun eerste reacties. De "
        "projectgroep armoede neemt die mee in haar advies.</p>",
    ),
    (
        "advies-collectieve-zorgverzekering",
        "Advies over de collectieve zorgverzekering verstuurd",
        -5,
        "Ons advies over de collectieve zorgverzekering voor minima is naar het college.",
        "<p>De projectgroep sprak met inwoners, cliëntondersteuners en de gemeente. Het "
        "advies bevat aanbevelingen over de bekendheid en de dekking van de verzekering.</p>",
    ),
    (
        "verslag-werkbezoek-wij-team",
        "Verslag: werkbezoek aan een WIJ-team",
        10,  # scheduled: public ten days from now
        "Een groep leden bezocht een WIJ-team en zag hoe de toegang tot zorg werkt.",
        "<p>Het verslag van het werkbezoek verschijnt binnenkort.</p>",
    ),
]

SUBSCRIBERS = ["lezer1@example.org", "lezer2@example.org", "lezer3@example.org"]
NEWSLETTER_SUBJECT = "Nieuwsbrief Adviesgroep Sociaal Domein"


def _moment(today: datetime.date, days: int) -> datetime.datetime:
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def seed_public_site(today: datetime.date) -> int:
    """Add the demo's pages, news, subscribers and one sent newsletter; returns rows added."""
    added = 0
    author = User.objects.filter(email__iexact=SECRETARIAT_EMAIL).first()
    for slug, title, position, body in PAGES:
        _page, created = Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "body": body,
                "menu_position": position,
                "publish_at": _moment(today, -60),
            },
        )
        added += created
    for slug, title, days, summary, body in NEWS:
        _item, created = NewsItem.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "body": body,
                "publish_at": _moment(today, days),
                "author": author,
            },
        )
        added += created
    for email in SUBSCRIBERS:
        _subscriber, created = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": Subscriber.Status.ACTIVE,
                "confirmation_sent_at": _moment(today, -30),
                "confirmed_at": _moment(today, -30),
            },
        )
        added += created
    if not Newsletter.objects.filter(subject=NEWSLETTER_SUBJECT).exists():
        added += _sent_newsletter(today, author)
    return added


def _sent_newsletter(today: datetime.date, author) -> int:
    sent_at = _moment(today, -10)
    newsletter = Newsletter.objects.create(
        subject=NEWSLETTER_SUBJECT,
        intro="<p>In deze nieuwsbrief: nieuwe leden gezocht en de brede bijeenkomst over "
        "armoedebeleid.</p>",
        created_by=author,
        queued_at=sent_at,
        queued_by=author,
        sent_at=sent_at,
    )
    newsletter.news_items.set(NewsItem.objects.filter(slug__in=[NEWS[0][0], NEWS[1][0]]))
    deliveries = Delivery.objects.bulk_create(
        Delivery(
            newsletter=newsletter,
            subscriber=subscriber,
            status=Delivery.Status.SENT,
            claimed_at=sent_at,
            sent_at=sent_at,
        )
        for subscriber in Subscriber.objects.active()
    )
    return 1 + len(deliveries)
