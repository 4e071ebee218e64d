import zoneinfo

from django.conf import settings
from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """A logged-in user's own language and time zone on every device. A choice made on this
    device with the language switcher (its cookie; the switcher also stores it on the account)
    stands; otherwise the account's language, and the browser's (LocaleMiddleware, which runs
    before) is only the guess for visitors. Goes after AuthenticationMiddleware."""

    languages = {code for code, _name in settings.LANGUAGES}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            chosen_here = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in self.languages
            if user.language in self.languages and not chosen_here:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.timezone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
