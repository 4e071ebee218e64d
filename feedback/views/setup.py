"""Channel set-up, the rights poster, the dashboard and its export, consultations and
"you said, we did"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from partnerships.access import access_for, scoped

from .. import access as case_access
from ..forms import (
    AdaptationForm,
    ChannelForm,
    ConsultationForm,
    GroupForm,
    InputForm,
    InputUseForm,
)
from ..models import Adaptation, Case, Channel, Consultation, ConsultationInput, SensitiveAccess
from ..services import cases as case_services
from ..services import channel as services
from ..services import dashboard, poster, webhook


@login_required
def channel(request, pk):
    access = access_for(request.user, pk, edit=request.method == "POST")
    current = Channel.objects.filter(partnership=access.partnership).first()
    initial = (
        {name: getattr(current, name) for name in services.CHANNEL_FIELDS}
        if current
        else {
            "public_name": access.partnership.title,
            "languages": ["en"],
            "rights_text": _(
                "You may tell us anything about this project: questions, ideas, "
                "praise or complaints, including about our staff. You do not have to "
                "give your name. We will acknowledge your message and answer it; with "
                "the code you receive you can come back to read our answer and add "
                "information."
            ),
        }
    )
    form = ChannelForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_save(partnership_id=pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The feedback channel was saved."))
            return redirect("feedback:channel", pk)
    missing = case_access.organisations_missing_focal_point(pk)
    return render(
        request,
        "feedback/channel.html",
        {
            "partnership": access.partnership,
            "access": access,
            "channel": current,
            "form": form,
            "missing_focal_points": missing,
            "sensitive_offered": current is not None
            and services.sensitive_offered(current, missing),
            "language_names": dict(settings.LANGUAGES),
        },
    )


@login_required
def poster_pdf(request, pk, language):
    access = access_for(request.user, pk)
    current = get_object_or_404(Channel, partnership=access.partnership)
    if language not in current.public_languages():
        raise Http404
    leaflet = request.GET.get("format") == "leaflet"
    response = HttpResponse(
        poster.render_pdf(current, language, leaflet=leaflet), content_type="application/pdf"
    )
    kind = "leaflet" if leaflet else "poster"
    response["Content-Disposition"] = (
        f'inline; filename="feedback-{kind}-{current.slug}-{language}.pdf"'
    )
    return response


@login_required
def dashboard_view(request, pk):
    access = access_for(request.user, pk)
    cases = case_access.visible_cases(access)
    return render(
        request,
        "feedback/dashboard.html",
        {
            "partnership": access.partnership,
            "access": access,
            "stats": dashboard.stats(cases),
            "channel": Channel.objects.filter(partnership=access.partnership).first(),
            "is_focal_point": case_access.is_focal_point(access),
        },
    )


@login_required
def export(request, pk):
    access = access_for(request.user, pk)
    cases = case_access.visible_cases(access)
    with transaction.atomic():
        body = dashboard.export_csv(cases)
        case_services.record_sensitive_access(
            cases.filter(kind=Case.Kind.SENSITIVE).only("id", "kind"),
            request.user,
            SensitiveAccess.Action.EXPORT,
        )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="feedback-{pk}-{timezone.localdate():%Y%m%d}.csv"'
    )
    return response


@login_required
def consultations(request, pk):
    access = access_for(request.user, pk, edit=request.method == "POST")
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consultation = form.save(commit=False)
        consultation.partnership = access.partnership
        consultation.created_by = request.user
        consultation.save()
        messages.success(
            request, _("The consultation was recorded; add the groups and the inputs raised.")
        )
        return redirect(consultation)
    items = list(
        Consultation.objects.filter(partnership=access.partnership).prefetch_related(
            "groups", "inputs"
        )
    )
    return render(
        request,
        "feedback/consultations.html",
        {
            "partnership": access.partnership,
            "access": access,
            "consultations": items,
            "form": form,
        },
    )


def _consultation(request, pk, *, edit=False):
    item = get_object_or_404(
        scoped(Consultation.objects.select_related("partnership"), request.user), pk=pk
    )
    return item, access_for(request.user, item.partnership_id, edit=edit)


@login_required
def consultation_detail(request, pk):
    item, access = _consultation(request, pk, edit=request.method == "POST")
    group_form = GroupForm(
        request.POST if request.POST.get("form") == "group" else None, prefix="group"
    )
    input_form = InputForm(
        request.POST if request.POST.get("form") == "input" else None, prefix="input"
    )
    if request.method == "POST":
        for form in (group_form, input_form):
            if form.is_bound and form.is_valid():
                added = form.save(commit=False)
                added.consultation = item
                added.save()
                messages.success(request, _("Added."))
                return redirect(item)
    inputs = list(item.inputs.all())
    return render(
        request,
        "feedback/consultation.html",
        {
            "consultation": item,
            "partnership": item.partnership,
            "access": access,
            "groups": list(item.groups.all()),
            "inputs": inputs,
            "use_forms": [(i, InputUseForm(instance=i, prefix=f"use{i.pk}")) for i in inputs],
            "group_form": group_form,
            "input_form": input_form,
        },
    )


@login_required
@require_POST
def input_use(request, pk):
    item = get_object_or_404(
        scoped(
            ConsultationInput.objects.select_related("consultation"),
            request.user,
            "consultation__partnership",
        ),
        pk=pk,
    )
    access_for(request.user, item.consultation.partnership_id, edit=True)
    form = InputUseForm(request.POST, instance=item, prefix=f"use{item.pk}")
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved how the input was used."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(item.consultation)


@login_required
def adaptations(request, pk):
    access = access_for(request.user, pk, edit=request.method == "POST")
    # Only cases this user may see can be linked, and by reference only.
    visible = case_access.visible_cases(access)
    recent = list(visible.values_list("pk", flat=True)[:300])
    cases = visible.filter(pk__in=recent).only("id", "reference", "kind")
    inputs = ConsultationInput.objects.filter(consultation__partnership=access.partnership)
    form = AdaptationForm(request.POST or None, cases=cases, inputs=inputs)
    if request.method == "POST" and form.is_valid():
        adaptation = form.save(commit=False)
        adaptation.partnership = access.partnership
        adaptation.save()
        form.save_m2m()
        messages.success(request, _("The adaptation was recorded."))
        return redirect("feedback:adaptations", pk)
    items = list(
        Adaptation.objects.filter(partnership=access.partnership).prefetch_related("inputs")
    )
    visible_ids = set(visible.values_list("pk", flat=True))
    links = {}
    for link in (
        Adaptation.cases.through.objects.filter(adaptation__partnership=access.partnership)
        .select_related("case")
        .only("adaptation_id", "case__reference", "case__id")
    ):
        if link.case_id in visible_ids:
            links.setdefault(link.adaptation_id, []).append(link.case.reference)
    return render(
        request,
        "feedback/adaptations.html",
        {
            "partnership": access.partnership,
            "access": access,
            "form": form,
            "adaptations": [(a, links.get(a.pk, [])) for a in items],
            "channel": Channel.objects.filter(partnership=access.partnership).first(),
        },
    )


@csrf_exempt
@sensitive_post_parameters()
@require_POST
def webhook_receive(request, slug):
    found = Channel.objects.filter(slug=slug).first()
    if found is None:
        raise Http404
    try:
        case, code = webhook.receive(channel=found, meta=request.META, body=request.body)
    except webhook.Refused as refused:
        return JsonResponse({"error": refused.reason}, status=refused.status)
    except IntegrityError:
        return JsonResponse({"error": "replayed"}, status=409)
    return JsonResponse(
        {"reference": case.reference, "code": case_services.display_code(code)}, status=201
    )
