from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "hamafza.programs"
    label = "programs"
    verbose_name = "برنامه‌ها و نقاط عطف"

    def ready(self) -> None:
        from hamafza.core.navigation import NavEntry, register
        from hamafza.organizations import permissions

        register(
            NavEntry(
                "برنامه‌ها",
                "programs:list",
                "kanban",
                lambda user: permissions.can_anywhere(user, "organization.view"),
                order=40,
            )
        )
        register(NavEntry("برنامه‌های منتشرشده", "programs:public", "globe2", lambda user: True, order=90))

        from hamafza.core.portal import PortalSection, register_section
        from hamafza.core.work import register_work
        from hamafza.programs import work

        register_work(work.overdue_milestones_work, order=60)
        register_section(
            PortalSection("برنامه‌های منتشرشده", "programs/portal_programs.html", work.portal_programs, order=30)
        )
