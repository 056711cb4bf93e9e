"""Signing an agreement as the learner (learner area) or the employer contact (portal). Shared by both
audiences: each finds only the agreements where the signed-in person is that party; anyone else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from bridgework.core.uploads import serve_file
from bridgework.employers.forms import SignForm
from bridgework.employers.models import Agreement, Party
from bridgework.employers.services import agreements as service

AREAS = {
    Party.LEARNER: {"area": "learner", "lookup": "learner__user"},
    Party.EMPLOYER: {"area": "portal", "lookup": "employer_contact__user"},
}


def party_agreements(request: HttpRequest, party: str) -> Any:
    return service.agreement_with_parts(Agreement.objects).filter(**{AREAS[party]["lookup"]: request.user})


def agreement_list(request: HttpRequest, party: str) -> HttpResponse:
    agreements = party_agreements(request, party).order_by("-created_at")
    return render(
        request,
        "employers/party_agreement_list.html",
        {
            "agreements": agreements,
            "area": AREAS[party]["area"],
            "party": party,
        },
    )


def agreement_sign(request: HttpRequest, party: str, pk: int) -> HttpResponse:
    agreement = get_object_or_404(party_agreements(request, party), pk=pk)
    area = AREAS[party]["area"]
    form = SignForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "withdraw" and party == Party.LEARNER:
            try:
                service.withdraw_consent(agreement, user=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "You have withdrawn consent. Nothing more is shared with the employer.")
            return redirect(f"{area}:agreement_detail", pk=agreement.pk)
        if form.is_valid():
            try:
                service.sign(
                    agreement,
                    party=party,
                    user=request.user,
                    typed_name=form.cleaned_data["typed_name"],
                    ip_address=request.META.get("REMOTE_ADDR"),
                )
            except ValidationError as exc:
                form.add_error("typed_name" if hasattr(exc, "error_dict") else None, exc)
            else:
                messages.success(request, "Thank you: your signature has been recorded.")
                return redirect(f"{area}:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "staff/employers/agreement_detail.html",
        {
            "agreement": agreement,
            "form": form,
            "area": area,
            "party": party,
            "parties": Party.choices,
            "signed": {s.party: s for s in agreement.signatures.all()},
            "pdf_url": reverse(f"{area}:agreement_pdf", kwargs={"pk": agreement.pk}),
        },
    )


def agreement_pdf(request: HttpRequest, party: str, pk: int) -> HttpResponse:
    agreement = get_object_or_404(party_agreements(request, party), pk=pk)
    return serve_file(agreement.signed_pdf, f"agreement-{agreement.pk}-v{agreement.version}.pdf")
