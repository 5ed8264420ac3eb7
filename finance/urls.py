from django.urls import path

from finance import claim_views, report_views, views

app_name = "finance"

urlpatterns = [
    path("", views.budget, name="budget"),
    path("<int:year>/", views.budget_year, name="budget-year"),
    # Reports (steering group and secretariat).
    path("<int:year>/rapportage/", report_views.report, name="report"),
    path("<int:year>/rapportage.csv", report_views.report_csv, name="report-csv"),
    path("<int:year>/rapportage.xlsx", report_views.report_xlsx, name="report-xlsx"),
    path("<int:year>/rapportage.pdf", report_views.report_pdf_view, name="report-pdf"),
    path("<int:year>/prognose/", report_views.forecast, name="forecast"),
    path("meerjarig/", report_views.years, name="years"),
    # Expense claims (M9).
    path("declaraties/", claim_views.claim_list, name="claims"),
    path("declaraties/nieuw/", claim_views.claim_create, name="claim-create"),
    path("declaraties/beoordelen/", claim_views.claim_review, name="claim-review"),
    path("declaraties/<int:pk>/", claim_views.claim_detail, name="claim-detail"),
    path("declaraties/<int:pk>/bon/", claim_views.claim_receipt, name="claim-receipt"),
    path("declaraties/<int:pk>/intrekken/", claim_views.claim_withdraw_view, name="claim-withdraw"),
    path("declaraties/<int:pk>/beslissen/", claim_views.claim_decide, name="claim-decide"),
]
