"""The learner's e-portfolio pages: entries, files, weekly updates, sharing, export and import."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bridgework.core.access import learner_view
from bridgework.learners.models import Learner
from bridgework.portfolio.forms import AttachmentForm, EntryForm, ImportForm, ShareForm, WeeklyUpdateForm
from bridgework.portfolio.models import Attachment, Feedback, JournalEntry, Share, WeeklyUpdate
from bridgework.portfolio.services import entries as entry_service
from bridgework.portfolio.services import sharing
from bridgework.portfolio.services.access import serve_attachment
from bridgework.portfolio.services.export import export_zip
from bridgework.portfolio.services.importer import import_portfolio
from bridgework.portfolio.views_common import apply_errors


def _learner(request: HttpRequest) -> Learner:
    learner = entry_service.learner_for(request.user)
    if learner is None:
        raise Http404("No learner record")
    return learner


def _entry(request: HttpRequest, pk: int) -> JournalEntry:
    return get_object_or_404(
        JournalEntry.objects.filter(learner__user=request.user).select_related("learner", "activity", "unit"), pk=pk
    )


def _update(request: HttpRequest, pk: int) -> WeeklyUpdate:
    return get_object_or_404(WeeklyUpdate.objects.filter(learner__user=request.user).select_related("learner"), pk=pk)


@learner_view
def portfolio(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    entries = (
        JournalEntry.objects.filter(learner__user=request.user)
        .select_related("activity", "unit")
        .annotate(
            file_count=Count("attachments", distinct=True),
            live_share_count=Count("shares", filter=sharing.live_q(now, "shares__"), distinct=True),
        )
    )
    updates = WeeklyUpdate.objects.filter(learner__user=request.user).annotate(entry_count=Count("entries"))
    this_week = entry_service.week_start_of(timezone.localdate())
    prompt = None
    learner = entry_service.learner_for(request.user)
    if learner is not None and not updates.filter(week_start=this_week).exists():
        count = JournalEntry.objects.filter(
            learner=learner, happened_on__gte=this_week, happened_on__lt=this_week + timedelta(days=7)
        ).count()
        prompt = {"week_start": this_week, "count": count}
    return render(
        request,
        "learner/portfolio/home.html",
        {"entries": entries, "updates": updates, "prompt": prompt, "has_learner": learner is not None},
    )


@learner_view
def entry_create(request: HttpRequest) -> HttpResponse:
    learner = _learner(request)
    form = EntryForm(request.POST or None, learner=learner)
    if request.method == "POST" and form.is_valid():
        try:
            entry = entry_service.create_entry(learner, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Entry saved.")
            return redirect("learner:entry_detail", pk=entry.pk)
    return render(request, "learner/portfolio/entry_form.html", {"form": form})


@learner_view
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = EntryForm(request.POST or None, instance=entry, learner=entry.learner)
    if request.method == "POST" and form.is_valid():
        try:
            entry_service.update_entry(JournalEntry.objects.get(pk=entry.pk), **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Entry saved.")
            return redirect("learner:entry_detail", pk=entry.pk)
    return render(request, "learner/portfolio/entry_form.html", {"form": form, "entry": entry})


def _detail_context(entry: JournalEntry, upload_form: AttachmentForm) -> dict[str, object]:
    return {
        "entry": entry,
        "attachments": entry.attachments.all(),
        "upload_form": upload_form,
        "statuses": sharing.share_statuses(entry.shares.all()),
        "views": sharing.views_of(entry=entry)[:50],
        "feedback": Feedback.objects.filter(entry=entry).select_related("person"),
        "updates": entry.weekly_updates.all(),
        "citations": entry.citations.select_related("activity").order_by("cited_at", "id"),
    }


@learner_view
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    return render(
        request,
        "learner/portfolio/entry_detail.html",
        _detail_context(entry, AttachmentForm()),
    )


@learner_view
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            entry_service.add_attachment(entry, form.cleaned_data["file"])
        except ValidationError as exc:
            apply_errors(form, exc, field="file")
        else:
            messages.success(request, "File added.")
            return redirect("learner:entry_detail", pk=entry.pk)
    return render(
        request,
        "learner/portfolio/entry_detail.html",
        _detail_context(entry, form),
        status=400,
    )


@learner_view
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.filter(entry__learner__user=request.user), pk=pk)
    return serve_attachment(attachment)


def _share_page(request: HttpRequest, *, entry: JournalEntry | None, update: WeeklyUpdate | None) -> HttpResponse:
    item = entry or update
    assert item is not None
    people = sharing.shareable_people(item.learner)
    form = ShareForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            sharing.share(
                item.learner,
                form.cleaned_data["person"],
                entry=entry,
                update=update,
                expires_at=form.expires_at(),
            )
        except ValidationError as exc:
            apply_errors(form, exc, field="person")
        else:
            messages.success(request, f"{form.cleaned_data['person'].full_name} can now see it.")
            return redirect("learner:entry_detail" if entry else "learner:update_detail", pk=item.pk)
    return render(
        request, "learner/portfolio/share_form.html", {"form": form, "item": item, "entry": entry, "people": people}
    )


@learner_view
def entry_share(request: HttpRequest, pk: int) -> HttpResponse:
    return _share_page(request, entry=_entry(request, pk), update=None)


@learner_view
def update_share(request: HttpRequest, pk: int) -> HttpResponse:
    return _share_page(request, entry=None, update=_update(request, pk))


@learner_view
@require_POST
def share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    share = get_object_or_404(Share.objects.filter(learner__user=request.user).select_related("person"), pk=pk)
    sharing.revoke(share)
    messages.success(request, f"{share.person.full_name} can no longer see it.")
    if share.entry_id:
        return redirect("learner:entry_detail", pk=share.entry_id)
    return redirect("learner:update_detail", pk=share.update_id)


@learner_view
def update_create(request: HttpRequest) -> HttpResponse:
    learner = _learner(request)
    initial = {"week_start": request.GET.get("week") or entry_service.week_start_of(timezone.localdate())}
    form = WeeklyUpdateForm(request.POST or None, initial=initial)
    week = form.cleaned_data["week_start"] if form.is_bound and form.is_valid() else None
    if request.method == "POST" and week is not None:
        try:
            update = entry_service.create_weekly_update(learner, week, form.cleaned_data["note"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Weekly update saved. Choose who can see it.")
            return redirect("learner:update_detail", pk=update.pk)
    try:
        preview_week = week or form.fields["week_start"].to_python(str(initial["week_start"]))
    except ValidationError:
        preview_week = entry_service.week_start_of(timezone.localdate())
    preview = entry_service.entries_for_week(learner, entry_service.week_start_of(preview_week))
    return render(request, "learner/portfolio/update_form.html", {"form": form, "preview": preview})


@learner_view
def update_detail(request: HttpRequest, pk: int) -> HttpResponse:
    update = _update(request, pk)
    return render(
        request,
        "learner/portfolio/update_detail.html",
        {
            "update": update,
            "entries": update.entries.order_by("happened_on", "id"),
            "statuses": sharing.share_statuses(update.shares.all()),
            "views": sharing.views_of(update=update)[:50],
        },
    )


@learner_view
def sharing_overview(request: HttpRequest) -> HttpResponse:
    """Who can see what, and who viewed what when: everything the learner has shared, in one place."""
    shares = Share.objects.filter(learner__user=request.user).order_by("-created_at")
    statuses = sharing.share_statuses(shares)
    logs = (
        sharing.PortalAccessLog.objects.filter(
            Q(entry__learner__user=request.user)
            | Q(update__learner__user=request.user)
            | Q(attachment__entry__learner__user=request.user)
        )
        .select_related("person", "entry", "update", "attachment")
        .order_by("-at")[:100]
    )
    learner = entry_service.learner_for(request.user)
    people = sharing.shareable_people(learner) if learner else []
    return render(request, "learner/portfolio/sharing.html", {"statuses": statuses, "logs": logs, "people": people})


@learner_view
def export(request: HttpRequest) -> HttpResponse:
    learners = list(Learner.objects.filter(user=request.user).select_related("centre").order_by("-created_at"))
    if not learners:
        raise Http404("No learner record")
    content = export_zip(learners)
    response = HttpResponse(content, content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="portfolio-{stamp}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@learner_view
def import_zip(request: HttpRequest) -> HttpResponse:
    learner = _learner(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = import_portfolio(learner, form.cleaned_data["file"])
        except ValidationError as exc:
            apply_errors(form, exc, field="file")
        else:
            messages.success(
                request,
                f"Imported {result.entries_created} entries, {result.attachments_created} files and "
                f"{result.updates_created} weekly updates.",
            )
            for skipped in result.skipped:
                messages.warning(request, f"Not imported: {skipped}")
            return redirect("learner:portfolio")
    return render(request, "learner/portfolio/import.html", {"form": form}, status=400 if form.errors else 200)
