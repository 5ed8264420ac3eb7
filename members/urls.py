from django.contrib.auth import views as auth_views
from django.urls import path

from members import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord/wijzigen/", views.PasswordChangeView.as_view(), name="password-change"),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path("wachtwoord/vergeten/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "wachtwoord/vergeten/verzonden/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "wachtwoord/herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "wachtwoord/hersteld/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("tweestapsverificatie/", two_factor_views.two_factor, name="two-factor"),
    path(
        "tweestapsverificatie/controle/",
        two_factor_views.two_factor_verify,
        name="two-factor-verify",
    ),
    path(
        "tweestapsverificatie/eerste/", two_factor_views.two_factor_first, name="two-factor-first"
    ),
    path("tweestapsverificatie/nieuw/", two_factor_views.two_factor_add, name="two-factor-add"),
    path(
        "tweestapsverificatie/verwijderen/",
        two_factor_views.two_factor_remove,
        name="two-factor-remove",
    ),
    path("berichten/", views.mail_preference, name="mail-preference"),
]
