"""The addresses budgets had under /budgets/ before #8; they redirect to the nested ones."""

from django.urls import path

from .views import legacy

app_name = "budgets_legacy"

urlpatterns = [
    path("partnership/<int:pk>/", legacy.old_partnership_budgets, name="partnership"),
    path("<int:budget_pk>/", legacy.old_budget_url, name="budget"),
    path("<int:budget_pk>/<path:rest>", legacy.old_budget_url, name="budget_page"),
]
