from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.access import access_for

from ..forms import AssessmentForm, RoundForm
from ..models import Assessment, AssessmentRound
from ..services import assessment as services
from .common import editable_organisations, render_form


def _round(access, round_pk) -> AssessmentRound:
    round_ = get_object_or_404(
        AssessmentRound.objects.filter(partnership=access.partnership).select_related("framework"),
        pk=round_pk,
    )
    round_.partnership = access.partnership
    return round_


@login_required
def round_new(request, pk):
    access = access_for(request.user, pk, edit=True)
    form = RoundForm(request.POST or None, initial={"title": _("Capacity assessment")})
    if request.method == "POST" and form.is_valid():
        round_ = services.round_start(
            partnership=access.partnership, user=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("The round is open: each organisation assesses itself and may assess its partners."),
        )
        return redirect(round_)
    return render_form(
        request, access, form, _("Start an assessment round"), reverse("capacity:home", args=[pk])
    )


@login_required
def round_detail(request, pk, round_pk):
    access = access_for(request.user, pk)
    round_ = _round(access, round_pk)
    members = services.ordered_members(access.partnership)
    # Only who has submitted what: never a score, until the round is complete.
    status = {
        (a.assessor_id, a.subject_id): a.status
        for a in Assessment.objects.filter(round=round_).only("assessor_id", "subject_id", "status")
    }
    self_done = {
        subject
        for (assessor, subject), state in status.items()
        if assessor == subject and state == Assessment.Status.SUBMITTED
    }
    complete = {m.organisation_id for m in members} <= self_done
    mine = []
    if access.can_edit and not complete:
        member_ids = {m.organisation_id for m in members}
        for org in editable_organisations(access):
            if org.pk not in member_ids:
                continue
            for member in members:
                state = status.get((org.pk, member.organisation_id))
                mine.append(
                    {
                        "assessor": org,
                        "subject": member.organisation,
                        "is_self": org.pk == member.organisation_id,
                        "state": state,
                    }
                )
    context = {
        "partnership": access.partnership,
        "access": access,
        "round": round_,
        "members": members,
        "self_done": self_done,
        "complete": complete,
        "mine": mine,
        # Who has given a view of whom (never the scores), in the members' order.
        "partner_views": [
            (a.organisation, s.organisation)
            for a in members
            for s in members
            if a is not s
            and status.get((a.organisation_id, s.organisation_id)) == Assessment.Status.SUBMITTED
        ],
    }
    if complete:
        context["results"] = services.results(round_, members=members)
    return render(request, "capacity/round_detail.html", context)


@login_required
def assess(request, pk, round_pk, subject_pk):
    access = access_for(request.user, pk, edit=True)
    round_ = _round(access, round_pk)
    members = {m.organisation_id: m for m in services.ordered_members(access.partnership)}
    subject = members.get(int(subject_pk))
    if subject is None:
        raise PermissionDenied
    assessors = [o for o in editable_organisations(access) if o.pk in members]
    if not assessors:
        raise PermissionDenied
    assessor = next((o for o in assessors if str(o.pk) == request.GET.get("as")), assessors[0])
    if round_.is_complete:
        messages.info(request, _("Every organisation has assessed itself: this round is closed."))
        return redirect(round_)
    assessment = Assessment.objects.filter(
        round=round_, assessor=assessor, subject_id=subject.organisation_id
    ).first()
    if assessment and assessment.is_submitted:
        messages.info(request, _("This assessment was submitted and can no longer change."))
        return redirect(round_)
    existing = {s.item_id: s for s in assessment.scores.all()} if assessment else {}
    items = services.items_for(services.round_items(round_), subject)
    is_self = assessor.pk == subject.organisation_id
    levels = list(round_.framework.levels.all())
    submit = "submit" in request.POST
    form = AssessmentForm(
        request.POST or None,
        items=items,
        levels=levels,
        existing=existing,
        is_self=is_self,
        submit=submit,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                round_id=round_.pk,
                assessor_id=assessor.pk,
                subject_id=subject.organisation_id,
                user=request.user,
                scores=form.scores(),
                submit=submit,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The assessment was submitted.")
                if submit
                else _("Your draft was saved; submit it when it is complete."),
            )
            return redirect(round_)
    return render(
        request,
        "capacity/assess.html",
        {
            "partnership": access.partnership,
            "round": round_,
            "form": form,
            "assessor": assessor,
            "subject": subject.organisation,
            "is_self": is_self,
            "levels": levels,
        },
    )
