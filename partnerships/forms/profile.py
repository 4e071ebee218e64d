from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import User
from ..models.accounts import TIME_ZONES


class ProfileForm(forms.ModelForm):
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Times are shown in this zone."),
        choices=[(name, name.replace("_", " ")) for name in TIME_ZONES],
        # Zone names are identifiers (Africa/Nairobi), the same in every language.
        widget=forms.Select(attrs={"translate": "no"}),
    )

    class Meta:
        model = User
        fields = ["full_name", "language", "timezone"]
        labels = {"full_name": _("Full name"), "language": _("Language")}
        help_texts = {
            "language": _("Pages and emails reach you in this language, on every device.")
        }
