from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import access_for
from ..forms.mou import DecisionMatrixForm, MouForm, SignForm
from ..models import DecisionArea, Mou
from ..models.decisions import area_order
from ..page_cache import cached_page
from ..services import decisions as decision_services
from ..services import mou as services
from ..services.mou_pdf import matrix_rows


def _get_mou(access, mou_pk):
    return get_object_or_404(Mou.objects.filter(partnership=access.partnership), pk=mou_pk)


@login_required
def mou_list(request, pk):
    access = access_for(request.user, pk)
    mous = Mou.objects.filter(partnership=access.partnership).order_by("-version")
    return render(
        request,
        "partnerships/mou/list.html",
        {
            "partnership": access.partnership,
            "access": access,
            "mous": mous,
            "open_version": services.mou_open_version(access.partnership),
        },
    )


@login_required
def mou_create(request, pk):
    access = access_for(request.user, pk, edit=True)
    if existing := services.mou_open_version(access.partnership):
        messages.info(request, _("A version is already being prepared."))
        return redirect(existing)
    initial = {
        "title": _("Memorandum of Understanding: %(title)s") % {"title": access.partnership.title},
        "term_start": access.partnership.start_date,
        "term_end": access.partnership.end_date,
    }
    form = MouForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        mou, created = services.mou_create(
            partnership=access.partnership, user=request.user, content=form.cleaned_data
        )
        if created:
            messages.success(request, _("The draft MoU was saved."))
        else:
            messages.info(request, _("A version is already being prepared."))
        return redirect(mou)
    return render(
        request,
        "partnerships/mou/form.html",
        {
            "partnership": access.partnership,
            "form": form,
        },
    )


@login_required
@cached_page
def mou_detail(request, pk, mou_pk):
    access = access_for(request.user, pk)
    mou = _get_mou(access, mou_pk)
    signatures = list(mou.signatures.select_related("organisation"))
    signed_ids = {s.organisation_id for s in signatures}
    can_sign = mou.status == Mou.Status.AWAITING_SIGNATURES and bool(
        services.signable_organisations(mou, access.memberships)
    )
    return render(
        request,
        "partnerships/mou/detail.html",
        {
            "partnership": access.partnership,
            "access": access,
            "mou": mou,
            "signatures": signatures,
            "matrix": matrix_rows(mou),
            "can_sign": can_sign,
            "pending_parties": [p for p in mou.parties if p["organisation_id"] not in signed_ids],
        },
    )


@login_required
def mou_edit(request, pk, mou_pk):
    access = access_for(request.user, pk, edit=True)
    mou = _get_mou(access, mou_pk)
    if not mou.is_editable:
        raise PermissionDenied(_("An MoU in force cannot be altered; start a new version."))
    form = MouForm(request.POST or None, instance=mou)
    if request.method == "POST" and form.is_valid():
        had_signatures = mou.signatures.exists()
        try:
            saved = services.mou_update(mou_id=mou.pk, user=request.user, content=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(mou)
        if had_signatures and saved.pk != mou.pk:
            messages.warning(
                request,
                _("Your change started version %(version)s; every party must sign again.")
                % {"version": saved.version},
            )
        else:
            messages.success(request, _("Your changes were saved."))
        return redirect(saved)
    return render(
        request,
        "partnerships/mou/form.html",
        {
            "partnership": access.partnership,
            "form": form,
            "mou": mou,
        },
    )


@login_required
@require_POST
def mou_send(request, pk, mou_pk):
    access = access_for(request.user, pk, edit=True)
    mou = _get_mou(access, mou_pk)
    try:
        services.mou_send_for_signatures(mou_id=mou.pk)
        messages.success(request, _("The signatories were asked to sign."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(mou)


@login_required
@require_POST
def mou_new_version(request, pk, mou_pk):
    access = access_for(request.user, pk, edit=True)
    mou = _get_mou(access, mou_pk)
    draft, created = services.mou_new_version(mou_id=mou.pk, user=request.user)
    if created:
        messages.success(
            request,
            _("Version %(version)s is a draft: amend it, then send it for signatures.")
            % {"version": draft.version},
        )
    else:
        messages.info(request, _("A version is already being prepared."))
    return redirect("partnerships:mou_edit", pk=access.partnership.pk, mou_pk=draft.pk)


@login_required
def mou_sign(request, pk, mou_pk):
    access = access_for(request.user, pk)
    mou = _get_mou(access, mou_pk)
    if not any(m.is_signatory for m in access.memberships):
        raise PermissionDenied(_("Only an authorised signatory can sign."))
    organisations = services.signable_organisations(mou, access.memberships)
    if mou.status != Mou.Status.AWAITING_SIGNATURES or not organisations:
        messages.info(request, _("There is nothing for you to sign in this version."))
        return redirect(mou)
    form = SignForm(
        request.POST or None,
        organisations=organisations,
        initial={
            "content_hash": mou.content_hash,
            "full_name": request.user.full_name,
            "organisation": organisations[0].pk,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mou_sign(
                mou_id=mou.pk,
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                full_name=form.cleaned_data["full_name"],
                title=form.cleaned_data["title"],
                content_hash=form.cleaned_data["content_hash"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(mou)
        mou.refresh_from_db()
        messages.success(
            request,
            _("You signed the MoU.")
            if mou.status != Mou.Status.IN_FORCE
            else _("You signed the MoU; every party has signed and it is in force."),
        )
        return redirect(mou)
    return render(
        request,
        "partnerships/mou/sign.html",
        {
            "partnership": access.partnership,
            "mou": mou,
            "form": form,
            "matrix": matrix_rows(mou),
        },
    )


@login_required
def decision_matrix(request, pk):
    access = access_for(request.user, pk)
    rows = DecisionArea.objects.filter(partnership=access.partnership)
    order = area_order()
    return render(
        request,
        "partnerships/mou/decisions.html",
        {
            "partnership": access.partnership,
            "access": access,
            "rows": sorted(rows, key=lambda r: order[r.area]),
            "locked": DecisionArea.is_locked_for(access.partnership.pk),
        },
    )


@login_required
def decision_matrix_edit(request, pk):
    access = access_for(request.user, pk, edit=True)
    if DecisionArea.is_locked_for(access.partnership.pk):
        raise PermissionDenied(
            _(
                "The decision-making agreement is part of an MoU in force; "
                "start a new MoU version to change it."
            )
        )
    form = DecisionMatrixForm(request.POST or None, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        decision_services.decision_matrix_save(partnership=access.partnership, areas=form.areas())
        messages.success(request, _("The decision-making agreement was saved."))
        return redirect("partnerships:decisions", pk=access.partnership.pk)
    return render(
        request,
        "partnerships/mou/decisions_form.html",
        {
            "partnership": access.partnership,
            "form": form,
        },
    )
