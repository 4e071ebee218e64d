"""What every comment box says when it refuses a comment."""

from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 5000
COMMENT_ERRORS = {
    "required": _("Write something first."),
    "max_length": _(
        "A comment can be at most %(limit_value)d characters; this one has %(show_value)d."
    ),
}
