"""The beat schedules' admin in Danish. django-celery-beat hard-codes a few English texts
that no translation reaches: the "scheduler" column, the task field's "Task Name", and the
cron description ("At 02:15 AM", from cron-descriptor, which has no Danish)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import CrontabScheduleAdmin, PeriodicTaskAdmin
from django_celery_beat.models import CrontabSchedule, PeriodicTask

# The field's label is a plain English string (no gettext), shown as a filter and as a
# column of the schedules' inline lists.
PeriodicTask._meta.get_field("task").verbose_name = _("opgavens navn")


class PlanlagtOpgaveAdmin(PeriodicTaskAdmin):
    list_display = (
        "name",
        "enabled",
        "tidsplan",
        "start_time",
        "last_run_at",
        "one_off",
    )
    list_filter = ["enabled", "one_off", "task", "start_time", "last_run_at"]

    # Without the English cron description (and the script that writes "Translation: …").
    change_form_template = "admin/change_form.html"
    readonly_fields = ("last_run_at",)
    fieldsets = tuple(
        (
            titel,
            {**felter, "fields": tuple(f for f in felter["fields"] if f != "crontab_translation")},
        )
        for titel, felter in PeriodicTaskAdmin.fieldsets
    )

    @admin.display(description=_("Tidsplan"))
    def tidsplan(self, obj):
        return obj.scheduler


class CronTidsplanAdmin(CrontabScheduleAdmin):
    list_display = ("__str__",)
    fields = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone")
    readonly_fields = ()


admin.site.unregister(PeriodicTask)
admin.site.register(PeriodicTask, PlanlagtOpgaveAdmin)
admin.site.unregister(CrontabSchedule)
admin.site.register(CrontabSchedule, CronTidsplanAdmin)
