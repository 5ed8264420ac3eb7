from django.contrib import admin
from django.urls import include, path

from asdg import views

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
    path("portaal/", views.portal_home, name="portal"),
    path("account/", include("members.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler500 = "asdg.views.server_error"
