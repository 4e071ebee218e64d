from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.access import access_for
from partnerships.models import Membership

from ..forms import (
    ExchangeForm,
    LearningNeedForm,
    MentorshipForm,
    PeerForm,
    SessionForm,
    TargetGroupForm,
)
from ..models import (
    LearningExchange,
    Mentorship,
    PeerOrganisation,
    TargetGroupActivity,
)
from ..models.target import PARTICIPANT_FIELDS
from ..services import records as services
from .common import member_organisations, render_form, require_organisation
from .plan import visible_needs


def _back(name, access):
    return reverse(f"capacity:{name}", args=[access.partnership.pk])


# Learning needs ------------------------------------------------------------------------------


@login_required
def needs(request, pk):
    access = access_for(request.user, pk)
    rows = list(visible_needs(access).select_related("person", "organisation", "domain"))
    return render(
        request,
        "capacity/needs.html",
        {
            "partnership": access.partnership,
            "access": access,
            "needs": rows,
        },
    )


def _need_form(request, access, need=None):
    form = LearningNeedForm(
        request.POST or None, instance=need, organisations=require_organisation(access)
    )
    if request.method == "POST" and form.is_valid():
        services.learning_need_save(
            partnership=access.partnership,
            person=request.user,
            learning_need=need,
            **form.cleaned_data,
        )
        messages.success(request, _("Your learning need was saved."))
        return redirect(_back("needs", access))
    return render_form(
        request,
        access,
        form,
        _("Edit a learning need") if need else _("Record a learning need"),
        _back("needs", access),
        intro=_(
            "Your own learning need and goal. Only your organisation sees "
            "it unless you share it with the partnership."
        ),
    )


@login_required
def need_new(request, pk):
    return _need_form(request, access_for(request.user, pk, edit=True))


@login_required
def need_edit(request, pk, need_pk):
    access = access_for(request.user, pk, edit=True)
    need = get_object_or_404(visible_needs(access), pk=need_pk)
    admin_of = {m.organisation_id for m in access.memberships if m.role == Membership.Role.ADMIN}
    # A need is its owner's; their organisation's admin may tidy it, nobody else.
    if need.person_id != request.user.pk and need.organisation_id not in admin_of:
        raise PermissionDenied
    return _need_form(request, access, need)


# Peer learning --------------------------------------------------------------------------------


@login_required
def peers(request, pk):
    access = access_for(request.user, pk)
    partnership = access.partnership
    return render(
        request,
        "capacity/peers.html",
        {
            "partnership": partnership,
            "access": access,
            "peers": list(PeerOrganisation.objects.filter(partnership=partnership)),
            "exchanges": list(
                LearningExchange.objects.filter(partnership=partnership).prefetch_related(
                    "organisations", "peers"
                )
            ),
            "mentorships": list(
                Mentorship.objects.filter(partnership=partnership)
                .select_related("mentor", "mentee")
                .annotate(session_count=Count("sessions"))
            ),
        },
    )


def _peer_form(request, access, peer=None):
    form = PeerForm(request.POST or None, instance=peer)
    if request.method == "POST" and form.is_valid():
        services.peer_save(
            partnership=access.partnership, user=request.user, peer=peer, **form.cleaned_data
        )
        messages.success(request, _("The peer organisation was saved."))
        return redirect(_back("peers", access))
    return render_form(
        request,
        access,
        form,
        _("Edit a peer organisation") if peer else _("Add a peer organisation"),
        _back("peers", access),
        intro=_(
            "Local organisations and actors outside the partnership that "
            "partners can learn from and share experiences with."
        ),
    )


@login_required
def peer_new(request, pk):
    return _peer_form(request, access_for(request.user, pk, edit=True))


@login_required
def peer_edit(request, pk, peer_pk):
    access = access_for(request.user, pk, edit=True)
    peer = get_object_or_404(
        PeerOrganisation.objects.filter(partnership=access.partnership), pk=peer_pk
    )
    return _peer_form(request, access, peer)


def _exchange_form(request, access, exchange=None):
    form = ExchangeForm(
        request.POST or None,
        instance=exchange,
        partnership=access.partnership,
        organisations=member_organisations(access.partnership),
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        services.exchange_save(
            partnership=access.partnership,
            user=request.user,
            exchange=exchange,
            organisations=values.pop("organisations"),
            peers=values.pop("peers"),
            **values,
        )
        messages.success(request, _("The learning exchange was saved."))
        return redirect(_back("peers", access))
    return render_form(
        request,
        access,
        form,
        _("Edit a learning exchange") if exchange else _("Record a learning exchange"),
        _back("peers", access),
    )


@login_required
def exchange_new(request, pk):
    return _exchange_form(request, access_for(request.user, pk, edit=True))


@login_required
def exchange_edit(request, pk, exchange_pk):
    access = access_for(request.user, pk, edit=True)
    exchange = get_object_or_404(
        LearningExchange.objects.filter(partnership=access.partnership), pk=exchange_pk
    )
    return _exchange_form(request, access, exchange)


def _mentorship_form(request, access, mentorship=None):
    form = MentorshipForm(request.POST or None, instance=mentorship, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        saved = services.mentorship_save(
            partnership=access.partnership, mentorship=mentorship, **form.cleaned_data
        )
        messages.success(request, _("The mentorship was saved."))
        return redirect("capacity:mentorship", access.partnership.pk, saved.pk)
    return render_form(
        request,
        access,
        form,
        _("Edit the mentorship") if mentorship else _("Pair a mentor and a mentee"),
        _back("peers", access),
        intro=_(
            "People from any member organisation can mentor each other, across organisations too."
        ),
    )


@login_required
def mentorship_new(request, pk):
    return _mentorship_form(request, access_for(request.user, pk, edit=True))


@login_required
def mentorship_edit(request, pk, mentorship_pk):
    access = access_for(request.user, pk, edit=True)
    mentorship = get_object_or_404(
        Mentorship.objects.filter(partnership=access.partnership), pk=mentorship_pk
    )
    return _mentorship_form(request, access, mentorship)


@login_required
def mentorship_detail(request, pk, mentorship_pk):
    access = access_for(request.user, pk, edit=request.method == "POST")
    mentorship = get_object_or_404(
        Mentorship.objects.filter(partnership=access.partnership)
        .select_related("mentor", "mentee")
        .prefetch_related(Prefetch("sessions", to_attr="log")),
        pk=mentorship_pk,
    )
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.session_add(mentorship=mentorship, user=request.user, **form.cleaned_data)
        messages.success(request, _("The session was logged."))
        return redirect("capacity:mentorship", pk, mentorship.pk)
    return render(
        request,
        "capacity/mentorship.html",
        {
            "partnership": access.partnership,
            "access": access,
            "mentorship": mentorship,
            "form": form,
        },
    )


# Target groups --------------------------------------------------------------------------------


@login_required
def targets(request, pk):
    access = access_for(request.user, pk)
    activities = list(
        TargetGroupActivity.objects.filter(partnership=access.partnership).select_related(
            "organisation"
        )
    )
    totals = {name: sum(getattr(a, name) for a in activities) for name, _l in PARTICIPANT_FIELDS}
    return render(
        request,
        "capacity/targets.html",
        {
            "partnership": access.partnership,
            "access": access,
            "activities": activities,
            "fields": PARTICIPANT_FIELDS,
            "totals": totals,
            "total": sum(totals.values()),
            "with_disability": sum(a.with_disability for a in activities),
        },
    )


def _target_form(request, access, activity=None):
    form = TargetGroupForm(
        request.POST or None,
        instance=activity,
        organisations=member_organisations(access.partnership),
    )
    if request.method == "POST" and form.is_valid():
        services.target_activity_save(
            partnership=access.partnership, activity=activity, **form.cleaned_data
        )
        messages.success(request, _("The activity was saved."))
        return redirect(_back("targets", access))
    return render_form(
        request,
        access,
        form,
        _("Edit the activity") if activity else _("Record a capacity activity for target groups"),
        _back("targets", access),
    )


@login_required
def target_new(request, pk):
    return _target_form(request, access_for(request.user, pk, edit=True))


@login_required
def target_edit(request, pk, activity_pk):
    access = access_for(request.user, pk, edit=True)
    activity = get_object_or_404(
        TargetGroupActivity.objects.filter(partnership=access.partnership), pk=activity_pk
    )
    return _target_form(request, access, activity)
