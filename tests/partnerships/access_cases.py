from django.urls import reverse

from partnerships.models import Notification
from tests.access_matrix import AccessCase

from .reporting_helpers import access_cases as reporting_cases


def cases(world):
    p = world.partnership
    notification = Notification.objects.create(
        recipient=world.local_viewer, partnership=p, message="hello", url=p.get_absolute_url()
    )
    return [
        AccessCase("partnerships:detail", reverse("partnerships:detail", args=[p.pk])),
        AccessCase("partnerships:edit", reverse("partnerships:edit", args=[p.pk]), edit=True),
        AccessCase("partnerships:edit", reverse("partnerships:edit", args=[p.pk]), edit=True,
                   method="post", data={"title": "taken over"}, member_ok=False),
        AccessCase("partnerships:organisation",
                   reverse("partnerships:organisation", args=[world.local_org.pk])),
        # A notification belongs to its recipient alone; the viewer is that recipient here.
        AccessCase("partnerships:notification_open",
                   reverse("partnerships:notification_open", args=[notification.pk]),
                   member_ok=False),
        *reporting_cases(world),
    ]
