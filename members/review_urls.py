from django.urls import path

from members import review_views

app_name = "review"

urlpatterns = [
    path("", review_views.application_list, name="list"),
    path("<int:pk>/", review_views.application_detail, name="detail"),
]
