"""Issue 18.1: one guided flow per trajectory, on its admin page.

The page shows the steps of the workflow (the model's own statuses, with the project
group's hand-over "ready for the plenary" between drafting and adoption), marks the
current one, and for the next step shows what it needs and a button that takes it, in
place, through the same services as everywhere else. A refusal comes back on the field
it concerns, with the rule that refused it; the services are atomic, so nothing is
half-saved. Publishing and unpublishing (A4) are on the page too.

The apps above advices fill in the steps they own: projectgroups the project group
(P1, P3), steering the plenary decision that adopts the advice (S5). They override
`flow_form_class`, `flow_needs` and `flow_take` of TrajectoryFlowMixin.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advices.models import (
    ADOPTED_OR_LATER,
    CONSULTED_BEFORE_ADOPTION,
    ORDER,
    READY_BEFORE_ADOPTION,
    Advice,
    Attachment,
    Recommendation,
    Status,
    Trajectory,
)
from advices.services import (
    advice_mark_ready,
    advice_publish,
    advice_unpublish,
    college_response_record,
    explanation_field,
    next_status,
    response_field,
    trajectory_advance,
)
from advices.services.workflow import ONLY_ADOPTED_PUBLISHED
from advices.uploads import validate_document
from members.formats import IsoDateInput
from members.shared import add_refusal

READY = "ready"  # the project group handed its draft to the plenary (S5)
PUBLISH, UNPUBLISH = "publish", "unpublish"
PUBLICATION = (PUBLISH, UNPUBLISH)


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    state: str  # "done", "current" or "todo"


def step_label(key: str) -> str:
    if key == READY:
        return gettext("Ready for the plenary")
    return str(Status(key).label)


def current_step(trajectory: Trajectory, advice: Advice | None) -> str:
    """The status, or READY while drafting once the group handed its draft over."""
    if trajectory.status == Status.DRAFTING and advice is not None and advice.ready_for_plenary:
        return READY
    return trajectory.status


def next_step(trajectory: Trajectory, advice: Advice | None) -> str | None:
    current = current_step(trajectory, advice)
    if current == Status.DRAFTING:
        return READY
    if current == READY:
        return Status.ADOPTED
    return next_status(current) if current != Status.WITHDRAWN else None


def flow_steps(trajectory: Trajectory, advice: Advice | None) -> list[Step]:
    keys = [str(status) for status in ORDER]
    keys.insert(keys.index(Status.ADOPTED), READY)
    current = current_step(trajectory, advice)
    if current == Status.WITHDRAWN:
        return [Step(key, step_label(key), "todo") for key in keys]
    reached = keys.index(current)
    return [
        Step(key, step_label(key), "done" if i < reached else "current" if i == reached else "todo")
        for i, key in enumerate(keys)
    ]


# --- The forms of the steps ----------------------------------------------------------------


class StepForm(forms.Form):
    """A step's form: the step it takes travels along, so a page left open while someone
    else moved the trajectory on cannot take another step than the one it showed."""

    step = forms.CharField(widget=forms.HiddenInput)
    # Its own ids: the trajectory's form on the same page has fields of the same names.
    id_format = "flow_%s"

    def __init__(self, *args, trajectory: Trajectory, **kwargs):
        kwargs.setdefault("auto_id", self.id_format)
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory


class NoteStepForm(StepForm):
    note = forms.CharField(
        label=_("Note for the timeline"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SentForm(StepForm):
    """The advice goes to the college: the date it was sent, and the letter."""

    on = forms.DateField(label=_("Sent to the college on"), widget=IsoDateInput())
    letter = forms.FileField(
        label=_("Letter to the college"),
        required=False,
        help_text=_(
            "PDF, ODT or DOCX. Kept with the trajectory's documents and shown with the "
            "published advice."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.docx"}),
    )

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise ValidationError(_("The advice cannot have been sent on a day still to come."))
        adopted_on = self.trajectory.adopted_on
        if adopted_on and on < adopted_on:
            raise ValidationError(
                _("The plenary adopted the advice on %(date)s: it was sent on or after that day.")
                % {"date": adopted_on.strftime("%d-%m-%Y")}
            )
        return on

    def clean_letter(self):
        letter = self.cleaned_data.get("letter")
        if letter:
            self.content_type = validate_document(letter)
        return letter


class CollegeResponseForm(forms.Form):
    """A3: the council proposal, the document and a response per recommendation."""

    council_proposal_number = forms.CharField(label=_("Council proposal number"), max_length=50)
    council_proposal_date = forms.DateField(label=_("Council proposal date"), widget=IsoDateInput())
    council_proposal_url = forms.URLField(
        label=_("Council proposal address"),
        required=False,
        assume_scheme="https",
        help_text=_("The council proposal in the council information system (https://…)."),
    )
    received_on = forms.DateField(label=_("Response received on"), widget=IsoDateInput())
    document = forms.FileField(
        label=_("Response document"),
        required=False,
        help_text=_("PDF, ODT or DOCX."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.docx"}),
    )

    def __init__(self, *args, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendations = recommendations
        for recommendation in recommendations:
            self.fields[response_field(recommendation.pk)] = forms.ChoiceField(
                label=_("Response of the college"),
                choices=Recommendation.Response.choices,
                widget=forms.RadioSelect,
                required=False,  # the service names a missing response (A3)
            )
            self.fields[explanation_field(recommendation.pk)] = forms.CharField(
                label=_("Explanation of the college"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def proposal_fields(self):
        return [
            self[name]
            for name in self.fields
            if name != "step" and not name.startswith(("response_", "explanation_"))
        ]

    def rows(self):
        return [
            (r, self[response_field(r.pk)], self[explanation_field(r.pk)])
            for r in self.recommendations
        ]

    def responses(self) -> dict[int, tuple[str, str]]:
        return {
            r.pk: (
                self.cleaned_data.get(response_field(r.pk), ""),
                self.cleaned_data.get(explanation_field(r.pk), ""),
            )
            for r in self.recommendations
        }


class ResponseStepForm(StepForm, CollegeResponseForm):
    """A3 as the flow's step: the same form, for the trajectory on the page."""

    def __init__(self, *args, trajectory: Trajectory, **kwargs):
        recommendations = list(
            Recommendation.objects.filter(advice__trajectory=trajectory).order_by("number")
        )
        super().__init__(*args, trajectory=trajectory, recommendations=recommendations, **kwargs)


class PublicationForm(StepForm):
    """A4: publish on the website, or take off it; the button is all there is."""

    id_format = "flow_publication_%s"


# --- The admin's part ----------------------------------------------------------------------


def with_rule(error: ValidationError, ruled) -> ValidationError:
    """The refusal with "A2: " before each message that one of `ruled` ((message, rule)
    pairs) refused with: the services' refusals name no rule (members read them in the
    portal too), the secretariat sees here which rule refused a step."""
    beginnings = [(str(message).split("%(")[0], rule) for message, rule in ruled]

    def named(message: str) -> str:
        rule = next((rule for start, rule in beginnings if message.startswith(start)), None)
        return f"{rule}: {message}" if rule else message

    if hasattr(error, "error_dict"):
        fields = error.message_dict
        return ValidationError({f: [named(message) for message in fields[f]] for f in fields})
    return ValidationError([named(message) for message in error.messages])


class TrajectoryFlowMixin:
    """For TrajectoryAdmin: the flow on the change page and the view that takes a step."""

    # The refusals whose rule the flow names beside them (app admins above add theirs).
    flow_rules = [
        (CONSULTED_BEFORE_ADOPTION, "A2"),
        (READY_BEFORE_ADOPTION, "S5"),
        (ONLY_ADOPTED_PUBLISHED, "A4"),
    ]

    change_form_template = "admin/advices/trajectory/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:pk>/flow/",
                self.admin_site.admin_view(self.flow_view),
                name="advices_trajectory_flow",
            ),
            *super().get_urls(),
        ]

    # Overridden by the apps above advices for the steps they own.

    def flow_form_class(self, trajectory: Trajectory, step: str) -> type[StepForm] | None:
        """The form of a step; None where this page cannot take it (flow_needs says why)."""
        if step == READY:
            return StepForm
        if step == Status.ADOPTED:
            return None  # S5: a plenary decision (steering)
        if step == Status.SENT:
            return SentForm
        if step == Status.RESPONDED:
            return ResponseStepForm
        if step in PUBLICATION:
            return PublicationForm
        return NoteStepForm

    def flow_initial(self, trajectory: Trajectory, step: str) -> dict:
        initial = {"step": step}
        if step == Status.SENT:
            initial["on"] = timezone.localdate()
        if step == Status.RESPONDED:
            initial["received_on"] = timezone.localdate()
        return initial

    def flow_needs(self, trajectory: Trajectory, step: str) -> dict:
        """What the step needs, in words, and where to do what this page cannot."""
        needs = {
            READY: _(
                "S5: the plenary adopts only a draft its project group handed over. Mark the "
                "draft ready for the plenary once the group agrees on it."
            ),
            Status.ADOPTED: _(
                "S5: the members adopt the advice by a decision at a plenary meeting, on the "
                "agenda item that carries its draft."
            ),
            Status.SENT: _("The date the adopted advice was sent to the college, and the letter."),
            Status.RESPONDED: _(
                "A3: the council proposal the advice was attached to, and the college's "
                "response to every recommendation."
            ),
        }
        return {"text": needs.get(step, ""), "links": []}

    def flow_button(self, step: str) -> str:
        buttons = {
            READY: _("Mark the draft ready for the plenary"),
            Status.ADOPTED: _("Record the adoption"),
            Status.SENT: _("Record that the advice was sent"),
            Status.RESPONDED: _("Record the college's response"),
        }
        if step in buttons:
            return str(buttons[step])
        return gettext("Move to “%(step)s”") % {"step": step_label(step)}

    def flow_take(self, request, trajectory: Trajectory, step: str, form: StepForm) -> str:
        """Take the step through its service; returns the message to show. A refusal is a
        ValidationError (or PermissionDenied) and leaves nothing behind."""
        data = form.cleaned_data
        if step == READY:
            if not request.user.has_perm("advices.change_advice"):
                raise PermissionDenied
            advice_mark_ready(advice=trajectory.advice, by=request.user)
            return gettext("The draft is ready for the plenary.")
        if step == PUBLISH:
            advice_publish(trajectory=trajectory, by=request.user)
            return gettext("%(trajectory)s: published on the website.") % {"trajectory": trajectory}
        if step == UNPUBLISH:
            advice_unpublish(trajectory=trajectory, by=request.user)
            return gettext("%(trajectory)s: removed from the website.") % {"trajectory": trajectory}
        if step == Status.SENT:
            self._send(request, trajectory, form)
        elif step == Status.RESPONDED:
            college_response_record(
                trajectory=trajectory,
                by=request.user,
                received_on=data["received_on"],
                council_proposal_number=data["council_proposal_number"],
                council_proposal_date=data["council_proposal_date"],
                council_proposal_url=data["council_proposal_url"],
                document=data["document"] or None,
                responses=form.responses(),
            )
        else:
            trajectory_advance(trajectory=trajectory, to=step, by=request.user, note=data["note"])
        return gettext("%(trajectory)s: moved to “%(step)s”.") % {
            "trajectory": trajectory,
            "step": step_label(step),
        }

    @transaction.atomic
    def _send(self, request, trajectory: Trajectory, form: SentForm) -> None:
        letter = form.cleaned_data.get("letter")
        trajectory_advance(
            trajectory=trajectory, to=Status.SENT, by=request.user, on=form.cleaned_data["on"]
        )
        if letter:
            Attachment.objects.create(
                trajectory=trajectory,
                title=gettext("Letter to the college"),
                file=letter,
                content_type=form.content_type,
                size=letter.size,
                uploaded_by=request.user,
            )

    # The page.

    def flow_context(self, request, trajectory: Trajectory, *, form=None, step=None) -> dict:
        advice = Advice.objects.filter(trajectory=trajectory).first()
        coming = next_step(trajectory, advice)
        may_change = self.has_change_permission(request, trajectory)
        context = {
            "flow_steps": flow_steps(trajectory, advice),
            "flow_current": step_label(current_step(trajectory, advice)),
            "flow_next": coming,
            "flow_next_label": step_label(coming) if coming else "",
            "flow_button": self.flow_button(coming) if coming else "",
            "flow_url": reverse("admin:advices_trajectory_flow", args=[trajectory.pk]),
            "flow_may_change": may_change,
            "flow_needs": self.flow_needs(trajectory, coming) if coming else {},
            "flow_withdrawn": trajectory.status == Status.WITHDRAWN,
        }
        if not may_change:
            return context
        if coming:
            form_class = self.flow_form_class(trajectory, coming)
            if step == coming:
                context["flow_form"] = form
            elif form_class is not None:
                context["flow_form"] = form_class(
                    trajectory=trajectory, initial=self.flow_initial(trajectory, coming)
                )
        if step in PUBLICATION:
            context["flow_publication"] = form  # refused: shown with its reason
        elif trajectory.status in ADOPTED_OR_LATER:
            publication = UNPUBLISH if trajectory.published_at else PUBLISH
            context["flow_publication"] = PublicationForm(
                trajectory=trajectory, initial={"step": publication}
            )
        context["flow_published_at"] = trajectory.published_at
        return context

    def change_view(self, request, object_id, form_url="", extra_context=None):
        trajectory = self.get_object(request, object_id) if object_id else None
        extra_context = extra_context or {}
        if trajectory is not None:
            extra_context.update(self.flow_context(request, trajectory))
        return super().change_view(request, object_id, form_url, extra_context)

    def flow_view(self, request, pk: int):
        trajectory = get_object_or_404(Trajectory, pk=pk)
        if not self.has_change_permission(request, trajectory):
            raise PermissionDenied
        change_url = reverse("admin:advices_trajectory_change", args=[pk])
        if request.method != "POST":
            return redirect(change_url)
        advice = Advice.objects.filter(trajectory=trajectory).first()
        step = request.POST.get("step", "")
        coming = next_step(trajectory, advice)
        form_class = (
            self.flow_form_class(trajectory, step) if step in (coming, *PUBLICATION) else None
        )
        if form_class is None:
            messages.error(
                request,
                gettext("This trajectory is at “%(current)s” now; see its next step below.")
                % {"current": step_label(current_step(trajectory, advice))},
            )
            return redirect(change_url)
        form = form_class(request.POST, request.FILES, trajectory=trajectory)
        if form.is_valid():
            try:
                done = self.flow_take(request, trajectory, step, form)
            except ValidationError as error:
                add_refusal(form, with_rule(error, self.flow_rules))
            except PermissionDenied:
                form.add_error(None, gettext("You may not take this step."))
            else:
                messages.success(request, done)
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": trajectory,
            "title": gettext("Next step of %(trajectory)s") % {"trajectory": trajectory},
            **self.flow_context(request, trajectory, form=form, step=step),
        }
        return TemplateResponse(request, "admin/advices/trajectory/flow.html", context)
