from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hamafza.core"
    label = "core"
    verbose_name = "هسته"

    def ready(self) -> None:
        # Load the Celery app with Django, so ``shared_task`` binds to it (eager without Redis). Not in the
        # package's __init__: importing the pure ``hamafza.persian`` must not drag Django in.
        from django.db.models.signals import post_migrate

        import hamafza.celery  # noqa: F401
        from hamafza.core.localization import persian_permission_names, use_persian_empty_choice
        from hamafza.core.navigation import NavEntry, register

        use_persian_empty_choice()
        # After auth's own create_permissions (auth is listed before core), so the names exist to rewrite.
        post_migrate.connect(persian_permission_names, dispatch_uid="hamafza_persian_permission_names")

        register(NavEntry("کارهای من", "core:home", "list-check", lambda user: user.is_authenticated, order=1))
