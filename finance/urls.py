from django.urls import path

from finance import views

app_name = "finance"

urlpatterns = [
    path("", views.budget, name="budget"),
    path("<int:year>/", views.budget_year, name="budget-year"),
]
