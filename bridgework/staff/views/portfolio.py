"""Centre staff and learners' portfolios: entries the learner shares with the centre (the default), citing
one as evidence for an activity, expert witness statements received, and the assignment deadlines the centre
publishes to employers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bridgework.core.access import centre_view
from bridgework.portfolio.forms import CiteForm, DeadlineForm
from bridgework.portfolio.models import (
    AssignmentDeadline,
    Attachment,
    ExpertWitnessStatement,
    Feedback,
    JournalEntry,
)
from bridgework.portfolio.services.access import serve_attachment
from bridgework.portfolio.services.contributions import cite_entry, publish_deadline
from bridgework.portfolio.views_common import apply_errors

PAGE_SIZE = 50


def _shared_entries():  # type: ignore[no-untyped-def]
    """Only what learners share with the centre: a private entry answers 404 to staff too."""
    return JournalEntry.objects.filter(shared_with_centre=True)


@centre_view("portfolio.view_shared")
def entry_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    entries = (
        _shared_entries()
        .select_related("learner", "activity")
        .annotate(file_count=Count("attachments", distinct=True), cited=Count("citations", distinct=True))
        .order_by("-happened_on", "-id")
    )
    if query:
        entries = entries.filter(
            Q(title__icontains=query)
            | Q(learner__given_name__icontains=query)
            | Q(learner__family_name__icontains=query)
        )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "staff/portfolio/entry_list.html",
        {"page_obj": page, "query": query, "querystring": params.urlencode()},
    )


def _entry_page(request: HttpRequest, entry: JournalEntry, form: CiteForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "staff/portfolio/entry_detail.html",
        {
            "entry": entry,
            "attachments": entry.attachments.all(),
            "feedback": Feedback.objects.filter(entry=entry).select_related("person"),
            "citations": entry.citations.select_related("activity", "cited_by"),
            "form": form,
        },
        status=status,
    )


@centre_view("portfolio.view_shared")
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(_shared_entries().select_related("learner", "activity", "unit"), pk=pk)
    return _entry_page(request, entry, CiteForm(learner=entry.learner))


@centre_view("portfolio.cite_evidence")
@require_POST
def entry_cite(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(_shared_entries().select_related("learner", "activity", "unit"), pk=pk)
    form = CiteForm(request.POST, learner=entry.learner)
    if form.is_valid():
        try:
            cite_entry(entry, form.cleaned_data["activity"], form.cleaned_data["note"], request.user)
        except ValidationError as exc:
            apply_errors(form, exc, field="activity")
        else:
            messages.success(request, f"Entry cited as evidence for {form.cleaned_data['activity'].title}.")
            return redirect("staff:portfolio_entry", centre=request.centre.number, pk=entry.pk)  # type: ignore[attr-defined]
    return _entry_page(request, entry, form, status=400)


@centre_view("portfolio.view_shared")
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.filter(entry__shared_with_centre=True), pk=pk)
    return serve_attachment(attachment)


@centre_view("portfolio.view_shared")
def statement_list(request: HttpRequest) -> HttpResponse:
    statements = ExpertWitnessStatement.objects.select_related("learner", "unit", "person", "activity").order_by(
        "-signed_at"
    )
    page = Paginator(statements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "staff/portfolio/statement_list.html", {"page_obj": page, "querystring": ""})


@centre_view("portfolio.view_shared")
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(
        ExpertWitnessStatement.objects.select_related("learner", "unit", "person", "activity"), pk=pk
    )
    return render(request, "staff/portfolio/statement_detail.html", {"statement": statement})


@centre_view("portfolio.manage_deadlines")
def deadline_list(request: HttpRequest) -> HttpResponse:
    form = DeadlineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publish_deadline(request.centre.pk, request.user, **form.cleaned_data)  # type: ignore[attr-defined]
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Deadline added.")
            return redirect("staff:portfolio_deadlines", centre=request.centre.number)  # type: ignore[attr-defined]
    deadlines = AssignmentDeadline.objects.select_related("qualification", "teaching_group").order_by("due_on")
    return render(
        request,
        "staff/portfolio/deadlines.html",
        {"form": form, "deadlines": deadlines},
        status=400 if form.errors else 200,
    )


@centre_view("portfolio.manage_deadlines")
@require_POST
def deadline_delete(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = get_object_or_404(AssignmentDeadline.objects.all(), pk=pk)
    deadline.delete()
    messages.success(request, f"Deadline “{deadline.title}” removed.")
    return redirect("staff:portfolio_deadlines", centre=request.centre.number)  # type: ignore[attr-defined]
