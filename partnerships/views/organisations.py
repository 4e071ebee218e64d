"""An organisation's admins manage it in the app: profile, roles, signatories, members."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import visible_organisations_for
from ..forms.organisations import MembershipForm, OrganisationProfileForm
from ..models import Membership, Organisation
from ..services import organisations as services
from ..uploads import serve_file


def _own_organisation(user, pk, *, admin: bool) -> Organisation:
    """404 outside the user's view, 403 for a member who is not an admin."""
    organisation = get_object_or_404(visible_organisations_for(user), pk=pk)
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership is None:
        raise Http404
    if admin and membership.role != Membership.Role.ADMIN:
        raise PermissionDenied(_("Only an admin of the organisation can change it."))
    return organisation


@login_required
def organisation_edit(request, pk):
    organisation = _own_organisation(request.user, pk, admin=True)
    form = OrganisationProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=Organisation.objects.get(pk=organisation.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, actor=request.user, **form.changed_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation's profile was saved."))
            return redirect(organisation)
    return render(
        request,
        "partnerships/organisations/form.html",
        {"organisation": organisation, "form": form},
    )


@login_required
def membership_edit(request, pk, membership_pk):
    organisation = _own_organisation(request.user, pk, admin=True)
    membership = get_object_or_404(
        organisation.memberships.select_related("user"), pk=membership_pk
    )
    form = MembershipForm(
        request.POST or None,
        initial={
            "role": membership.role,
            "is_signatory": membership.is_signatory,
            "is_safeguarding_focal_point": membership.is_safeguarding_focal_point,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                membership_id=membership.pk,
                organisation=organisation,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(name)s's role was saved.") % {"name": membership.user.display_name}
            )
            return redirect(organisation)
    return render(
        request,
        "partnerships/organisations/membership_form.html",
        {"organisation": organisation, "membership": membership, "form": form},
    )


@login_required
@require_POST
def membership_remove(request, pk, membership_pk):
    organisation = _own_organisation(request.user, pk, admin=True)
    membership = get_object_or_404(
        organisation.memberships.select_related("user"), pk=membership_pk
    )
    try:
        services.membership_remove(
            membership_id=membership.pk, organisation=organisation, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is no longer a member of %(org)s.")
            % {"name": membership.user.display_name, "org": organisation.name},
        )
    return redirect(organisation)


@login_required
def organisation_logo(request, pk):
    organisation = get_object_or_404(visible_organisations_for(request.user), pk=pk)
    if not organisation.logo:
        raise Http404
    content_type = mimetypes.guess_type(organisation.logo.name)[0] or ""
    if not content_type.startswith("image/") or content_type == "image/svg+xml":
        raise Http404
    extension = mimetypes.guess_extension(content_type) or ""
    return serve_file(
        organisation.logo, f"logo{extension}", as_attachment=False, content_type=content_type
    )
