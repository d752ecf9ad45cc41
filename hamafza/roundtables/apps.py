from django.apps import AppConfig


class RoundtablesConfig(AppConfig):
    name = "hamafza.roundtables"
    label = "roundtables"
    verbose_name = "میزهای تخصصی"

    def ready(self) -> None:
        from hamafza.roundtables import registration

        registration.register_all()
