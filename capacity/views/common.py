from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from partnerships.models import Organisation

from ..services.assessment import ordered_members


def member_organisations(partnership) -> list[Organisation]:
    return [m.organisation for m in ordered_members(partnership)]


def editable_organisations(access) -> list[Organisation]:
    """The user's organisations in this partnership that they may act for."""
    return [m.organisation for m in access.memberships if m.can_edit]


def require_organisation(access) -> list[Organisation]:
    organisations = editable_organisations(access)
    if not organisations:
        raise PermissionDenied
    return organisations


def render_form(request, access, form, heading, back_url, *, intro=""):
    return render(
        request,
        "capacity/form.html",
        {
            "partnership": access.partnership,
            "form": form,
            "heading": heading,
            "back_url": back_url,
            "intro": intro,
        },
    )
