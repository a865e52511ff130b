"""What the administrator watches: mail that could not be delivered and outbox work that
is stuck. Both are read-only; the one action is "try again".

And the beat schedules' admin in Danish: django-celery-beat hard-codes a few English texts
that no translation reaches (the "scheduler" column, the task field's "Task Name", and the
cron description "At 02:15 AM" from cron-descriptor, which has no Danish)."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_celery_beat.admin import CrontabScheduleAdmin, PeriodicTaskAdmin
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from . import mail, outbox
from .models import Mail, MailStatus, OutboxMessage


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Mail)
class MailAdmin(ReadOnlyAdmin):
    # The text is left out: it names flags on people's courses, which is case content.
    list_display = ["created", "subject", "to_address", "status", "attempts", "last_error"]
    list_filter = ["status"]
    search_fields = ["to_address", "subject"]
    fields = [
        "subject",
        "recipient",
        "to_address",
        "status",
        "attempts",
        "created",
        "last_attempt_at",
        "sent_at",
        "last_error",
    ]
    readonly_fields = fields
    actions = ["send_igen"]

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("recipient")
        if request.user.is_superuser:
            return qs
        return qs.filter(recipient__organisation_id=request.user.organisation_id)

    @admin.action(description=_("Send igen (til modtagerens nuværende adresse)"))
    def send_igen(self, request, queryset):
        sendt = sum(mail.send_again(m) for m in queryset.filter(status=MailStatus.FAILED))
        self.message_user(
            request,
            ngettext("%(n)s e-mail sendes igen.", "%(n)s e-mails sendes igen.", sendt)
            % {"n": sendt},
            messages.SUCCESS if sendt else messages.WARNING,
        )


class OutboxStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("venter", _("Venter")),
            ("opgivet", _("Opgivet")),
            ("udfoert", _("Udført")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "venter":
            return queryset.pending().filter(attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
        if self.value() == "opgivet":
            return queryset.given_up()
        if self.value() == "udfoert":
            return queryset.filter(processed_at__isnull=False)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "task_name",
        "created",
        "dispatched_at",
        "processed_at",
        "attempts",
        "last_error",
    ]
    list_filter = [OutboxStatusFilter, "task_name"]
    fields = [
        "task_name",
        "kwargs",
        "created",
        "available_at",
        "dispatched_at",
        "processed_at",
        "attempts",
        "last_error",
    ]
    readonly_fields = fields
    actions = ["proev_igen"]

    def has_view_permission(self, request, obj=None):
        # Arguments are ids of any organisation's rows: only for the superuser on duty.
        return request.user.is_superuser

    @admin.action(description=_("Prøv igen nu"))
    def proev_igen(self, request, queryset):
        antal = 0
        for message in queryset.filter(processed_at__isnull=True):
            outbox.retry_now(message)
            antal += 1
        self.message_user(request, _("%(n)s opgave(r) sendt til køen igen.") % {"n": antal})


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
