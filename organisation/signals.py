from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from organisation.models import Organisation
from organisation.selectors import organisation_forget


@receiver(post_save, sender=Organisation, dispatch_uid="organisation_forget_cached")
def forget_cached_organisation(sender, **kwargs):
    # Also after the commit: a request reading in between must not re-cache old data.
    organisation_forget()
    transaction.on_commit(organisation_forget)
