from types import SimpleNamespace

from django.db import migrations


def load(apps, schema_editor):
    from bridgework.catalogue.services.loader import load_catalogue

    models = SimpleNamespace(
        **{name: apps.get_model("catalogue", name) for name in ("AwardingOrganisation", "Sector", "Qualification", "Unit")}
    )
    load_catalogue(models)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
