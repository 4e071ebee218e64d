from django.urls import path

from . import views

app_name = "budgets"

urlpatterns = [
    path("partnership/<int:pk>/", views.partnership_budgets, name="partnership"),
    path("<int:pk>/", views.budget_detail, name="detail"),
    path("<int:pk>/edit/", views.budget_edit, name="edit"),
    path("<int:pk>/activate/", views.budget_activate, name="activate"),
    path("<int:pk>/lines/new/", views.line_add, name="line_add"),
    path("<int:pk>/lines/<int:line_pk>/", views.line_edit, name="line_edit"),
    path("<int:pk>/lines/import/", views.lines_import, name="import"),
    path("<int:pk>/lines/export.csv", views.lines_export, name="export"),
    path("<int:pk>/rule/", views.rule_edit, name="rule"),
    path("<int:pk>/rule/agree/", views.rule_agree, name="rule_agree"),
    path("<int:pk>/changes/new/", views.change_new, name="change_new"),
    path("<int:pk>/changes/<int:change_pk>/", views.change_detail, name="change_detail"),
    path("<int:pk>/changes/<int:change_pk>/decide/", views.change_decide, name="change_decide"),
    path("<int:pk>/comments/", views.comment_add, name="comment"),
]
