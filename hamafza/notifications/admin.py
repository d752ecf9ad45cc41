from django.contrib import admin

from hamafza.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "kind", "created_at", "read_at")
    list_filter = ("kind",)
    search_fields = ("title", "recipient__username")
    raw_id_fields = ("recipient", "actor")
    readonly_fields = ("created_at", "emailed_at", "texted_at")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "channel", "is_enabled", "updated_at")
    list_filter = ("channel", "is_enabled")
    raw_id_fields = ("user",)
