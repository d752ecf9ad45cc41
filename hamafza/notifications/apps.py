from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hamafza.notifications"
    label = "notifications"
    verbose_name = "اعلان‌ها"

    def ready(self) -> None:
        from hamafza.notifications.kinds import register_kind

        # A kind for messages the platform itself sends (welcome, announcements by the administrators).
        register_kind("system", "پیام سامانه")
