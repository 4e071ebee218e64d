from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..access import access_for
from ..forms.reflection import AgreedActionsForm, ReflectionAnswersForm, ReflectionRoundForm
from ..models import ReflectionRound
from ..models.reflection import round_is_complete
from ..services import reflection as services


def _get_round(access, round_pk):
    return get_object_or_404(
        ReflectionRound.objects.filter(partnership=access.partnership), pk=round_pk
    )


@login_required
def reflection_list(request, pk):
    access = access_for(request.user, pk)
    rounds = ReflectionRound.objects.filter(partnership=access.partnership)
    return render(
        request,
        "partnerships/reflection/list.html",
        {
            "partnership": access.partnership,
            "access": access,
            "rounds": rounds,
        },
    )


@login_required
def reflection_create(request, pk):
    access = access_for(request.user, pk, edit=True)
    form = ReflectionRoundForm(request.POST or None, initial={"title": _("Power reflection")})
    if request.method == "POST" and form.is_valid():
        round_ = services.reflection_round_create(
            partnership=access.partnership, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("The round is open: each partner answers on its own."))
        return redirect(round_)
    return render(
        request,
        "partnerships/reflection/form.html",
        {
            "partnership": access.partnership,
            "form": form,
            "heading": _("Start a power reflection"),
        },
    )


@login_required
def reflection_detail(request, pk, round_pk):
    access = access_for(request.user, pk)
    round_ = _get_round(access, round_pk)
    answered = round_.answered_organisation_ids()
    members = list(access.partnership.members.select_related("organisation"))
    member_ids = {m.organisation_id for m in members}
    complete = round_is_complete(member_ids, answered)
    context = {
        "partnership": access.partnership,
        "access": access,
        "round": round_,
        "complete": complete,
        "members": members,
        "answered": answered,
        "own_missing": [o for o in access.editable_organisations if o.pk not in answered],
    }
    if complete:
        context["results"] = services.results(round_)
    return render(request, "partnerships/reflection/detail.html", context)


@login_required
def reflection_answer(request, pk, round_pk):
    access = access_for(request.user, pk, edit=True)
    round_ = _get_round(access, round_pk)
    organisations = access.editable_organisations
    if not organisations:
        raise PermissionDenied
    organisation = organisations[0]
    if request.GET.get("organisation"):
        organisation = next(
            (o for o in organisations if str(o.pk) == request.GET["organisation"]), organisation
        )
    if round_.is_complete:
        messages.info(request, _("Every partner has answered; the answers can no longer change."))
        return redirect(round_)
    response = round_.responses.filter(organisation=organisation).first()
    existing = {a.question_id: a for a in response.answers.all()} if response else {}
    form = ReflectionAnswersForm(
        request.POST or None, questions=round_.questions.order_by("order", "pk"), existing=existing
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_answers_submit(
                round_id=round_.pk,
                organisation=organisation,
                user=request.user,
                answers=form.answers(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(round_)
        messages.success(request, _("Your organisation's answers were saved."))
        return redirect(round_)
    return render(
        request,
        "partnerships/reflection/answer.html",
        {
            "partnership": access.partnership,
            "round": round_,
            "form": form,
            "organisation": organisation,
        },
    )


@login_required
def reflection_actions(request, pk, round_pk):
    access = access_for(request.user, pk, edit=True)
    round_ = _get_round(access, round_pk)
    if not round_.is_complete:
        raise PermissionDenied(_("Actions are agreed once every partner has answered."))
    form = AgreedActionsForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        services.reflection_actions_save(round_id=round_.pk, **form.cleaned_data)
        messages.success(request, _("The agreed actions were saved."))
        return redirect(round_)
    return render(
        request,
        "partnerships/reflection/form.html",
        {
            "partnership": access.partnership,
            "form": form,
            "heading": _("Session and agreed actions"),
        },
    )
