from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "hamafza.demo"
    label = "demo"
    verbose_name = "داده‌های نمایشی"
