"""Pages reached without signing in, by a signed or secret link: the practitioner's register confirmation
and the iCalendar feeds. Each enters the one centre's scope only after the link has been verified."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from bridgework.activities.models import AttendanceMark, FeedKind, Mark, Participant
from bridgework.activities.services import confirmation
from bridgework.activities.services.calendar import feed_sessions, find_feed, ical, submission_deadlines
from bridgework.core.access import public_view
from bridgework.core.tenancy import centre_scope
from bridgework.learners.identifiers import academic_year_of


@public_view
@require_http_methods(["GET", "POST"])
def confirm_register(request: HttpRequest, token: str) -> HttpResponse:
    try:
        payload = confirmation.read_confirmation(token)
    except confirmation.LinkInvalid as invalid:
        return render(request, "activities/confirm_invalid.html", {"message": invalid.message}, status=invalid.status)
    with centre_scope(payload["c"]):
        try:
            session, person = confirmation.resolve(payload)
        except confirmation.LinkInvalid as invalid:
            return render(
                request, "activities/confirm_invalid.html", {"message": invalid.message}, status=invalid.status
            )
        error = ""
        if request.method == "POST":
            try:
                session = confirmation.confirm(session, person)
            except ValidationError as exc:
                error = exc.messages[0]
        # Names and marks only: a practitioner never sees dates of birth, ULNs or other learner details.
        labels = dict(Mark.choices)
        marks = dict(AttendanceMark.objects.filter(session=session).values_list("learner_id", "mark"))
        names = [
            {
                "name": p.learner.full_name,
                "mark": labels.get(marks.get(p.learner_id, ""), marks.get(p.learner_id, "Not marked")),
            }
            for p in Participant.objects.filter(activity_id=session.activity_id)
            .select_related("learner")
            .order_by("learner__family_name", "learner__given_name")
        ]
        return render(
            request,
            "activities/confirm_register.html",
            {"session": session, "activity": session.activity, "person": person, "names": names, "error": error},
            status=400 if error else 200,
        )


@public_view
def calendar_feed(request: HttpRequest, feed: int, secret: str) -> HttpResponse:
    found = find_feed(feed, secret)
    if found is None:
        raise Http404("No such feed")
    with centre_scope(found.centre_id):
        sessions = list(feed_sessions(found))
        name = f"{found.centre.name} – {found.get_kind_display()}"
        if found.kind == FeedKind.EMPLOYER and found.employer_id:
            name = f"{found.centre.name} – {found.employer.display_name}"
        from django.utils import timezone

        year = academic_year_of(timezone.localdate())
        deadlines = submission_deadlines(year) if found.kind != FeedKind.EMPLOYER else []
        body = ical(name, sessions, deadlines)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["X-Content-Type-Options"] = "nosniff"
    return response
