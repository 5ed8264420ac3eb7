"""The advice letter as a PDF in house style (WeasyPrint), made once per publication.

The letter is the advice as the plenary adopted it (frozen), so one file per published
version is enough: it is stored under the trajectory and the publication time, reused
for every visitor, and replaced when the advice is published again. Tagged as PDF/UA-1
(structure tags, document language and title) for screen readers.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format

from advices.models import Trajectory
from organisation.house_style import house_stylesheets
from organisation.selectors import organisation_get

logger = logging.getLogger(__name__)

FOLDER = "advices/pdf"
STYLESHEET = "advices/letter.css"


def _folder(trajectory_pk: int) -> str:
    return f"{FOLDER}/{trajectory_pk}"


def advice_pdf_name(trajectory: Trajectory, appendices: list[str] = ()) -> str:
    """Where this publication's letter is stored: one file per trajectory and version,
    and per list of appendices (the college's response letter comes after publication)."""
    stamp = trajectory.published_at.strftime("%Y%m%dT%H%M%S%f")
    listed = ""
    if appendices:
        listed = "-" + hashlib.sha256("\n".join(appendices).encode()).hexdigest()[:12]
    return f"{_folder(trajectory.pk)}/{stamp}-v{trajectory.advice.version}{listed}.pdf"


def advice_pdf_filename(trajectory: Trajectory) -> str:
    """The name a visitor's download gets."""
    return f"advies-{trajectory.slug}.pdf"


def adoption_line(trajectory: Trajectory) -> str:
    """The plenary decision with its date, the date only once: the reference mostly holds
    it already ("Brede bijeenkomst 7 februari 2024", "... van 07-02-2024")."""
    reference, day = trajectory.adoption_reference, trajectory.adopted_on
    if day is None:
        return reference
    written = date_format(day, "j F Y")
    forms = {written, day.strftime("%d-%m-%Y"), f"{day.day}-{day.month}-{day.year}"}
    if any(form in reference for form in forms):
        return reference
    return f"{reference}, {written}"


def advice_pdf_render(trajectory: Trajectory, recommendations, appendices: list[str] = ()) -> bytes:
    """Render the letter (Dutch, the language of the letter to the college)."""
    from weasyprint import HTML

    with translation.override("nl"):
        html = render_to_string(
            "advices/pdf/letter.html",
            {
                "trajectory": trajectory,
                "advice": trajectory.advice,
                "recommendations": recommendations,
                "organisation": organisation_get(),
                "letter_date": timezone.localtime(trajectory.published_at).date(),
                "adoption_line": adoption_line(trajectory),
                "appendices": appendices,
            },
        )
        stylesheets = house_stylesheets(STYLESHEET)
    return HTML(string=html).write_pdf(
        stylesheets=stylesheets,
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
    )


def advice_pdf(trajectory: Trajectory, recommendations, appendices: list[str] = ()) -> bytes:
    """The stored letter of this publication, rendered and stored on first request."""
    name = advice_pdf_name(trajectory, appendices)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    content = advice_pdf_render(trajectory, recommendations, appendices)
    if not default_storage.exists(name):  # two first visitors at once: keep one file
        default_storage.save(name, ContentFile(content))
    return content


def advice_pdf_forget(*, trajectory_pk: int) -> None:
    """Delete the stored letters of an advice that left the website."""
    folder = _folder(trajectory_pk)
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")
