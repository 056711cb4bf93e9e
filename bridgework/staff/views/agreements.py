"""Staff pages for tripartite learning agreements: draft, change (a new version), sign for the centre,
withdraw consent, download the signed PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bridgework.core.access import centre_view
from bridgework.core.uploads import serve_file
from bridgework.employers.forms import AgreementForm, SignForm
from bridgework.employers.models import Agreement, Employer, Party
from bridgework.employers.services import agreements as service


def _agreement(pk: int, agreement_pk: int) -> Agreement:
    return get_object_or_404(service.agreement_with_parts(Agreement.objects), pk=agreement_pk, employer_id=pk)


def _to_agreement(request: HttpRequest, agreement: Agreement) -> HttpResponse:
    return redirect(
        "staff:agreement_detail",
        centre=request.centre.number,  # type: ignore[attr-defined]
        pk=agreement.employer_id,
        agreement_pk=agreement.pk,
    )


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR") or None


@centre_view("employers.manage")
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = get_object_or_404(Employer.objects.filter(merged_into__isnull=True), pk=pk)
    form = AgreementForm(request.POST or None, employer=employer)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            agreement = service.create_agreement(employer=employer, created_by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Agreement drafted. It now needs all three signatures.")
            return _to_agreement(request, agreement)
    return render(
        request, "staff/employers/agreement_form.html", {"form": form, "employer": employer, "agreement": None}
    )


@centre_view("employers.manage")
def agreement_new_version(request: HttpRequest, pk: int, agreement_pk: int) -> HttpResponse:
    agreement = _agreement(pk, agreement_pk)
    if agreement.is_superseded:
        messages.error(request, f"Version {agreement.version} has been replaced. Change the current version.")
        return _to_agreement(request, agreement.next_version)
    form = AgreementForm(
        request.POST or None,
        instance=Agreement(**{f.attname: getattr(agreement, f.attname) for f in Agreement._meta.concrete_fields}),
        employer=agreement.employer,
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = service.new_version(agreement, created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Version {new.version} created. All three parties need to sign it.")
            return _to_agreement(request, new)
    return render(
        request,
        "staff/employers/agreement_form.html",
        {
            "form": form,
            "employer": agreement.employer,
            "agreement": agreement,
        },
    )


@centre_view("employers.view")
def agreement_detail(request: HttpRequest, pk: int, agreement_pk: int) -> HttpResponse:
    agreement = _agreement(pk, agreement_pk)
    form = SignForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("employers.manage", request.centre):  # type: ignore[attr-defined]
            raise PermissionDenied
        if form.is_valid():
            try:
                service.sign(
                    agreement,
                    party=Party.CENTRE,
                    user=request.user,
                    typed_name=form.cleaned_data["typed_name"],
                    ip_address=client_ip(request),
                )
            except ValidationError as exc:
                form.add_error("typed_name" if hasattr(exc, "error_dict") else None, exc)
            else:
                messages.success(request, "Signed for the centre.")
                return _to_agreement(request, agreement)
    kw = {"centre": request.centre.number, "pk": agreement.employer_id, "agreement_pk": agreement.pk}  # type: ignore[attr-defined]
    return render(
        request,
        "staff/employers/agreement_detail.html",
        {
            "agreement": agreement,
            "form": form,
            "area": "staff",
            "pdf_url": reverse("staff:agreement_pdf", kwargs=kw),
            "withdraw_url": reverse("staff:agreement_withdraw_consent", kwargs=kw),
            "new_version_url": reverse("staff:agreement_new_version", kwargs=kw),
            "signed": {s.party: s for s in agreement.signatures.all()},
            "party": Party.CENTRE,
            "parties": Party.choices,
        },
    )


@centre_view("employers.manage")
@require_POST
def agreement_withdraw_consent(request: HttpRequest, pk: int, agreement_pk: int) -> HttpResponse:
    agreement = _agreement(pk, agreement_pk)
    try:
        service.withdraw_consent(agreement, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Consent to share data withdrawn. Nothing more is shared with the employer.")
    return _to_agreement(request, agreement)


@centre_view("employers.view")
def agreement_pdf(request: HttpRequest, pk: int, agreement_pk: int) -> HttpResponse:
    agreement = _agreement(pk, agreement_pk)
    return serve_file(agreement.signed_pdf, f"agreement-{agreement.pk}-v{agreement.version}.pdf")
