from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "hamafza.organizations"
    label = "organizations"
    verbose_name = "سازمان‌ها و نقش‌ها"

    def ready(self) -> None:
        from hamafza.core.navigation import NavEntry, register
        from hamafza.organizations import permissions

        register(
            NavEntry(
                "سازمان‌ها",
                "organizations:list",
                "building",
                lambda user: permissions.can_anywhere(user, "organization.view"),
                order=10,
            )
        )
        register(
            NavEntry(
                "رویدادهای ممیزی",
                "audit:list",
                "journal-check",
                lambda user: permissions.can_anywhere(user, "audit.view"),
                order=90,
            )
        )
        register(
            NavEntry(
                "قفل‌های ورود",
                "lockouts:list",
                "shield-lock",
                lambda user: permissions.can_anywhere(user, "roles.manage"),
                order=91,
            )
        )
        from hamafza.core.work import register_work
        from hamafza.organizations import describers, work

        describers.register()

        register_work(work.people_work, order=60)
        register(NavEntry("حساب من", "accounts:profile", "person-gear", lambda user: user.is_authenticated, order=95))
        register(NavEntry("پیشخوان مدیریت", "admin:index", "gear", lambda user: user.is_staff, order=99))
