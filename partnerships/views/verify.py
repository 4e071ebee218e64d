"""Public verification of a signed MoU: upload its PDF or paste a hash. No login."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ..services.mou_verification import HEX64, mou_verify, mou_verify_file

MAX_PDF_BYTES = 20 * 1024 * 1024


class VerifyForm(forms.Form):
    pdf = forms.FileField(
        label=_("The MoU's PDF"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    sha256 = forms.CharField(
        label=_("or a SHA-256 hash"),
        required=False,
        max_length=100,
        strip=True,
        help_text=_(
            "The hash printed under “Signatures” in the PDF, or the SHA-256 of the PDF file itself."
        ),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if upload and upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(_("This file is larger than any MoU PDF (at most 20 MB)."))
        return upload

    def clean_sha256(self):
        value = "".join(self.cleaned_data.get("sha256", "").split()).lower()
        if value and not HEX64.match(value):
            raise forms.ValidationError(_("A SHA-256 hash is 64 characters, 0–9 and a–f."))
        return value

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("pdf") and not cleaned.get("sha256"):
            raise forms.ValidationError(_("Choose the PDF file or paste a hash."))
        return cleaned


@require_http_methods(["GET", "POST"])
def verify_mou(request):
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    result = None
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("pdf"):
            result = mou_verify_file(upload=form.cleaned_data["pdf"])
        else:
            result = mou_verify(sha256=form.cleaned_data["sha256"])
    return render(request, "partnerships/verify.html", {"form": form, "result": result})
