# The retention task moved from the forloeb app to privacy: point stored schedules at it.
from django.db import migrations


def frem(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task="forloeb.opbevaring").update(task="privacy.opbevaring")


def tilbage(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task="privacy.opbevaring").update(task="forloeb.opbevaring")


class Migration(migrations.Migration):
    dependencies = [("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [migrations.RunPython(frem, tilbage)]
