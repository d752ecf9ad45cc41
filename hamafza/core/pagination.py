"""The one page-number pagination every API list uses (``@paginate(PageNumberPagination, ...)``).

Ninja's own accepts any ``page``: ``?page=99999999999999999999`` becomes an OFFSET beyond 64 bits, which
SQLite and PostgreSQL refuse with an error (a 500). Here the page number has an upper bound, declared in the
OpenAPI document, so a larger one is a 422 like any other invalid parameter, and every page within the bound is
a valid (perhaps empty) page.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

# A million pages of the largest page size is still far inside a 64-bit OFFSET, and far beyond any real list.
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE_PARAMETER = 1000


class PageNumberPagination(NinjaPageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="شماره صفحه، از ۱")
        # Larger sizes than the endpoint's own maximum are cut to it; this bound only keeps the number sane.
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE_PARAMETER, description="اندازه صفحه")
