from django.urls import path

from . import api, views

app_name = "health"

urlpatterns = [
    path("partnerships/<int:pk>/health/", views.partnership_health, name="partnership"),
    path(
        "partnerships/<int:pk>/health/review.pdf", views.partnership_review_pdf, name="review_pdf"
    ),
    path("partnerships/<int:pk>/health/iati.xml", views.partnership_iati, name="iati"),
    path(
        "partnerships/<int:pk>/health/records/<slug:dimension>.csv",
        views.dimension_records,
        {"fmt": "csv"},
        name="records_csv",
    ),
    path(
        "partnerships/<int:pk>/health/records/<slug:dimension>.xlsx",
        views.dimension_records,
        {"fmt": "xlsx"},
        name="records_xlsx",
    ),
    path("health/portfolio/", views.portfolio, name="portfolio"),
    path("health/portfolio.csv", views.portfolio_csv, name="portfolio_csv"),
    path("health/portfolio.xlsx", views.portfolio_xlsx, name="portfolio_xlsx"),
    path("api/health/partnerships/<int:pk>/", api.partnership_health, name="api_partnership"),
    path("api/health/portfolio/", api.portfolio, name="api_portfolio"),
    path("api/health/openapi.json", api.openapi, name="api_openapi"),
]
