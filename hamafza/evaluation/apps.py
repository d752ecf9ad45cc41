from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "hamafza.evaluation"
    label = "evaluation"
    verbose_name = "ارزیابی عملکرد"

    def ready(self) -> None:
        from hamafza.core.navigation import NavEntry, register
        from hamafza.organizations import permissions

        def takes_part(user: object) -> bool:
            return any(
                permissions.can_anywhere(user, capability)
                for capability in ("evaluation.manage", "evaluation.self_assess", "evaluation.inspect")
            )

        register(NavEntry("ارزیابی عملکرد", "evaluation:dashboard", "clipboard-check", takes_part, order=20))
        register(
            NavEntry(
                "جمع‌بندی ستادی",
                "evaluation:rollup",
                "diagram-2",
                lambda user: permissions.can_anywhere(user, "evaluation.manage"),
                order=30,
            )
        )
