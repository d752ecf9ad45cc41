from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "hamafza.engagement"
    label = "engagement"
    verbose_name = "تعامل با ذی‌نفعان"

    def ready(self) -> None:
        from hamafza.core.navigation import NavEntry, register
        from hamafza.engagement import permissions

        register(
            NavEntry("ذی‌نفعان و سمن‌ها", "engagement:stakeholder_list", "people", permissions.uses_registry, order=40)
        )
        register(NavEntry("ذی‌نفعان همسو", "engagement:agency_pick", "bullseye", permissions.engages_anywhere, order=41))
        register(
            NavEntry(
                "درخواست‌های تعامل", "engagement:request_list", "chat-left-text", permissions.uses_requests, order=42
            )
        )

        from hamafza.notifications.kinds import register_kind

        register_kind("engagement.request.received", "درخواست تعامل تازه")
        register_kind("engagement.request.answered", "پاسخ درخواست تعامل")
        register_kind("engagement.request.overdue", "درخواست تعامل گذشته از مهلت")
        register_kind("engagement.action.assigned", "مصوبه تازه جلسه")
        register_kind("engagement.booking.decided", "تصمیم درباره رزرو سالن")
        register(
            NavEntry("برنامه‌های مشترک", "engagement:joint_programs", "diagram-3", permissions.uses_registry, order=45)
        )
        register(NavEntry("سالن‌ها", "engagement:room_list", "door-open", permissions.uses_registry, order=44))
        register(
            NavEntry(
                "نشست‌ها و فعالیت‌ها", "engagement:activity_list", "calendar-event", permissions.uses_registry, order=43
            )
        )

        register(
            NavEntry(
                "تعامل دستگاه‌ها",
                "engagement:governor_dashboard",
                "bar-chart",
                lambda user: permissions.org_permissions.has_role(user, "governor"),
                order=46,
            )
        )

        from hamafza.core.work import register_notes, register_work
        from hamafza.engagement import work

        register_work(work.action_items_work, order=60)
        register_work(work.requests_work, order=61)
        register_notes(work.representative_note, order=11)
