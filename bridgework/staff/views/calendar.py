"""The centre's calendar: a month grid, a term list, and secret iCalendar feed URLs."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bridgework.activities.models import CalendarFeed, FeedKind
from bridgework.activities.services.calendar import (
    TERMS,
    create_feed,
    month_grid,
    sessions_between,
    submission_deadlines,
    term_bounds,
)
from bridgework.core.access import centre_view
from bridgework.learners.identifiers import academic_year_of, validate_academic_year
from bridgework.staff.planner_forms import FeedForm

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _month(value: str) -> date:
    try:
        year, month = (int(x) for x in value.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return timezone.localdate().replace(day=1)


@centre_view("activities.view")
def calendar_month(request: HttpRequest) -> HttpResponse:
    first = _month(request.GET.get("month", ""))
    deadlines = submission_deadlines(academic_year_of(first))
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return render(
        request,
        "staff/calendar/month.html",
        {
            "first": first,
            "weeks": month_grid(first.year, first.month, deadlines),
            "weekdays": WEEKDAYS,
            "prev": prev_month,
            "next": next_month,
            "today": timezone.localdate(),
        },
    )


@centre_view("activities.view")
def calendar_term(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "") or academic_year_of(timezone.localdate())
    try:
        validate_academic_year(year)
    except Exception:
        year = academic_year_of(timezone.localdate())
    terms = []
    deadlines = submission_deadlines(year)
    for name, _ in TERMS:
        start, end = term_bounds(year, name)
        terms.append(
            {
                "name": name,
                "start": start,
                "sessions": list(sessions_between(start, end)),
                "deadlines": [d for d in deadlines if start <= d.day < end],
            }
        )
    first = int(year[:4])
    return render(
        request,
        "staff/calendar/term.html",
        {
            "year": year,
            "terms": terms,
            "prev": f"{first - 1}/{first % 100:02d}",
            "next": f"{first + 1}/{(first + 2) % 100:02d}",
        },
    )


@centre_view("activities.view")
def calendar_feeds(request: HttpRequest) -> HttpResponse:
    form = FeedForm(request.POST or None)
    new_url = ""
    if request.method == "POST" and form.is_valid():
        feed, secret = create_feed(
            centre_id=request.centre.pk,
            kind=form.cleaned_data["kind"],
            user=request.user,
            employer=form.cleaned_data["employer"],
        )
        new_url = request.build_absolute_uri(
            reverse("activities_public:calendar_feed", kwargs={"feed": feed.pk, "secret": secret})
        )
        form = FeedForm()
    feeds = CalendarFeed.objects.filter(user=request.user, revoked_at=None).select_related("employer")
    return render(
        request, "staff/calendar/feeds.html", {"form": form, "feeds": feeds, "new_url": new_url, "kinds": FeedKind}
    )


@centre_view("activities.view")
@require_POST
def calendar_feed_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    feeds = CalendarFeed.objects.all()
    if not request.user.has_perm("activities.override_checks", request.centre):
        feeds = feeds.filter(user=request.user)  # staff revoke their own feeds; centre admins any feed
    feed = get_object_or_404(feeds, pk=pk)
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    messages.success(request, "Feed revoked: its address no longer works.")
    return redirect("staff:calendar_feeds", centre=request.centre.number)
