from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hamafza.core"
    label = "core"
    verbose_name = "هسته"

    def ready(self) -> None:
        # Load the Celery app with Django, so ``shared_task`` binds to it (eager without Redis). Not in the
        # package's __init__: importing the pure ``hamafza.persian`` must not drag Django in.
        import hamafza.celery  # noqa: F401
