"""Read-side queries over learners, shaped for list pages (constant query counts)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from bridgework.learners.models import Enrolment, Learner


def learner_search(*, query: str = "", qualification_id: str = "", academic_year: str = "") -> QuerySet[Learner]:
    learners = Learner.objects.all()
    if query:
        terms = query.split()
        for term in terms:
            learners = learners.filter(
                Q(given_name__icontains=term)
                | Q(family_name__icontains=term)
                | Q(mis_ref__iexact=term)
                | Q(uln=term)
                | Q(awarding_numbers__number__iexact=term)
            )
    enrolment_filter = Q()
    if qualification_id.isdigit():
        enrolment_filter &= Q(enrolments__qualification_id=int(qualification_id))
    if academic_year:
        enrolment_filter &= Q(enrolments__academic_year=academic_year)
    if enrolment_filter:
        learners = learners.filter(enrolment_filter)
    return (
        learners.distinct()
        .prefetch_related(
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.select_related("qualification").order_by("-academic_year"),
            )
        )
        .order_by("family_name", "given_name", "id")
    )
