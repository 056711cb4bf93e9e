"""Background jobs for moderation. Tasks receive primary keys only and enter the centre scope themselves."""

from __future__ import annotations

from django_tasks import task

from bridgework.core.tenancy import centre_scope


@task()
def build_pack_task(pack_id: int, centre_id: int) -> None:
    from bridgework.moderation.services.pack import build_pack

    with centre_scope(centre_id):
        build_pack(pack_id)
