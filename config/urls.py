from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from partnerships.forms.core import QueuedPasswordResetForm
from partnerships.views import core as partnership_views
from partnerships.views import profile as profile_views


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
    path("accounts/", include("django.contrib.auth.urls")),
    path("invitations/<str:token>/", partnership_views.accept_invitation,
         name="accept_invitation"),
    path("language/", partnership_views.switch_language, name="set_language"),
    path("partnerships/", include("partnerships.urls")),
    path("capacity/", include("capacity.urls")),
    path("feedback/", include("feedback.urls")),
    path("visibility/", include("visibility.urls")),
    path("budgets/", include("budgets.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
