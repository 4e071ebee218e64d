"""Django admin keeps the organisation rules too: never without an admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from ..models import Membership

LAST_ADMIN = _("An organisation needs at least one admin: name another admin first.")


def is_last_admin(membership: Membership) -> bool:
    return (
        membership.role == Membership.Role.ADMIN
        and not Membership.objects.filter(
            organisation_id=membership.organisation_id,
            role=Membership.Role.ADMIN,
        )
        .exclude(pk=membership.pk)
        .exists()
    )


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "organisation", "role", "is_signatory", "is_safeguarding_focal_point"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            old = Membership.objects.get(pk=self.instance.pk)
            leaves = (
                cleaned.get("role") != Membership.Role.ADMIN
                or cleaned.get("organisation") != old.organisation
            )
            if leaves and is_last_admin(old):
                raise ValidationError(LAST_ADMIN, code="last_admin")
        return cleaned


class MembershipInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        for form in self.forms:
            if not form.instance.pk or not getattr(form, "cleaned_data", None):
                continue
            if (
                self.can_delete
                and self._should_delete_form(form)
                and is_last_admin(Membership.objects.get(pk=form.instance.pk))
            ):
                raise ValidationError(LAST_ADMIN, code="last_admin")
