"""The mail outbox in the admin (issue 15): the secretariat sees and retries, nobody edits.

The steering group holds members.view_* but not the outbox: its subjects and addresses
are personal data (members.outbox_admin asks for change_outgoingmail).
"""

from django.core.mail import EmailMessage

from tests.url_matrix import SEC, STUUR

ADMIN_OBJECTS = {
    "members.outgoingmail": lambda: _sample_mail(),
}

ADMIN_RIGHTS = {
    "members.outgoingmail": {STUUR: "", SEC: "vd"},
}


def _sample_mail():
    from members.models import OutgoingMail

    EmailMessage(subject="Voorbeeld", body="Tekst", to=["voorbeeld@example.org"]).send()
    return OutgoingMail.objects.latest("pk")
