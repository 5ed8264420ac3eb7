"""A member keeps their own contact data up to date (the portal's profile page)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from members.models import Member
from members.services.recruitment import postcode_area_for

CONTACT_FIELDS = ["first_name", "last_name", "phone", "street_address", "postcode"]


@transaction.atomic
def member_update_contact(*, member: Member, data: dict) -> Member:
    """Change name, phone and address; the postcode must lie in the municipality (M4).

    The e-mail address is the login and is changed by the secretariat only. The account's
    name follows the member's, so the portal greets the member by the new name.
    """
    member = Member.objects.select_for_update().get(pk=member.pk)
    for name in CONTACT_FIELDS:
        if name in data:
            setattr(member, name, (data[name] or "").strip())
    try:
        member.postcode, member.postcode_area = postcode_area_for(member.postcode)
    except ValidationError as error:
        raise ValidationError(
            error.message_dict if hasattr(error, "error_dict") else {"postcode": error.messages}
        ) from error
    member.full_clean(exclude=["user"])
    member.save(update_fields=[*CONTACT_FIELDS, "postcode_area"])
    if member.user_id:
        user = member.user
        user.first_name, user.last_name = member.first_name[:150], member.last_name[:150]
        user.save(update_fields=["first_name", "last_name"])
    return member
