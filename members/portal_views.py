"""The member's own pages in the portal: term (M7), declaration (M5), profile, own data.

No URL takes a member id: every page shows the logged-in user's own membership, so one
member never sees another's data. A user without a membership gets a friendly page.
"""

import functools
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members.data_readable import member_data_readable
from members.models import Member
from members.models.common import IncompatibilityAnswers
from members.portal_forms import ContactForm, DeclarationForm, ExtensionRequestForm
from members.services import consent_withdraw, declaration_submit, term_extension_request
from members.services.privacy import member_data_export
from members.services.profile import CONTACT_FIELDS, member_update_contact
from members.shared import add_refusal
from organisation.selectors import organisation_get

GET_POST = ["GET", "HEAD", "POST"]


def own_membership(view):
    """Pass the user's own membership to the view; without one, say so (HTTP 200)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            member = request.user.member
        except Member.DoesNotExist:
            return render(request, "members/portal/no_membership.html")
        return view(request, member, *args, **kwargs)

    return wrapper


@own_membership
@require_http_methods(["GET", "HEAD"])
def overview(request, member):
    year = timezone.localdate().year
    return render(
        request,
        "members/portal/overview.html",
        {
            "member": member,
            "extension_requests": member.extension_requests.all(),
            "declared_this_year": member.declarations.filter(year=year).exists(),
            "year": year,
        },
    )


@own_membership
@require_http_methods(GET_POST)
def profile(request, member):
    form = ContactForm(
        request.POST or None, initial={name: getattr(member, name) for name in CONTACT_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            member_update_contact(member=member, data=form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your contact details have been saved."))
            return redirect("membership:profile")
    return render(request, "members/portal/profile.html", {"member": member, "form": form})


@own_membership
@require_http_methods(GET_POST)
def extension(request, member):
    form = ExtensionRequestForm(request.POST or None, member=member)
    if request.method == "POST" and member.is_sitting and form.is_valid():
        try:
            term_extension_request(
                member=member,
                months=form.cleaned_data["months"],
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("We have received your request. The secretariat will let you know its decision."),
            )
            return redirect("membership:overview")
    pending = member.extension_requests.filter(status="pending").first()
    return render(
        request,
        "members/portal/extension.html",
        {
            "member": member,
            "form": form,
            "pending": pending,
            "can_request": member.is_sitting
            and not member.is_marked_to_end
            and not member.extension_months
            and not pending,
        },
    )


@own_membership
@require_http_methods(GET_POST)
def declaration(request, member):
    year = timezone.localdate().year
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and member.is_sitting and form.is_valid():
        try:
            declaration_submit(member=member, year=year, answers=form.answers())
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("Thank you, your declaration for %(year)s has been saved.") % {"year": year},
            )
            return redirect("membership:declaration")
    made = member.declarations.filter(year=year).first()
    answers = []
    if made is not None:
        answers = [
            (question, getattr(made, name), IncompatibilityAnswers.EXPLANATIONS[name])
            for name, question in IncompatibilityAnswers.QUESTIONS.items()
        ]
    return render(
        request,
        "members/portal/declaration.html",
        {"member": member, "form": form, "year": year, "declaration": made, "answers": answers},
    )


@own_membership
@require_http_methods(["GET", "HEAD"])
def data(request, member):
    """Issue 16.6: everything held on the member, readable, beside the PDF and the file."""
    parts = member_data_readable(member_data_export(member=member))
    response = render(request, "members/portal/data.html", {"member": member, "parts": parts})
    response["Cache-Control"] = "no-store"
    return response


@own_membership
@require_http_methods(["GET", "HEAD"])
def data_pdf(request, member):
    from weasyprint import HTML  # heavy import, only when a PDF is made

    export = member_data_export(member=member)
    html = render_to_string(
        "members/pdf/my_data.html",
        {
            "member": member,
            "parts": member_data_readable(export),
            "exported_at": export["exported_at"],
            "organisation": organisation_get(),
        },
        request=request,
    )
    response = HttpResponse(
        HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(),
        content_type="application/pdf",
    )
    filename = f"mijn-gegevens-{timezone.localdate().isoformat()}.pdf"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    response["Cache-Control"] = "no-store"
    return response


@own_membership
@require_http_methods(["GET", "HEAD"])
def data_download(request, member):
    export = member_data_export(member=member)
    response = HttpResponse(
        json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mijn-gegevens-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


@own_membership
@require_http_methods(GET_POST)
def consent(request, member):
    if request.method == "POST":
        consent_withdraw(member=member)
        messages.success(
            request,
            _(
                "You have withdrawn your consent. We have deleted your cultural background "
                "and lived experience."
            ),
        )
        return redirect("membership:consent")
    return render(
        request,
        "members/portal/consent.html",
        {"member": member, "experience_themes": member.experience_themes.all()},
    )
