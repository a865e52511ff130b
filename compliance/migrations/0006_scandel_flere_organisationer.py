# A part of the nightly scan is a set of organisations (a few balanced parts instead of
# one per organisation); existing parts keep their one organisation.

import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('compliance', '0005_begraensninger_paa_dansk'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='scandel',
            name='scandel_en_pr_organisation',
        ),
        migrations.AddField(
            model_name='scandel',
            name='nummer',
            field=models.PositiveIntegerField(default=0, verbose_name='nummer'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='scandel',
            name='organisationer',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.BigIntegerField(), default=list, size=None, verbose_name='organisationer'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='scandel',
            name='aktive',
            field=models.PositiveIntegerField(default=0, verbose_name='aktive forløb ved planlægningen'),
        ),
        migrations.RunSQL(
            """UPDATE compliance_scandel d SET nummer = x.nr, organisationer = ARRAY[d.organisation_id]
               FROM (SELECT id, row_number() OVER (PARTITION BY koersel_id ORDER BY id) AS nr
                     FROM compliance_scandel) x
               WHERE x.id = d.id""",
            migrations.RunSQL.noop,
        ),
        migrations.RemoveField(
            model_name='scandel',
            name='organisation',
        ),
        migrations.AlterField(
            model_name='scankoersel',
            name='dele',
            field=models.PositiveIntegerField(verbose_name='dele'),
        ),
        migrations.AddConstraint(
            model_name='scandel',
            constraint=models.UniqueConstraint(fields=('koersel', 'nummer'), name='scandel_en_pr_nummer', violation_error_message='Kørslen har allerede en del med dette nummer.'),
        ),
    ]
