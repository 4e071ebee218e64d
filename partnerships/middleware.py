import zoneinfo

from django.conf import settings
from django.utils import timezone, translation

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def activate_preferences(request, user) -> None:
    """The user's own language (unless one was chosen on this device) and time zone, for
    this request."""
    chosen_here = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in LANGUAGES
    if user.language in LANGUAGES and not chosen_here:
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
    try:
        timezone.activate(zoneinfo.ZoneInfo(user.timezone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        timezone.deactivate()


class UserPreferencesMiddleware:
    """A logged-in user's own language and time zone on every device. A choice made on this
    device with the language switcher (its cookie; the switcher also stores it on the account)
    stands; otherwise the account's language, and the browser's (LocaleMiddleware, which runs
    before) is only the guess for visitors. Goes after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            activate_preferences(request, user)
        else:
            timezone.deactivate()
        return self.get_response(request)
