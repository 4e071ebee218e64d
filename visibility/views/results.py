"""Results and credits: anyone in the partnership drafts, each organisation names itself and
approves through its own admin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.access import access_for

from ..access import admin_of, editor_of
from ..forms import CreditForm, ResultForm
from ..models import Credit, Result
from ..services import results as services
from ..uploads import content_type
from .partnership import _errors_to_form, _form_page, member_organisations


def _result(access, result_pk) -> Result:
    return get_object_or_404(
        Result.objects.filter(partnership=access.partnership).prefetch_related(
            Prefetch(
                "credits", queryset=Credit.objects.select_related("organisation", "approved_by")
            )
        ),
        pk=result_pk,
    )


def _credit(result, credit_pk) -> Credit:
    credit = next((c for c in result.credits.all() if c.pk == credit_pk), None)
    if credit is None:
        raise Http404
    return credit


@login_required
def result_add(request, pk):
    access = access_for(request.user, pk, edit=True)
    organisations = member_organisations(access.partnership).order_by("-is_local_actor", "name")
    form = ResultForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.result_create(
                partnership=access.partnership,
                user=request.user,
                title=data["title"],
                text=data["text"],
                figures=data["figures"],
                photo=data["photo"],
                photo_consent=data["photo_consent"],
                credited=list(data["credited"]),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "The result was saved as a draft. It is published once "
                    "every credited organisation has approved it."
                ),
            )
            return redirect(result)
    return _form_page(request, access, form, _("Share a result of the joint work"), multipart=True)


@login_required
def result_detail(request, pk, result_pk):
    access = access_for(request.user, pk)
    result = _result(access, result_pk)
    credits = list(result.credits.all())
    for credit in credits:
        credit.can_edit = editor_of(access.memberships, credit.organisation_id)
        credit.can_approve = admin_of(access.memberships, credit.organisation_id)
    return render(
        request,
        "visibility/result.html",
        {
            "partnership": access.partnership,
            "access": access,
            "result": result,
            "credits": credits,
            "leaks": services.leaks(result, credits),
            "waiting_for": [c for c in credits if not c.is_approved],
        },
    )


@login_required
def result_edit(request, pk, result_pk):
    access = access_for(request.user, pk, edit=True)
    result = _result(access, result_pk)
    form = ResultForm(request.POST or None, request.FILES or None, instance=result)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.result_update(
                result=result,
                user=request.user,
                title=data["title"],
                text=data["text"],
                figures=data["figures"],
                photo=data["photo"],
                remove_photo=data.get("remove_photo", False),
                photo_consent=data["photo_consent"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "Saved. Every credited organisation must approve the new "
                    "version before it is public again."
                ),
            )
            return redirect(result)
    return _form_page(
        request,
        access,
        form,
        _("Edit the result"),
        multipart=True,
        intro=_(
            "Changing the story takes it off the public pages until every "
            "credited organisation approves it again."
        ),
    )


@login_required
def result_photo(request, pk, result_pk):
    access = access_for(request.user, pk)
    result = get_object_or_404(Result.objects.filter(partnership=access.partnership), pk=result_pk)
    if not result.photo:
        raise Http404
    return FileResponse(result.photo.open("rb"), content_type=content_type(result.photo.name))


@login_required
def credit_edit(request, pk, result_pk, credit_pk):
    access = access_for(request.user, pk, edit=True)
    result = _result(access, result_pk)
    credit = _credit(result, credit_pk)
    if not editor_of(access.memberships, credit.organisation_id):
        # How an organisation is named is its own business.
        raise PermissionDenied
    form = CreditForm(request.POST or None, instance=credit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.credit_update(
                credit=credit,
                user=request.user,
                name_as=data["name_as"],
                anonymous=data["anonymous"],
                anonymous_label=data["anonymous_label"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "Saved. Your organisation's admin approves the new "
                    "naming before it is published."
                ),
            )
            return redirect(result)
    return _form_page(
        request,
        access,
        form,
        _("How %(org)s is named") % {"org": credit.organisation.name},
        intro=_(
            "The result is published under this name once your organisation's admin approves it."
        ),
    )


@login_required
@require_POST
def credit_approve(request, pk, result_pk, credit_pk):
    access = access_for(request.user, pk, edit=True)
    result = _result(access, result_pk)
    credit = _credit(result, credit_pk)
    if not admin_of(access.memberships, credit.organisation_id):
        raise PermissionDenied(
            _("Only an admin of %(org)s can approve how it is named.")
            % {"org": credit.organisation.name}
        )
    try:
        services.credit_approve(credit=credit, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your organisation approved how it is named."))
    return redirect(result)


@login_required
@require_POST
def credit_withdraw(request, pk, result_pk, credit_pk):
    access = access_for(request.user, pk, edit=True)
    result = _result(access, result_pk)
    credit = _credit(result, credit_pk)
    if not editor_of(access.memberships, credit.organisation_id):
        raise PermissionDenied
    services.credit_withdraw(credit=credit, user=request.user)
    messages.success(request, _("Your approval was withdrawn; the result is not public."))
    return redirect(result)
