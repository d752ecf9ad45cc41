"""Celery for background work at scale. Without ``REDIS_URL`` tasks run eagerly, inside the request."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")

app = Celery("hamafza")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
