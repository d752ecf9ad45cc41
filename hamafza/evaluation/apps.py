from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "hamafza.evaluation"
    label = "evaluation"
    verbose_name = "ارزیابی عملکرد"

    def ready(self) -> None:
        from hamafza.core.navigation import NavEntry, register
        from hamafza.evaluation import notices
        from hamafza.organizations import permissions

        def takes_part(user: object) -> bool:
            return any(
                permissions.can_anywhere(user, capability)
                for capability in ("evaluation.manage", "evaluation.self_assess", "evaluation.inspect")
            )

        notices.register_kinds()
        register(NavEntry("ارزیابی عملکرد", "evaluation:dashboard", "clipboard-check", takes_part, order=20))
        self._register_work_and_portal()
        register(
            NavEntry(
                "جمع‌بندی ستادی",
                "evaluation:rollup",
                "diagram-2",
                lambda user: permissions.can_anywhere(user, "evaluation.manage"),
                order=30,
            )
        )

    def _register_work_and_portal(self) -> None:
        from hamafza.core.portal import PortalSection, register_section
        from hamafza.core.work import register_work
        from hamafza.evaluation import describers, work

        describers.register()
        from hamafza.core.public_pages import register_source
        from hamafza.evaluation.public_pages import published_pages

        register_source("evaluation.results", published_pages)

        register_work(work.self_assessment_work, order=10)
        register_work(work.inspection_work, order=20)
        register_work(work.office_work, order=30)
        register_work(work.overdue_actions_work, order=40)
        register_work(work.unit_results_work, order=90)
        register_section(
            PortalSection("نتایج ارزیابی عملکرد", "evaluation/portal_results.html", work.portal_results, order=10)
        )
