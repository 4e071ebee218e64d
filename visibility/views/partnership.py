"""The visibility page of a partnership and the logs kept on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.access import access_for
from partnerships.models import Membership, Organisation, PartnershipMember
from partnerships.page_cache import cached_page

from ..access import admin_of
from ..forms import (
    CommunicationForm,
    EndorsementForm,
    EventForm,
    ForumLinkForm,
    IntroductionForm,
    PageForm,
    SupportForm,
)
from ..models import (
    Communication,
    Credit,
    Endorsement,
    EventAttendance,
    Forum,
    ForumEvent,
    ForumRole,
    ForumSupport,
    Introduction,
    PartnershipForum,
    PartnershipPage,
    PartnershipPageApproval,
    Result,
)
from ..services import activity, fora, public
from ..services import indicators as indicator_services

EVENTS_SHOWN = 30


def member_organisations(partnership):
    return Organisation.objects.filter(partnership_memberships__partnership=partnership)


def split_members(partnership):
    members = list(partnership.members.select_related("organisation"))
    local_ids = {
        m.organisation_id
        for m in members
        if m.role == PartnershipMember.Role.LOCAL_PARTNER or m.organisation.is_local_actor
    }
    return members, local_ids


def _errors_to_form(form, error: ValidationError):
    for message in error.messages:
        form.add_error(None, message)


@login_required
@cached_page
def overview(request, pk):
    access = access_for(request.user, pk)
    partnership = access.partnership
    members, local_ids = split_members(partnership)
    member_ids = {m.organisation_id for m in members}
    links = list(
        PartnershipForum.objects.filter(partnership=partnership)
        .select_related("forum")
        .prefetch_related(
            Prefetch(
                "supports",
                queryset=ForumSupport.objects.select_related("provided_by", "budget_line__budget"),
            )
        )
    )
    roles_by_forum: dict[int, list] = {}
    for role in ForumRole.objects.filter(
        organisation_id__in=member_ids, forum_id__in=[link.forum_id for link in links]
    ).select_related("organisation"):
        roles_by_forum.setdefault(role.forum_id, []).append(role)
    for link in links:
        link.member_roles = roles_by_forum.get(link.forum_id, [])
    events = indicator_services.event_views(
        ForumEvent.objects.filter(partnership=partnership)
        .select_related("forum")
        .prefetch_related(
            Prefetch("attendances", queryset=EventAttendance.objects.select_related("organisation"))
        ),
        local_ids,
    )
    results = list(
        Result.objects.filter(partnership=partnership).prefetch_related(
            Prefetch("credits", queryset=Credit.objects.select_related("organisation"))
        )
    )
    communications = list(
        Communication.objects.filter(partnership=partnership)
        .select_related("published_by")
        .prefetch_related("named_organisations")
    )
    introductions = list(
        Introduction.objects.filter(partnership=partnership).select_related(
            "introduced_by", "introduced"
        )
    )
    page = (
        PartnershipPage.objects.filter(partnership=partnership)
        .prefetch_related(
            Prefetch(
                "approvals", queryset=PartnershipPageApproval.objects.select_related("organisation")
            )
        )
        .first()
    )
    indicators = indicator_services.indicators(
        local_ids=local_ids,
        events=events,
        communications=communications,
        introductions=introductions,
        roles=indicator_services.leadership_roles(local_ids),
    )
    return render(
        request,
        "visibility/overview.html",
        {
            "partnership": partnership,
            "access": access,
            "members": members,
            "local_ids": local_ids,
            "links": links,
            "events": events[:EVENTS_SHOWN],
            "events_total": len(events),
            "results": results,
            "communications": communications,
            "introductions": introductions,
            "page": page,
            "indicators": indicators,
            "own_organisations": access.organisations,
            "approved_ids": {a.organisation_id for a in page.approvals.all()} if page else set(),
        },
    )


@login_required
def forum_add(request, pk):
    access = access_for(request.user, pk, edit=True)
    form = ForumLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        forum = (
            data["forum"]
            or Forum.objects.get_or_create(
                name=data["name"].strip(),
                country=data["country"] or "",
                defaults={
                    "kind": data["kind"],
                    "level": data["level"],
                    "topic": data["topic"],
                    "created_by": request.user,
                },
            )[0]
        )
        fora.forum_link(partnership=access.partnership, forum=forum, local_aim=data["local_aim"])
        messages.success(request, _("The forum was added."))
        return redirect("visibility:partnership", pk)
    return _form_page(request, access, form, _("Add a forum that matters for the joint work"))


@login_required
def support_add(request, pk, link_pk):
    access = access_for(request.user, pk, edit=True)
    link = get_object_or_404(
        PartnershipForum.objects.filter(partnership=access.partnership).select_related(
            "forum", "partnership"
        ),
        pk=link_pk,
    )
    form = SupportForm(
        request.POST or None,
        partnership=access.partnership,
        organisations=member_organisations(access.partnership),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fora.support_add(
                link=link,
                kind=data["kind"],
                description=data["description"],
                provided_by=data["provided_by"],
                cost=data["cost"],
                budget_line=data["budget_line"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The support was recorded."))
            return redirect("visibility:partnership", pk)
    return _form_page(
        request,
        access,
        form,
        _("Support agreed for %(forum)s") % {"forum": link.forum.name},
        status=400 if form.errors else 200,
    )


def _form_page(request, access, form, heading, status=200, intro="", multipart=False):
    if request.method == "POST" and form.errors:
        status = 400
    return render(
        request,
        "visibility/form.html",
        {
            "partnership": access.partnership,
            "form": form,
            "heading": heading,
            "intro": intro,
            "multipart": multipart,
        },
        status=status,
    )


def _event_form(request, access, event=None):
    partnership = access.partnership
    fora_qs = Forum.objects.filter(partnerships__partnership=partnership)
    form = EventForm(
        request.POST or None,
        instance=event,
        organisations=member_organisations(partnership),
        fora=fora_qs,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity.event_save(
                partnership=partnership,
                user=request.user,
                title=data["title"],
                date=data["date"],
                forum=data["forum"],
                contribution=data["contribution"],
                represented_joint_work=data["represented_joint_work"],
                attendance=form.attendance(),
                event=event,
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("visibility:partnership", partnership.pk)
    return _form_page(
        request, access, form, _("Edit the event") if event else _("Log a meeting or event")
    )


@login_required
def event_add(request, pk):
    return _event_form(request, access_for(request.user, pk, edit=True))


@login_required
def event_edit(request, pk, event_pk):
    access = access_for(request.user, pk, edit=True)
    event = get_object_or_404(
        ForumEvent.objects.filter(partnership=access.partnership), pk=event_pk
    )
    return _event_form(request, access, event)


@login_required
def communication_add(request, pk):
    access = access_for(request.user, pk, edit=True)
    form = CommunicationForm(
        request.POST or None, organisations=member_organisations(access.partnership)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        activity.communication_create(
            partnership=access.partnership,
            kind=data["kind"],
            title=data["title"],
            date=data["date"],
            url=data["url"],
            published_by=data["published_by"],
            named=list(data["named_organisations"]),
        )
        messages.success(request, _("The communication was logged."))
        return redirect("visibility:partnership", pk)
    return _form_page(request, access, form, _("Log a publication, post or report"))


@login_required
def introduction_add(request, pk):
    access = access_for(request.user, pk, edit=True)
    form = IntroductionForm(
        request.POST or None, organisations=member_organisations(access.partnership)
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity.introduction_create(partnership=access.partnership, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The introduction was logged."))
            return redirect("visibility:partnership", pk)
    return _form_page(request, access, form, _("Log an introduction"))


@login_required
def endorsement_add(request, pk):
    access = access_for(request.user, pk, edit=True)
    # It is shown under the author organisation's name: only its admin speaks for it.
    authors = Organisation.objects.filter(
        pk__in=[m.organisation_id for m in access.memberships if m.role == Membership.Role.ADMIN]
    )
    if not authors:
        raise PermissionDenied
    form = EndorsementForm(
        request.POST or None,
        authors=authors,
        organisations=member_organisations(access.partnership),
    )
    if request.method == "POST" and form.is_valid():
        Endorsement.objects.create(
            organisation=form.cleaned_data["organisation"],
            author_organisation=form.cleaned_data["author"],
            partnership=access.partnership,
            text=form.cleaned_data["text"],
            written_by=request.user,
        )
        messages.success(request, _("Thank you. The organisation chooses whether to show it."))
        return redirect("visibility:partnership", pk)
    return _form_page(request, access, form, _("Endorse a partner"))


@login_required
def page_settings(request, pk):
    access = access_for(request.user, pk, edit=request.method == "POST")
    page = PartnershipPage.objects.filter(partnership=access.partnership).first()
    initial = (
        {"title": page.title, "summary": page.summary, "languages": page.languages}
        if page
        else {"title": access.partnership.title, "languages": ["en"]}
    )
    form = PageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        public.page_save(partnership=access.partnership, **form.cleaned_data)
        messages.success(
            request, _("Saved. Every member's admin must now agree before the page is public.")
        )
        return redirect("visibility:partnership", pk)
    return _form_page(
        request,
        access,
        form,
        _("Public results page"),
        intro=_(
            "The page lists the results every credited organisation approved. It is public only "
            "while the admin of every member organisation agrees; a change to the text asks "
            "them again."
        ),
    )


def _admin_organisation(request, access):
    org_id = request.POST.get("organisation", "")
    if not org_id.isdigit() or not admin_of(access.memberships, int(org_id)):
        raise PermissionDenied
    return Organisation.objects.get(pk=int(org_id))


@login_required
@require_POST
def page_approve(request, pk):
    access = access_for(request.user, pk, edit=True)
    organisation = _admin_organisation(request, access)
    if not PartnershipPage.objects.filter(partnership=access.partnership).exists():
        messages.error(request, _("Write the page first."))
    else:
        public.page_approve(
            partnership=access.partnership, organisation=organisation, user=request.user
        )
        messages.success(request, _("Your organisation agrees to the public page."))
    return redirect("visibility:partnership", pk)


@login_required
@require_POST
def page_withdraw(request, pk):
    access = access_for(request.user, pk, edit=True)
    organisation = _admin_organisation(request, access)
    if PartnershipPage.objects.filter(partnership=access.partnership).exists():
        public.page_withdraw(partnership=access.partnership, organisation=organisation)
    messages.success(request, _("The public page is no longer public."))
    return redirect("visibility:partnership", pk)
