"""Staff handling of cases. Sealed cases go through feedback/access.py like everything else."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from partnerships.access import access_for
from partnerships.models import Membership, Organisation, User
from partnerships.page_cache import cached_page
from partnerships.uploads import serve_file

from .. import access as case_access
from ..forms import AssignForm, NoteForm, ReferForm, ResponseForm, StaffCaseForm
from ..models import Case, SensitiveAccess
from ..services import cases as services

PAGE_SIZE = 50
LIST_FIELDS = [
    "id",
    "partnership_id",
    "reference",
    "kind",
    "via",
    "status",
    "received_at",
    "acknowledge_due",
    "respond_due",
    "assignee__full_name",
    "assignee__email",
    "assigned_organisation__name",
    "sensitive_category",
]


def _errors(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


def _member_organisations(partnership_id):
    return Organisation.objects.filter(partnership_memberships__partnership_id=partnership_id)


@login_required
@cached_page(encrypted=True)
def case_list(request, pk):
    access = access_for(request.user, pk)
    cases = (
        case_access.visible_cases(access)
        .select_related("assignee", "assigned_organisation")
        .only(*LIST_FIELDS)
    )
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    if status in Case.Status.values:
        cases = cases.filter(status=status)
    elif status == "open":
        cases = cases.filter(status__in=Case.OPEN_STATUSES)
    if kind in Case.Kind.values:
        cases = cases.filter(kind=kind)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "feedback/case_list.html",
        {
            "partnership": access.partnership,
            "access": access,
            "page": page,
            "status": status,
            "kind": kind,
            "statuses": Case.Status.choices,
            "kinds": Case.Kind.choices,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "is_focal_point": case_access.is_focal_point(access),
        },
    )


@sensitive_post_parameters()
@login_required
def case_new(request, pk):
    access = access_for(request.user, pk, edit=True)
    organisations = list(_member_organisations(pk))
    form = StaffCaseForm(
        request.POST or None,
        organisations=organisations,
        initial={"received_on": timezone.localdate(), "language": request.LANGUAGE_CODE},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        received = datetime.datetime.combine(
            data["received_on"], datetime.time(12), tzinfo=timezone.get_current_timezone()
        )
        try:
            case, code = services.case_submit(
                partnership_id=pk,
                kind=data["kind"],
                text=data["text"],
                via=data["via"],
                language=data["language"],
                contact=data["contact"],
                contact_consent=data["contact_consent"],
                referral_consent=data["referral_consent"],
                sensitive_category=data["sensitive_category"],
                concerns_organisation_id=data["concerns_organisation"],
                entered_by=request.user,
                received_at=min(received, timezone.now()),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(
                request,
                "feedback/case_entered.html",
                {
                    "partnership": access.partnership,
                    "case": case,
                    "code": services.display_code(code),
                    "can_open": case_access.may_see(access, case),
                },
            )
    return render(
        request,
        "feedback/case_new.html",
        {"partnership": access.partnership, "access": access, "form": form},
    )


def _people(case, access):
    members = Membership.objects.filter(
        organisation__partnership_memberships__partnership_id=case.partnership_id
    )
    if case.is_sensitive:
        ids = case_access.sensitive_recipient_ids(case)
    else:
        ids = members.filter(role__in=Membership.EDITOR_ROLES).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "email")


@login_required
@cached_page(encrypted=True)
def case_detail(request, pk):
    case, access = case_access.case_for(request.user, pk)
    if case.is_sensitive:
        services.record_sensitive_access([case], request.user, SensitiveAccess.Action.VIEW)
    can_handle = case_access.may_handle(access, case)
    context = {
        "case": case,
        "partnership": case.partnership,
        "access": access,
        "can_handle": can_handle,
        "entries": list(case.entries.select_related("author")),
        "attachments": list(case.attachments.all()),
        "closing_blocker": services.closing_blocker(case),
        "today": timezone.localdate(),
    }
    if case.concerns_organisation_id:
        context["concerns"] = Organisation.objects.filter(pk=case.concerns_organisation_id).first()
        context["may_share"] = (
            case.shared_with_concerned_at is None
            and case.concerns_organisation_id not in access.organisation_ids
        )
    if case.is_sensitive:
        context["access_log"] = list(case.access_log.select_related("user")[:50])
    if can_handle:
        context.update(
            {
                "response_form": ResponseForm(initial={"response": case.response}),
                "note_form": NoteForm(),
                "refer_form": ReferForm(),
                "assign_form": AssignForm(
                    organisations=_member_organisations(case.partnership_id),
                    people=_people(case, access),
                    initial={
                        "organisation": case.assigned_organisation_id,
                        "assignee": case.assignee_id,
                    },
                ),
                "moves": [
                    (s, Case.Status(s).label)
                    for s in [Case.Status.ACKNOWLEDGED, Case.Status.IN_PROGRESS, Case.Status.CLOSED]
                    if case.can_move_to(s)
                ],
            }
        )
    return render(request, "feedback/case_detail.html", context)


def _form_data(form, field: str) -> dict:
    if not form.is_valid():
        raise ValidationError(list(form.errors.get(field, [])) or _("Check the form."))
    return form.cleaned_data


def _move(request, case, access):
    services.case_move(case_id=case.pk, status=request.POST.get("status", ""), by=request.user)
    return _("The case status was changed.")


def _respond(request, case, access):
    data = _form_data(ResponseForm(request.POST), "response")
    services.case_respond(case_id=case.pk, response=data["response"], by=request.user)
    return _("The response was saved; the person can read it with their code.")


def _note(request, case, access):
    data = _form_data(NoteForm(request.POST), "text")
    services.case_note(case_id=case.pk, text=data["text"], by=request.user)
    return _("The note was added.")


def _refer(request, case, access):
    data = _form_data(ReferForm(request.POST), "referred_to")
    services.case_refer(
        case_id=case.pk,
        referred_to=data["referred_to"],
        with_personal_data=data["with_personal_data"],
        by=request.user,
    )
    return _("The case was referred.")


def _assign(request, case, access):
    form = AssignForm(
        request.POST,
        organisations=_member_organisations(case.partnership_id),
        people=_people(case, access),
    )
    if not form.is_valid():
        raise ValidationError(_("Choose an organisation and a person from the lists."))
    services.case_assign(
        case_id=case.pk,
        organisation_id=form.cleaned_data["organisation"],
        assignee_id=form.cleaned_data["assignee"],
        by=request.user,
    )
    return _("The case was assigned.")


def _share(request, case, access):
    if not case.is_sensitive:
        raise ValidationError(_("Unknown action."))
    services.case_share_with_concerned(case_id=case.pk, by=request.user)
    return _("The organisation's focal points can now see the case.")


ACTIONS = {
    "move": _move,
    "respond": _respond,
    "note": _note,
    "refer": _refer,
    "assign": _assign,
    "share": _share,
}


@sensitive_post_parameters()
@login_required
@require_POST
def case_action(request, pk):
    case, access = case_access.case_for(request.user, pk, edit=True)
    handler = ACTIONS.get(request.POST.get("action", ""))
    try:
        if handler is None:
            raise ValidationError(_("Unknown action."))
        messages.success(request, handler(request, case, access))
    except ValidationError as error:
        _errors(request, error)
    return redirect(case)


@login_required
def attachment(request, pk, attachment_pk):
    case, access = case_access.case_for(request.user, pk)
    item = get_object_or_404(case.attachments, pk=attachment_pk)
    if case.is_sensitive:
        services.record_sensitive_access([case], request.user, SensitiveAccess.Action.ATTACHMENT)
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
    return serve_file(
        item.file,
        f"{case.reference}-{item.pk}.{extension[item.content_type]}",
        content_type=item.content_type,
    )
