"""Background tasks for employers. They take primary keys only and enter the centre's scope themselves."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from bridgework.core.tenancy import centre_scope


@task()
def notify_owner_of_new_department(centre_id: int, interaction_id: int) -> bool:
    """Tell the relationship owner that someone from another department has started work with their
    employer, so the two can talk before the employer hears from the college twice."""
    from bridgework.employers.models import Interaction

    with centre_scope(centre_id):
        interaction = (
            Interaction.objects.select_related("employer__relationship_owner", "staff", "department")
            .filter(pk=interaction_id)
            .first()
        )
        if interaction is None or interaction.employer.relationship_owner is None:
            return False
        owner = interaction.employer.relationship_owner
        who = interaction.staff.display_name
        department = interaction.department.name if interaction.department else "no department"
        send_mail(
            subject=f"{who} ({department}) has contacted {interaction.employer.display_name}",
            message=(
                f"Hello {owner.first_name or owner.email},\n\n"
                f"{who} from {department} logged a contact with {interaction.employer.display_name}, "
                f"an employer whose relationship you own.\n\n"
                f"Date: {interaction.occurred_on:%-d %B %Y}\nSubject: {interaction.subject}\n"
                f"Next step: {interaction.next_step or 'none recorded'}\n\n"
                "You may want to talk to them so the employer hears one voice from the college.\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[owner.email],
        )
        return True
