"""An organisation's own visibility: its public profile, its standing in fora, endorsements
and its capability statement. Only its own people reach these pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import organisation_access
from ..forms import ForumRoleForm, ProfileForm
from ..models import Endorsement, ForumRole
from ..services import capability_pdf, fora, public
from ..uploads import content_type


@login_required
def organisation_page(request, org_pk):
    access = organisation_access(request.user, org_pk)
    organisation = access.organisation
    profile = public.profile_for(organisation)
    if request.method == "POST" and not access.is_admin:
        raise PermissionDenied
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        public.profile_save(
            organisation=organisation,
            is_public=data["is_public"],
            logo=data["logo"],
            remove_logo=data["remove_logo"],
            **{name: data[name] for name in public.PROFILE_FIELDS},
        )
        messages.success(request, _("The profile was saved."))
        return redirect("visibility:organisation", org_pk)
    roles = ForumRole.objects.filter(organisation=organisation).select_related("forum")
    endorsements = Endorsement.objects.filter(organisation=organisation).select_related(
        "author_organisation"
    )
    return render(
        request,
        "visibility/organisation.html",
        {
            "organisation": organisation,
            "access": access,
            "profile": profile,
            "form": form,
            "roles": roles,
            "endorsements": endorsements,
            "role_form": ForumRoleForm(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def forum_role_add(request, org_pk):
    access = organisation_access(request.user, org_pk, edit=True)
    form = ForumRoleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if not access.is_admin:
            # What goes on the public profile is the admin's choice; staff keep it as it is.
            existing = ForumRole.objects.filter(
                organisation=access.organisation, forum=data["forum"]
            ).first()
            data["show_publicly"] = bool(existing and existing.show_publicly)
        fora.forum_role_save(organisation=access.organisation, **data)
        messages.success(request, _("The role was saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("visibility:organisation", org_pk)


@login_required
@require_POST
def forum_role_delete(request, org_pk, role_pk):
    access = organisation_access(request.user, org_pk, edit=True)
    role = get_object_or_404(ForumRole.objects.filter(organisation=access.organisation), pk=role_pk)
    role.delete()
    public.invalidate_organisations([access.organisation.pk])
    messages.success(request, _("The role was removed."))
    return redirect("visibility:organisation", org_pk)


@login_required
@require_POST
def endorsement_show(request, org_pk, endorsement_pk):
    access = organisation_access(request.user, org_pk, admin=True)
    endorsement = get_object_or_404(
        Endorsement.objects.filter(organisation=access.organisation), pk=endorsement_pk
    )
    public.endorsement_show(endorsement=endorsement, show=request.POST.get("show") == "1")
    messages.success(request, _("Saved."))
    return redirect("visibility:organisation", org_pk)


@login_required
def profile_logo(request, org_pk):
    access = organisation_access(request.user, org_pk)
    profile = getattr(access.organisation, "public_profile", None)
    if profile is None or not profile.logo:
        raise Http404
    return FileResponse(profile.logo.open("rb"), content_type=content_type(profile.logo.name))


@login_required
def capability_statement(request, org_pk):
    access = organisation_access(request.user, org_pk)
    profile = public.profile_for(access.organisation)
    language = get_language() or "en"
    response = HttpResponse(
        capability_pdf.render_pdf(profile, language), content_type="application/pdf"
    )
    name = slugify(access.organisation.name)[:60] or "organisation"
    response["Content-Disposition"] = f'attachment; filename="capability-{name}.pdf"'
    return response
