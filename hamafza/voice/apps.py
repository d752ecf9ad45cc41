from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "hamafza.voice"
    label = "voice"
    verbose_name = "صدای مردم"

    def ready(self) -> None:
        from hamafza.voice import registration

        registration.register_all()
