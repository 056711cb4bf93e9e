"""API tokens of a centre (centre administrators only). A new token's secret is shown once, never stored."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bridgework.core.access import centre_view
from bridgework.people.models import ApiToken
from bridgework.people.services.tokens import issue_token, revoke_token
from bridgework.staff.forms.tokens import ApiTokenForm

PERMISSION = "centre.manage_api_tokens"


@centre_view(PERMISSION)
def token_list(request: HttpRequest) -> HttpResponse:
    tokens = ApiToken.objects.select_related("user").order_by("revoked_at", "-created_at")
    return render(request, "staff/tokens/list.html", {"tokens": tokens})


@centre_view(PERMISSION)
@never_cache  # the response to the POST carries the secret: no cache may keep it
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issued = issue_token(centre=request.centre, user=request.user, name=form.cleaned_data["name"].strip())
        # Rendered, not redirected: the secret exists only in this response.
        return render(request, "staff/tokens/created.html", {"token": issued.token, "secret": issued.secret})
    return render(request, "staff/tokens/form.html", {"form": form})


@centre_view(PERMISSION)
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    if token.revoked_at is not None:
        messages.error(request, f"The token {token.name} was already revoked.")
    else:
        revoke_token(token)
        messages.success(request, f"The token {token.name} was revoked. Requests using it are refused from now on.")
    return redirect("staff:token_list", centre=request.centre.number)
