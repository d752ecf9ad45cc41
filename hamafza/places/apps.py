from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "hamafza.places"
    label = "places"
    verbose_name = "تقسیمات کشوری"
