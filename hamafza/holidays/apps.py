from django.apps import AppConfig


class HolidaysConfig(AppConfig):
    name = "hamafza.holidays"
    label = "holidays"
    verbose_name = "تعطیلات رسمی"
