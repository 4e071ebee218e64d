"""Included under /partnerships/<pk>/budgets/ (config/urls.py): every view gets the
partnership's `pk` and fetches its budget through that partnership."""

from django.urls import path

from .views import budgets as views
from .views import changes

app_name = "budgets"

urlpatterns = [
    path("", views.budget_list, name="list"),
    path("<int:budget_pk>/", views.budget_detail, name="detail"),
    path("<int:budget_pk>/edit/", views.budget_edit, name="edit"),
    path("<int:budget_pk>/activate/", views.budget_activate, name="activate"),
    path("<int:budget_pk>/lines/new/", views.line_add, name="line_add"),
    path("<int:budget_pk>/lines/<int:line_pk>/", views.line_edit, name="line_edit"),
    path("<int:budget_pk>/lines/import/", views.lines_import, name="import"),
    path("<int:budget_pk>/lines/export.csv", views.lines_export, name="export"),
    path("<int:budget_pk>/rule/", views.rule_edit, name="rule"),
    path("<int:budget_pk>/rule/agree/", views.rule_agree, name="rule_agree"),
    path("<int:budget_pk>/comments/", views.comment_add, name="comment"),
    path("<int:budget_pk>/changes/new/", changes.change_new, name="change_new"),
    path("<int:budget_pk>/changes/<int:change_pk>/", changes.change_detail, name="change_detail"),
    path(
        "<int:budget_pk>/changes/<int:change_pk>/decide/",
        changes.change_decide,
        name="change_decide",
    ),
    path(
        "<int:budget_pk>/changes/<int:change_pk>/withdraw/",
        changes.change_withdraw,
        name="change_withdraw",
    ),
]
