from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from django_scopes import scope

from bridgework.employers.models import Agreement, AgreementSignature, Party
from bridgework.employers.services import agreements as service

pytestmark = pytest.mark.django_db


def _sign_all(world: Any, agreement: Agreement) -> None:
    service.sign(agreement, party=Party.CENTRE, user=world.a.staff, typed_name="Sid Alpha", ip_address="10.0.0.1")
    service.sign(agreement, party=Party.LEARNER, user=world.a.learner_user, typed_name="Lee A", ip_address="10.0.0.2")
    service.sign(
        agreement, party=Party.EMPLOYER, user=world.a.employer_user, typed_name="Priya Nair", ip_address="10.0.0.3"
    )


def test_signing_by_all_three_parties_completes_the_version_with_a_pdf(world: Any, agreement: Agreement) -> None:
    with scope(centre=world.a.centre.pk):
        _sign_all(world, agreement)
        agreement.refresh_from_db()
        assert agreement.completed_at is not None
        assert agreement.signed_pdf.name.endswith(".pdf")
        with agreement.signed_pdf.open("rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
        signature = agreement.signatures.get(party=Party.EMPLOYER)
        assert (signature.typed_name, signature.user, signature.ip_address) == (
            "Priya Nair",
            world.a.employer_user,
            "10.0.0.3",
        )


def test_a_second_signature_by_the_same_party_is_refused_and_changes_nothing(world: Any, agreement: Agreement) -> None:
    with scope(centre=world.a.centre.pk):
        service.sign(agreement, party=Party.LEARNER, user=world.a.learner_user, typed_name="Lee", ip_address=None)
        with pytest.raises(ValidationError, match="learner has already signed"):
            service.sign(
                agreement, party=Party.LEARNER, user=world.a.learner_user, typed_name="Lee again", ip_address=None
            )
        assert AgreementSignature.objects.filter(agreement=agreement).count() == 1


def test_only_the_party_may_sign_for_itself(world: Any, agreement: Agreement) -> None:
    with scope(centre=world.a.centre.pk):
        with pytest.raises(PermissionDenied):
            service.sign(agreement, party=Party.EMPLOYER, user=world.a.learner_user, typed_name="Lee", ip_address=None)
        with pytest.raises(PermissionDenied):
            service.sign(agreement, party=Party.CENTRE, user=world.a.employer_user, typed_name="Em", ip_address=None)
        with pytest.raises(ValidationError):
            service.sign(agreement, party=Party.LEARNER, user=world.a.learner_user, typed_name=" ", ip_address=None)


def test_a_change_creates_a_new_version_and_the_superseded_one_cannot_be_signed(
    world: Any, agreement: Agreement
) -> None:
    with scope(centre=world.a.centre.pk):
        _sign_all(world, agreement)
        agreement.refresh_from_db()
        signed_pdf = agreement.signed_pdf.name
        v2 = service.new_version(agreement, created_by=world.a.staff, objectives="Learn CNC setup and programming")
        agreement.refresh_from_db()
        assert (v2.version, v2.previous_id, v2.completed_at) == (2, agreement.pk, None)
        assert agreement.is_superseded and agreement.objectives == "Learn CNC setup"  # signed version untouched
        assert agreement.signed_pdf.name == signed_pdf
        with pytest.raises(ValidationError, match="replaced by a newer version"):
            service.sign(agreement, party=Party.CENTRE, user=world.a.admin, typed_name="Ada", ip_address=None)
        with pytest.raises(ValidationError, match="already been replaced"):
            service.new_version(agreement, created_by=world.a.staff, title="Other")
        with pytest.raises(ValidationError, match="Nothing has changed"):
            service.new_version(v2, created_by=world.a.staff)
        with pytest.raises(ValidationError):
            service.new_version(v2, created_by=world.a.staff, ends_on=date(2025, 1, 1))
        assert Agreement.objects.count() == 2


def test_withdrawing_consent_stops_data_sharing_at_once(world: Any, agreement: Agreement) -> None:
    with scope(centre=world.a.centre.pk):
        contact = agreement.employer_contact
        during = timezone.make_aware(timezone.datetime(2026, 3, 2, 10))
        assert not service.data_sharing_in_force(world.a.learner, agreement.employer, during)  # unsigned
        _sign_all(world, agreement)
        Agreement.objects.filter(pk=agreement.pk).update(completed_at=during - timedelta(days=1))
        assert service.data_sharing_in_force(world.a.learner, agreement.employer, during)
        assert service.data_sharing_in_force(world.a.learner, contact, during)
        after_end = timezone.make_aware(timezone.datetime(2026, 8, 1, 10))
        assert not service.data_sharing_in_force(world.a.learner, agreement.employer, after_end)

        Agreement.objects.filter(pk=agreement.pk).update(
            completed_at=timezone.now() - timedelta(days=1), starts_on=date(2020, 1, 1), ends_on=date(2099, 1, 1)
        )
        now = timezone.now()
        assert service.data_sharing_in_force(world.a.learner, agreement.employer, now)
        service.withdraw_consent(agreement, user=world.a.learner_user)
        assert not service.data_sharing_in_force(world.a.learner, agreement.employer, timezone.now())
        # Sharing before the withdrawal stays lawful in the record.
        assert service.data_sharing_in_force(world.a.learner, agreement.employer, now - timedelta(seconds=1))
        with pytest.raises(ValidationError, match="already been withdrawn"):
            service.withdraw_consent(agreement, user=world.a.learner_user)


def test_the_pdf_renderer_fetches_nothing_but_data_uris() -> None:
    from bridgework.employers.services.agreement_pdf import no_remote_fetcher

    fetcher = no_remote_fetcher()
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch("file:///etc/passwd")


@pytest.mark.django_db(transaction=True)
def test_two_parties_signing_at_once_are_both_recorded(world: Any, agreement: Agreement) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers anyway")
    errors: list[Exception] = []

    def sign(party: str, user: Any) -> None:
        try:
            with scope(centre=world.a.centre.pk):
                service.sign(agreement, party=party, user=user, typed_name="Name", ip_address=None)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=sign, args=(Party.LEARNER, world.a.learner_user)),
        threading.Thread(target=sign, args=(Party.EMPLOYER, world.a.employer_user)),
        threading.Thread(target=sign, args=(Party.EMPLOYER, world.a.employer_user)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with scope(centre=world.a.centre.pk):
        assert sorted(AgreementSignature.objects.values_list("party", flat=True)) == ["employer", "learner"]
    assert len(errors) == 1 and "already signed" in str(errors[0])


def test_a_signed_version_cannot_be_edited_in_place(world: Any, agreement: Agreement) -> None:
    with scope(centre=world.a.centre.pk):
        _sign_all(world, agreement)
        signed = Agreement.objects.get(pk=agreement.pk)
        signed.objectives = "Something else"
        with pytest.raises(ValueError, match="cannot change"):
            signed.save()
        assert Agreement.objects.get(pk=agreement.pk).objectives == "Learn CNC setup"
        # Consent may still be withdrawn on it.
        service.withdraw_consent(signed, user=world.a.learner_user)
