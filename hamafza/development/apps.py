from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "hamafza.development"
    label = "development"
    verbose_name = "توسعه متوازن و ظرفیت‌ها"

    def ready(self) -> None:
        from hamafza.development import registration

        registration.register_all()
