# The access log moved to the `core` app; the table is kept (core renames it).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("forloeb", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Adgangslog")],
            database_operations=[],
        )
    ]
