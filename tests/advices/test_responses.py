"""A3: the college's response per recommendation, the reminder; A5: capacity."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from advices.models import CollegeResponse, Recommendation, Status
from advices.selectors import (
    advice_capacity,
    advices_in_year,
    deadlines_within,
    trajectories_awaiting_response,
)
from advices.services import (
    advice_save_draft,
    college_response_record,
    explanation_field,
    response_field,
    trajectory_advance,
    trajectory_withdraw,
)
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.advices.test_uploads import PDF_BYTES
from tests.harness import said
from tests.members.factories import secretary

pytestmark = pytest.mark.django_db

A, PARTLY, NOT = (
    Recommendation.Response.ADOPTED,
    Recommendation.Response.PARTLY,
    Recommendation.Response.NOT_ADOPTED,
)


def sent_trajectory(texts=("Meer vroegsignalering", "Eén loket", "Minder formulieren")):
    trajectory = advance_to(TrajectoryFactory(), Status.DRAFTING)
    advice_save_draft(advice=trajectory.advice, by=secretary(), data={}, recommendations=texts)
    return advance_to(trajectory, Status.SENT)


def record(trajectory, responses, **kwargs):
    return college_response_record(
        trajectory=trajectory,
        by=kwargs.pop("by", None),
        received_on=datetime.date(2026, 9, 15),
        council_proposal_number=kwargs.pop("number", "RV 2026-042"),
        council_proposal_date=datetime.date(2026, 9, 10),
        responses=responses,
        **kwargs,
    )


def recommendations(trajectory):
    return list(Recommendation.objects.filter(advice__trajectory=trajectory))


def test_a3_college_response_per_recommendation():
    trajectory = sent_trajectory()
    first, second, third = recommendations(trajectory)
    by = secretary()
    document = SimpleUploadedFile("reactie.pdf", PDF_BYTES)
    record(
        trajectory,
        {
            first.pk: (A, ""),
            second.pk: (PARTLY, "Eén loket voor Wmo, niet voor jeugd."),
            third.pk: (NOT, "Wettelijk voorgeschreven."),
        },
        by=by,
        document=document,
    )
    assert [(r.response, r.response_explanation) for r in recommendations(trajectory)] == [
        (A, ""),
        (PARTLY, "Eén loket voor Wmo, niet voor jeugd."),
        (NOT, "Wettelijk voorgeschreven."),
    ]
    trajectory.refresh_from_db()
    assert trajectory.status == Status.RESPONDED
    event = trajectory.events.last()
    assert (event.from_status, event.to_status, event.by) == (Status.SENT, Status.RESPONDED, by)
    assert "RV 2026-042" in event.note
    response = trajectory.college_response
    assert response.council_proposal_number == "RV 2026-042"
    assert response.document.read().startswith(b"%PDF-")


def test_a3_a_recommendation_without_response_is_refused_and_nothing_saved(settings):
    trajectory = sent_trajectory()
    first, second, third = recommendations(trajectory)
    with pytest.raises(ValidationError) as refused:
        record(
            trajectory,
            {first.pk: (A, ""), second.pk: (PARTLY, "Deels.")},
            document=SimpleUploadedFile("reactie.pdf", PDF_BYTES),
        )
    assert set(refused.value.error_dict) == {response_field(third.pk)}
    wanted = said("Record the college's response to recommendation %(number)s.", number=3)
    assert refused.value.messages == [wanted]  # issue 16.5: in words, without "A3:"
    trajectory.refresh_from_db()
    assert trajectory.status == Status.SENT
    assert not CollegeResponse.objects.exists()
    assert {r.response for r in recommendations(trajectory)} == {""}
    assert not list(settings.MEDIA_ROOT.glob("**/*.*"))


def test_a3_partly_or_not_adopted_needs_the_explanation():
    trajectory = sent_trajectory(["Eén loket"])
    (only,) = recommendations(trajectory)
    for response in (PARTLY, NOT):
        with pytest.raises(ValidationError) as refused:
            record(trajectory, {only.pk: (response, "  ")})
        assert set(refused.value.error_dict) == {explanation_field(only.pk)}
    assert not CollegeResponse.objects.exists()


@pytest.mark.parametrize("status", [Status.DRAFTING, Status.ADOPTED, Status.RESPONDED])
def test_a3_response_only_for_an_advice_sent_to_the_college(status):
    trajectory = advance_to(TrajectoryFactory(), status)
    with pytest.raises(ValidationError) as refused:
        record(trajectory, {})
    assert str(Status(status).label) in " ".join(refused.value.messages)
    trajectory.refresh_from_db()
    assert trajectory.status == status


def test_a3_response_document_is_checked():
    trajectory = sent_trajectory(["Eén loket"])
    (only,) = recommendations(trajectory)
    with pytest.raises(ValidationError) as refused:
        record(
            trajectory,
            {only.pk: (A, "")},
            document=SimpleUploadedFile("reactie.pdf", b"\x7fELF\x02\x01" + b"\x00" * 64),
        )
    assert set(refused.value.error_dict) == {"document"}
    assert not CollegeResponse.objects.exists()


def test_a3_response_reminder_after_8_weeks(settings):
    settings.ASDG_RESPONSE_REMINDER_WEEKS = 8
    today = datetime.date(2026, 11, 30)
    late = advance_to(TrajectoryFactory(subject="Laat"), Status.ADOPTED)
    late = trajectory_advance(
        trajectory=late, to=Status.SENT, by=None, on=datetime.date(2026, 10, 1)
    )
    in_time = advance_to(TrajectoryFactory(subject="Op tijd"), Status.ADOPTED)
    trajectory_advance(
        trajectory=in_time, to=Status.SENT, by=None, on=today - datetime.timedelta(weeks=8)
    )
    answered = advance_to(TrajectoryFactory(subject="Beantwoord"), Status.ADOPTED)
    answered = trajectory_advance(
        trajectory=answered, to=Status.SENT, by=None, on=datetime.date(2026, 9, 1)
    )
    advance_to(answered, Status.RESPONDED)
    assert list(trajectories_awaiting_response(today=today)) == [late]
    settings.ASDG_RESPONSE_REMINDER_WEEKS = 4
    assert {t.subject for t in trajectories_awaiting_response(today=today)} == {"Laat", "Op tijd"}


def test_a5_advices_this_year_against_the_10_to_15_target():
    for n in range(16):
        TrajectoryFactory(received_on=datetime.date(2026, 1 + n % 12, 1))
    TrajectoryFactory(received_on=datetime.date(2025, 12, 31))
    withdrawn = TrajectoryFactory(received_on=datetime.date(2026, 5, 1))
    trajectory_withdraw(trajectory=withdrawn, by=None, reason="Aanvraag vervallen.")
    assert advices_in_year(year=2026).count() == 16
    capacity = advice_capacity(year=2026)
    assert (capacity.count, capacity.minimum, capacity.maximum, capacity.over) == (16, 10, 15, True)
    assert not advice_capacity(year=2025).over


def test_a5_deadlines_within_two_weeks():
    today = datetime.date(2026, 6, 1)
    soon = TrajectoryFactory(subject="Binnenkort", deadline=datetime.date(2026, 6, 15))
    passed = TrajectoryFactory(subject="Verlopen", deadline=datetime.date(2026, 5, 20))
    TrajectoryFactory(subject="Later", deadline=datetime.date(2026, 6, 16))
    TrajectoryFactory(subject="Zonder termijn", deadline=None)
    sent = advance_to(TrajectoryFactory(deadline=datetime.date(2026, 6, 5)), Status.SENT)
    withdrawn = TrajectoryFactory(deadline=datetime.date(2026, 6, 3))
    trajectory_withdraw(trajectory=withdrawn, by=None, reason="Vervallen.")
    assert list(deadlines_within(today=today)) == [passed, soon]
    assert sent not in deadlines_within(today=today, days=30)
