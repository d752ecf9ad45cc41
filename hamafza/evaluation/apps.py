from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "hamafza.evaluation"
    label = "evaluation"
    verbose_name = "ارزیابی عملکرد"
