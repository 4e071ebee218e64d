"""Renaming an organisation changes what its public pages and its credits show."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from partnerships.models import Organisation, PartnershipMember

from .services.cache import invalidate_organisations, invalidate_partnership


@receiver(post_save, sender=Organisation, dispatch_uid="visibility_organisation_saved")
def organisation_saved(sender, instance, created, **kwargs):
    if created:
        return
    invalidate_organisations([instance.pk])
    for partnership_id in PartnershipMember.objects.filter(organisation=instance).values_list(
        "partnership_id", flat=True
    ):
        invalidate_partnership(partnership_id)
