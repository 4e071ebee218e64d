"""The MoU's life after signing: expiry, done exactly once by a beat task."""

import datetime
import logging
from collections import defaultdict

from django.db import connection, transaction
from django.utils.translation import gettext_lazy

from ..models import Membership, Mou
from .events import tell

logger = logging.getLogger(__name__)


def mou_expire_due(*, today: datetime.date) -> list[int]:
    """Move every MoU in force whose term has ended to expired, and tell the parties.

    One conditional UPDATE ... WHERE status = 'in_force' RETURNING: a row can be changed by only
    one transaction, so two runs at once (or a re-run) tell the parties once, and only about
    the MoUs this run changed.
    """
    table = connection.ops.quote_name(Mou._meta.db_table)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET status = %s WHERE status = %s AND term_end < %s RETURNING id",
                [Mou.Status.EXPIRED, Mou.Status.IN_FORCE, today],
            )
            expired_ids = sorted(row[0] for row in cursor.fetchall())
        mous = list(Mou.objects.filter(pk__in=expired_ids).select_related("partnership"))
        editors = defaultdict(list)
        for membership in Membership.objects.filter(
            organisation_id__in={pk for mou in mous for pk in mou.party_ids},
            user__is_active=True,
            role__in=Membership.EDITOR_ROLES,
        ).select_related("user"):
            editors[membership.organisation_id].append(membership.user)
        for mou in mous:
            users = [user for pk in mou.party_ids for user in editors[pk]]
            tell(
                users,
                message=gettext_lazy(
                    "The MoU “%(title)s” ended on %(date)s and has expired. Start a new version "
                    "to renew it."
                ),
                params={"title": mou.title, "date": mou.term_end.isoformat()},
                url=mou.get_absolute_url(),
                partnership=mou.partnership,
            )
    logger.info("Expired %s MoUs on %s", len(expired_ids), today)
    return expired_ids
