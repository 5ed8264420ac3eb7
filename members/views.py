from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from members.forms import LoginForm, MailPreferenceForm
from members.lockout import account_unlock
from members.services.notifications import mail_preference_set
from organisation.selectors import organisation_get


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a Dutch page, HTTP 429.

    `account_locked`: the account reached its ceiling from many addresses (members.lockout);
    the page then points to the password-reset mail, which unlocks it.
    """
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
        "account_locked": getattr(request, "asdg_account_locked", False),
    }
    return render(request, "registration/lockout.html", context, status=429)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    # The reset mail goes into the outbox (EMAIL_BACKEND) with this request's transaction;
    # the mail worker delivers it. The answer is the same whether or not the address is
    # known, and a slow or absent mail server cannot slow or fail it (issue 15).
    email_template_name = "registration/emails/password_reset.txt"
    subject_template_name = "registration/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    @property
    def extra_email_context(self):
        return {"organisation": organisation_get()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The owner proved the mailbox: the account's failed logins no longer lock it.
        account_unlock(email=self.user.email)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password-change-done")


@login_required
def mail_preference(request):
    """Issue 8: immediate e-mails or one weekly digest."""
    form = MailPreferenceForm(
        request.POST or None, initial={"mail_preference": request.user.mail_preference}
    )
    if request.method == "POST" and form.is_valid():
        mail_preference_set(user=request.user, preference=form.cleaned_data["mail_preference"])
        messages.success(request, _("Your choice is saved."))
        return redirect("accounts:mail-preference")
    return render(request, "registration/mail_preference.html", {"form": form})
