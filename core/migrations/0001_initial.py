# Takes over forloeb's access-log table without touching its rows.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("forloeb", "0002_adgangslog_flyttet_til_core"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Adgangslog",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "tidspunkt",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="tidspunkt"
                            ),
                        ),
                        (
                            "handling",
                            models.CharField(
                                choices=[
                                    ("vis_borger", "Så borger"),
                                    ("vis_forloeb", "Så forløb"),
                                    ("vis_cpr", "Så fuldt CPR-nummer"),
                                    ("soeg_cpr", "Søgte på CPR-nummer"),
                                    ("eksport", "Eksporterede data"),
                                    ("api_laes", "Læste via API"),
                                    ("indsigt", "Indsigtsudtræk"),
                                ],
                                max_length=16,
                                verbose_name="handling",
                            ),
                        ),
                        ("beskrivelse", models.CharField(blank=True, max_length=200, verbose_name="beskrivelse")),
                        ("ip", models.GenericIPAddressField(blank=True, null=True, verbose_name="IP-adresse")),
                        (
                            "bruger",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="bruger",
                            ),
                        ),
                        (
                            "borger",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="adgangslog",
                                to="forloeb.borger",
                                verbose_name="borger",
                            ),
                        ),
                        (
                            "forloeb",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="adgangslog",
                                to="forloeb.forloeb",
                                verbose_name="forløb",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "adgangslog",
                        "verbose_name_plural": "adgangslog",
                        "ordering": ["-tidspunkt"],
                        "db_table": "forloeb_adgangslog",
                        "indexes": [
                            models.Index(
                                fields=["borger", "-tidspunkt"], name="forloeb_adg_borger__5cf63c_idx"
                            )
                        ],
                    },
                )
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="adgangslog", table=None),
        migrations.RenameIndex(
            model_name="adgangslog",
            new_name="adgangslog_borger_tid",
            old_name="forloeb_adg_borger__5cf63c_idx",
        ),
    ]
