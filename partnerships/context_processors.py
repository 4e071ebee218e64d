from .models import Notification


def navigation(request):
    """The unread-notification count in the navigation bar. The user is loaded with it
    (partnerships.auth.UserBackend); a user from elsewhere (a test's force_login with another
    backend) costs one indexed COUNT, only when the template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread():
        count = getattr(user, "unread_notification_count", None)
        if count is None:
            count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        return count

    return {"unread_notifications": unread}
