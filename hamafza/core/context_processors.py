from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hamafza.core.navigation import navigation_for


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "platform_name": "هم‌افزا",
        "today": timezone.localdate(),
        "nav_items": navigation_for(request.user) if hasattr(request, "user") else [],
    }
