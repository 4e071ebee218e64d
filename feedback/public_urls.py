from django.urls import path

from .views import public

app_name = "feedback_public"

urlpatterns = [
    path("<slug:slug>/", public.public_form, name="form"),
    path("<slug:slug>/case/", public.public_follow_up, name="follow_up"),
    path("<slug:slug>/results/", public.public_results, name="results"),
]
