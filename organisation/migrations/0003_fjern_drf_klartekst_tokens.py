"""DRF's authtoken app stored API tokens in clear text and is no longer installed
(django-rest-knox keeps only hashes, in organisation_apitoken). Its table is dropped so
no old token stays readable in the database or in its backups from now on."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("organisation", "0002_api_tokens_noedadgang_cvr_rolleaendringer")]

    operations = [
        migrations.RunSQL(
            "DROP TABLE IF EXISTS authtoken_token CASCADE;",
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
