from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from partnerships.auth import EmailAuthenticationForm
from partnerships.forms.core import QueuedPasswordResetForm
from partnerships.views import core as partnership_views
from partnerships.views import profile as profile_views
from partnerships.views import twofactor as twofactor_views
from partnerships.views import verify as verify_views


class FaviconView(RedirectView):
    """Browsers and feed readers still ask for /favicon.ico before reading the page's link."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="partnerships:list"), name="home"),
    path("favicon.ico", FaviconView.as_view()),
    path("admin/", admin.site.urls),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(
            form_class=QueuedPasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            html_email_template_name="registration/password_reset_email.html",
        ),
        name="password_reset",
    ),
    path("accounts/profile/", profile_views.profile, name="profile"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("invitations/<str:token>/", partnership_views.accept_invitation, name="accept_invitation"),
    path("language/", partnership_views.switch_language, name="set_language"),
    path("verify/", verify_views.verify_mou, name="verify_mou"),
    path("two-factor/setup/", twofactor_views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", twofactor_views.two_factor_verify, name="two_factor_verify"),
    path("partnerships/", include("partnerships.urls")),
    path("capacity/", include("capacity.urls")),
    path("", include("feedback.urls")),
    path("f/", include("feedback.public_urls")),
    path("visibility/", include("visibility.urls")),
    path("partnerships/<int:pk>/budgets/", include("budgets.urls")),
    path("budgets/", include("budgets.legacy_urls")),
    path("", include("health.urls")),
]
# No route serves MEDIA_ROOT, in any mode: every upload goes through a view that checks access
# (partnerships/uploads.py).
