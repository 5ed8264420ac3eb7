"""The portal's page of contacts (issue 23.6). Thin: who sees what is decided by
steering.selectors.relations, the same selectors for every role.

Editing the register is done in the admin, by the Stuurgroep and the Secretariaat (both
have admin accounts with the second factor; the admin gives them search, filters,
history and the privacy notice on every form). This page is the member's narrow view.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from steering.selectors.relations import contacts_visible_to, organisations_visible_to


@login_required
@require_safe
def contacts(request):
    """A member sees only the organisations and the names and roles of the contact
    persons linked to their own project group's trajectory."""
    people = contacts_visible_to(request.user)
    organisations = [
        (organisation, [p for p in people if p.organisation_id == organisation.pk])
        for organisation in organisations_visible_to(request.user)
    ]
    return render(
        request,
        "steering/relations/contacts.html",
        {
            "organisations": organisations,
            "sees_register": request.user.has_perm("relations.view_organisation"),
        },
    )
