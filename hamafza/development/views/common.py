"""What the development pages share: the governorates' kinds, a page of a list, the query without its page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest

from hamafza.organizations.models import OrganizationKind

GOVERNORATES = (OrganizationKind.GOVERNORATE, OrganizationKind.COUNTY_GOVERNORATE)


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, settings.HAMAFZA_PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
