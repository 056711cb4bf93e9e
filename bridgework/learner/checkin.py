"""Self check-in: the learner scanned the QR code staff are showing; one tap marks them at the session."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bridgework.activities.models import Mark
from bridgework.activities.services import checkin as service
from bridgework.core.access import learner_view
from bridgework.core.roles import roles_for


@learner_view
def checkin(request: HttpRequest, token: str) -> HttpResponse:
    centre_ids = roles_for(request.user).centres_with("learner")
    try:
        payload = service.read_token(token)
        session = service.session_for(payload, centre_ids)
    except service.CheckinNotFound:
        raise Http404("No such session") from None
    except service.CheckinError as error:
        return render(request, "learner/checkin.html", {"error": error.messages[0]}, status=400)
    if request.method != "POST":
        # A GET never marks anything (link previews, prefetching): the learner presses the button.
        return render(request, "learner/checkin.html", {"session": session, "activity": session.activity})
    try:
        session, mark = service.check_in(token, request.user, centre_ids)
    except service.CheckinError as error:
        return render(request, "learner/checkin.html", {"error": error.messages[0], "session": session}, status=400)
    return render(
        request,
        "learner/checkin.html",
        {
            "session": session,
            "activity": session.activity,
            "done": True,
            "late": mark == Mark.LATE,
            "at": timezone.localtime(),
        },
    )
