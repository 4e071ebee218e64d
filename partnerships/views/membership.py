"""Starting a partnership, and who is in it: only with each organisation's consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import access_for, visible_organisations_for
from ..forms.membership import (
    OrganisationPicker,
    PartnershipCreateForm,
    PartnershipEditForm,
    RemovalForm,
)
from ..models import (
    MemberRemoval,
    Membership,
    Organisation,
    PartnershipEvent,
    PartnershipInvitation,
)
from ..services import membership as services
from ..services.events import partnership_event_record


def _admin_organisations(user):
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ADMIN
    )


def _errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def partnership_create(request):
    own = _admin_organisations(request.user)
    if not own.exists():
        raise PermissionDenied(_("Only an organisation admin can start a partnership."))
    works_with = visible_organisations_for(request.user).exclude(pk__in=own.values("pk"))
    form = PartnershipCreateForm(request.POST or None, own=own, works_with=works_with)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership = services.partnership_create(
                actor=request.user,
                organisation=data["own_organisation"],
                role=data["own_role"],
                fields=form.partnership_fields(),
                partner=data["partner"],
                partner_role=data["partner_role"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(
                request,
                _("The partnership was created.")
                + (
                    " "
                    + _("%(org)s is invited; it joins when its admin accepts.")
                    % {"org": data["partner"].name}
                    if data["partner"]
                    else ""
                ),
            )
            return redirect(partnership)
    return render(request, "partnerships/membership/create.html", {"form": form})


@login_required
def partnership_edit(request, pk):
    access = access_for(request.user, pk, edit=True)
    partnership = access.partnership
    form = PartnershipEditForm(
        request.POST or None,
        instance=partnership,
        is_admin=access.is_admin,
        has_local_partner=services.partnership_has_local_partner(partnership),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            reason = form.cleaned_data.get("active_without_mou_reason", "").strip()
            became_active = (
                form.original_status != form.cleaned_data["status"]
                and form.cleaned_data["status"] == partnership.Status.ACTIVE
            )
            form.save()
            if became_active and reason:
                partnership_event_record(
                    partnership=partnership,
                    action=PartnershipEvent.Action.ACTIVE_WITHOUT_MOU,
                    actor=request.user,
                    detail=reason,
                )
        messages.success(request, _("Your changes were saved."))
        return redirect(partnership)
    return render(
        request, "partnerships/membership/edit.html", {"form": form, "partnership": partnership}
    )


@login_required
def members(request, pk):
    access = access_for(request.user, pk)
    partnership = access.partnership
    member_rows = list(partnership.members.select_related("organisation"))
    member_ids = {m.organisation_id for m in member_rows}
    admin_ids = services.admin_organisation_ids(request.user)
    can_manage = bool(admin_ids & member_ids)
    pending = list(
        partnership.invitations.filter(status=PartnershipInvitation.Status.PENDING).select_related(
            "organisation", "invited_by_organisation"
        )
    )
    picker = OrganisationPicker(
        request.POST or None,
        works_with=visible_organisations_for(request.user),
        exclude_ids=member_ids | {i.organisation_id for i in pending},
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Only an admin of a member organisation can do this."))
        if picker.is_valid() and picker.cleaned_data["organisation"] is not None:
            try:
                services.partnership_invite(
                    partnership=partnership,
                    organisation=picker.cleaned_data["organisation"],
                    role=picker.cleaned_data["role"],
                    actor=request.user,
                )
            except ValidationError as error:
                _errors(picker, error)
            else:
                messages.success(
                    request,
                    _("%(org)s is invited; it joins when its admin accepts.")
                    % {"org": picker.cleaned_data["organisation"].name},
                )
                return redirect("partnerships:members", partnership.pk)
        elif picker.is_valid():
            picker.add_error("organisation", _("Choose an organisation or type its exact name."))
    removals = list(
        partnership.removals.filter(status=MemberRemoval.Status.PENDING)
        .select_related("organisation")
        .prefetch_related("approvals")
    )
    for removal in removals:
        agreed = {o.pk for o in removal.approvals.all()}
        removal.agreed_names = sorted(o.name for o in removal.approvals.all())
        removal.can_agree = bool(admin_ids & (member_ids - agreed))
    return render(
        request,
        "partnerships/membership/members.html",
        {
            "partnership": partnership,
            "access": access,
            "members": member_rows,
            "pending": pending,
            "picker": picker,
            "can_manage": can_manage,
            "removals": removals,
            "admin_ids": admin_ids,
            "events": partnership.events.all()[:50],
        },
    )


@login_required
def member_remove(request, pk, organisation_pk):
    access = access_for(request.user, pk)
    member = get_object_or_404(
        access.partnership.members.select_related("organisation"), organisation_id=organisation_pk
    )
    admin_ids = services.admin_organisation_ids(request.user)
    member_ids = set(access.partnership.members.values_list("organisation_id", flat=True))
    if not admin_ids & member_ids:
        raise PermissionDenied(_("Only an admin of a member organisation can do this."))
    own = member.organisation_id in admin_ids
    form = RemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            removal = services.member_removal_request(
                partnership=access.partnership,
                organisation=member.organisation,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            if removal.status == MemberRemoval.Status.DONE:
                messages.success(
                    request, _("%(org)s is no longer a member.") % {"org": member.organisation.name}
                )
                return redirect(
                    "partnerships:list" if own else "partnerships:members",
                    *([] if own else [access.partnership.pk]),
                )
            messages.success(request, _("The other members are asked to agree."))
            return redirect("partnerships:members", access.partnership.pk)
    return render(
        request,
        "partnerships/membership/remove.html",
        {"partnership": access.partnership, "member": member, "form": form, "own": own},
    )


def _removal(access, removal_pk):
    return get_object_or_404(
        MemberRemoval.objects.filter(partnership=access.partnership), pk=removal_pk
    )


@login_required
@require_POST
def removal_agree(request, pk, removal_pk):
    access = access_for(request.user, pk, edit=True)
    removal = _removal(access, removal_pk)
    try:
        removal = services.member_removal_agree(removal_id=removal.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your organisation's agreement was recorded."))
    if (
        removal.status == MemberRemoval.Status.DONE
        and removal.organisation_id in services.admin_organisation_ids(request.user)
    ):
        return redirect("partnerships:list")
    return redirect("partnerships:members", access.partnership.pk)


@login_required
@require_POST
def removal_refuse(request, pk, removal_pk):
    access = access_for(request.user, pk, edit=True)
    removal = _removal(access, removal_pk)
    try:
        services.member_removal_refuse(removal_id=removal.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposal was stopped."))
    return redirect("partnerships:members", access.partnership.pk)


@login_required
@require_POST
def invitation_withdraw(request, pk, invitation_pk):
    access = access_for(request.user, pk, edit=True)
    invitation = get_object_or_404(access.partnership.invitations, pk=invitation_pk)
    try:
        services.invitation_withdraw(invitation_id=invitation.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("partnerships:members", access.partnership.pk)


def _invitations_for(user):
    return PartnershipInvitation.objects.filter(
        organisation__memberships__user=user
    ).select_related("partnership", "organisation", "invited_by_organisation")


@login_required
def partnership_invitations(request):
    """What an organisation is invited to: shown in the app to its members, answered by its
    admins."""
    invitations = list(
        _invitations_for(request.user)
        .filter(status=PartnershipInvitation.Status.PENDING)
        .prefetch_related("partnership__members__organisation")
    )
    admin_ids = services.admin_organisation_ids(request.user)
    return render(
        request,
        "partnerships/membership/invitations.html",
        {"invitations": invitations, "admin_ids": admin_ids},
    )


@login_required
@require_POST
def invitation_answer(request, invitation_pk, accept: bool):
    invitation = get_object_or_404(_invitations_for(request.user), pk=invitation_pk)
    try:
        services.invitation_answer(invitation_id=invitation.pk, actor=request.user, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnerships:partnership_invitations")
    if accept:
        messages.success(
            request, _("%(org)s joined the partnership.") % {"org": invitation.organisation.name}
        )
        return redirect(invitation.partnership)
    messages.info(request, _("The invitation was declined."))
    return redirect("partnerships:partnership_invitations")
