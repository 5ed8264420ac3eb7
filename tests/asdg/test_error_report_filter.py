"""An error report (the mail to the admins, the debug page) names the fields that were
posted and the variables a frame had, never their values: the code that failed may have
held an application's answers."""

import sys

from django.test import RequestFactory
from django.views.debug import ExceptionReporter


def _report(request):
    try:
        # A frame variable with art. 9 data, built so that the source line shown in the
        # report does not hold the value itself.
        applicant_health = " ".join(["dia" + "betes", "en", "reuma"])  # noqa: F841
        raise ValueError("boom")
    except ValueError:
        return ExceptionReporter(request, *sys.exc_info()).get_traceback_html()


def test_error_report_hides_stack_variables_and_posted_values(settings):
    settings.DEBUG = False
    request = RequestFactory().post("/aanmelden/", {"motivation": "mijn verhaal over schulden"})
    text = _report(request)
    assert "applicant_health" in text and "motivation" in text
    assert "diabetes" not in text
    assert "schulden" not in text


def test_error_report_hides_stack_variables_without_a_request(settings):
    settings.DEBUG = False
    text = _report(None)
    assert "applicant_health" in text
    assert "diabetes" not in text
