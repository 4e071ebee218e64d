import datetime
import os

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import MutualReport, Organisation, ReportComment, ReportingSchedule
from ..widgets import DateInput
from .comments import COMMENT_ERRORS, COMMENT_MAX_LENGTH

# A first period further back than this would make every report since then overdue at once.
MAX_PAST_DAYS = 366
MAX_FUTURE_DAYS = 2 * 366

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# Extension → the first bytes a genuine file of that type starts with (None: plain text).
ATTACHMENT_TYPES = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "txt": None,
    "csv": None,
}


def validate_attachment(upload) -> None:
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)s; attachments can be at most %(max)s."),
            params={
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(ATTACHMENT_MAX_BYTES),
            },
            code="too_large",
        )
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            _("%(name)s is not an accepted type. Accepted: %(types)s."),
            params={"name": upload.name, "types": ", ".join(sorted(ATTACHMENT_TYPES))},
            code="forbidden_type",
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    signatures = ATTACHMENT_TYPES[extension]
    genuine = (b"\x00" not in head) if signatures is None else head.startswith(signatures)
    if not genuine:
        raise ValidationError(
            _("%(name)s does not look like a .%(extension)s file."),
            params={"name": upload.name, "extension": extension},
            code="forbidden_type",
        )


class ReportingScheduleForm(forms.ModelForm):
    # A plain number, not a choice field, so that 0 gets a message that says what is wrong.
    interval_months = forms.IntegerField(
        label=_("Frequency"),
        widget=forms.Select(choices=ReportingSchedule.Frequency.choices),
    )

    class Meta:
        model = ReportingSchedule
        fields = [
            "interval_months",
            "first_period_start",
            "due_days",
            "notice_days",
            "reporting_organisations",
            "intervention",
        ]
        widgets = {
            "first_period_start": DateInput(),
            "reporting_organisations": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, partnership, has_periods=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["intervention"].queryset = partnership.interventions.all()
        self.fields["reporting_organisations"].queryset = Organisation.objects.filter(
            partnership_memberships__partnership=partnership
        )
        self.fields["interval_months"].initial = ReportingSchedule.Frequency.QUARTERLY
        if has_periods:
            # Periods already generated keep their dates; the start cannot move under them.
            self.fields["first_period_start"].disabled = True
            self.fields["first_period_start"].help_text = _(
                "Reporting has started; changes apply from the next period on."
            )

    def clean_interval_months(self):
        months = self.cleaned_data["interval_months"]
        if months <= 0:
            raise ValidationError(
                _("The interval between reports must be at least one month."),
                code="zero",
            )
        if months not in ReportingSchedule.Frequency.values:
            raise ValidationError(
                _("Choose monthly, quarterly, half-yearly or yearly."),
                code="invalid_choice",
            )
        return months

    def clean_first_period_start(self):
        start = self.cleaned_data["first_period_start"]
        if self.fields["first_period_start"].disabled:
            return start
        today = timezone.localdate()
        earliest = today - datetime.timedelta(days=MAX_PAST_DAYS)
        if start < earliest:
            raise ValidationError(
                _(
                    "The first period cannot start before %(date)s: every report since then "
                    "would be overdue at once. Start with the current period instead."
                ),
                params={"date": earliest.isoformat()},
                code="far_past",
            )
        if start > today + datetime.timedelta(days=MAX_FUTURE_DAYS):
            raise ValidationError(
                _("The first period must start within two years."),
                code="far_future",
            )
        return start

    def clean(self):
        cleaned = super().clean()
        due, notice = cleaned.get("due_days"), cleaned.get("notice_days")
        if due is not None and due > 120:
            self.add_error("due_days", _("Reports must be due within 120 days of the period end."))
        if notice is not None and notice > 90:
            self.add_error("notice_days", _("Give at most 90 days of notice."))
        return cleaned


class MutualReportForm(forms.ModelForm):
    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument, image, text or CSV; at most 10 MB."),
    )

    class Meta:
        model = MutualReport
        fields = [*MutualReport.CONTENT_FIELDS, "amendment_reason"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in [*MutualReport.CONTENT_FIELDS, "amendment_reason"]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.is_amendment:
            del self.fields["amendment_reason"]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_attachment(upload)
        return upload

    def text_is_valid(self) -> bool:
        """True when everything but the attachment is fine: the draft text can be saved even
        when the file is refused."""
        self.is_valid()
        return not (set(self.errors) - {"attachment"})


class ReportCommentForm(forms.ModelForm):
    body = forms.CharField(
        label=_("comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_MAX_LENGTH,
        error_messages=COMMENT_ERRORS,
    )

    class Meta:
        model = ReportComment
        fields = ["body", "reply_to"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3}), "reply_to": forms.HiddenInput()}

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply_to"].queryset = report.comments.all()
        self.fields["reply_to"].required = False
