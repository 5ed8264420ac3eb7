"""The public site's forms: the newsletter's sign-up (an address, and the honeypot every
public form has) and the site search (a GET form: it works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.form_guards import HoneypotForm


class SubscribeForm(HoneypotForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SiteSearchForm(forms.Form):
    """Issue 19.4: the search of /zoeken/ (the header's box sends the same `q`)."""

    q = forms.CharField(
        label=_("Search advices, recommendations, college responses, news, pages and meetings"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
    )

    def search_text(self) -> str:
        """The words asked for; "" for none or an invalid value (too long)."""
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data["q"].strip()
