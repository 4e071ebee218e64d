from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ..models import Membership, Organisation

LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


class OrganisationProfileForm(forms.ModelForm):
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "country",
            "kind",
            "website",
            "description",
            "mission",
            "expertise",
            "languages",
            "logo",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mission": forms.Textarea(attrs={"rows": 3}),
            "expertise": forms.Textarea(attrs={"rows": 3}),
            # Not the clearable widget: it prints the stored file's long random name and its
            # storage URL; the current logo is shown through the access-checking view instead.
            "logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        }
        labels = {"kind": _("Type of organisation")}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # ImageField has already opened the file with Pillow: a file that is not an image
        # never gets here. What is left is the size and the formats browsers show safely.
        if logo and hasattr(logo, "image"):
            if logo.size > LOGO_MAX_BYTES:
                raise ValidationError(
                    _("The logo is %(size)s; it can be at most %(max)s."),
                    params={
                        "size": filesizeformat(logo.size),
                        "max": filesizeformat(LOGO_MAX_BYTES),
                    },
                    code="too_large",
                )
            if logo.image.format not in LOGO_FORMATS:
                raise ValidationError(
                    _("Upload the logo as a PNG, JPEG, WebP or GIF image."), code="format"
                )
        return logo

    def changed_values(self) -> dict:
        values = {
            name: self.cleaned_data[name]
            for name in self.changed_data
            if name in self.cleaned_data and name in self._meta.fields
        }
        if not values.get("logo"):  # nothing uploaded: keep the logo
            values.pop("logo", None)
        if self.cleaned_data.get("remove_logo") and "logo" not in values:
            values["logo"] = ""
        return values

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.logo:
            del self.fields["remove_logo"]


class MembershipForm(forms.Form):
    # A plain text field, not a choice: an unknown role then gets the service's own message.
    role = forms.CharField(label=_("Role"), widget=forms.Select(choices=Membership.Role.choices))
    is_signatory = forms.BooleanField(
        label=_("Authorised signatory"),
        required=False,
        help_text=_("May sign agreements such as the MoU for the organisation."),
    )
    is_safeguarding_focal_point = forms.BooleanField(
        label=_("Safeguarding focal point"),
        required=False,
        help_text=_("Sees sensitive complaints."),
    )

    def clean_role(self):
        role = self.cleaned_data["role"]
        if role not in Membership.Role.values:
            raise ValidationError(
                _("“%(role)s” is not a role. Choose admin, staff or viewer."),
                params={"role": role},
                code="unknown_role",
            )
        return role
