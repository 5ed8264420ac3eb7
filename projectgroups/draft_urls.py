from django.urls import path

from projectgroups import draft_views as views

app_name = "drafting"

urlpatterns = [
    path("<int:pk>/advies/", views.draft, name="draft"),
    path("<int:pk>/advies/opmerking/", views.comment, name="comment"),
    path("<int:pk>/advies/bewerken/", views.edit, name="edit"),
    path("<int:pk>/advies/versies/", views.versions, name="versions"),
    path("<int:pk>/advies/versies/<int:number>/", views.diff, name="diff"),
    path("<int:pk>/advies/gereed/", views.ready, name="ready"),
]
