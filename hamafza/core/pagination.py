"""The one page-number pagination every API list uses (``@paginate(PageNumberPagination, ...)``).

Ninja's own accepts any ``page``: ``?page=99999999999999999999`` becomes an OFFSET beyond 64 bits, which
SQLite and PostgreSQL refuse with an error (a 500). Here the page number has an upper bound, declared in the
OpenAPI document, so a larger one is a 422 like any other invalid parameter, and every page within the bound is
a valid (perhaps empty) page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, overload

from django.db.models import QuerySet
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


class Rows(Sequence[Any]):
    """A list endpoint's rows, converted only for the page that ``@paginate`` slices out.

    ``return [out(x) for x in queryset]`` built every row of the list on every request (3,000 news items,
    6,101 public pages at national scale) and then kept one page of them; ``return Rows(queryset, out)`` reads
    the page (``LIMIT``/``OFFSET``) and counts with ``COUNT(*)``.
    """

    def __init__(
        self,
        rows: QuerySet[Any],
        convert: Callable[[Any], Any],
        *,
        prepare: Callable[[list[Any]], Any] | None = None,
    ) -> None:
        self.rows = rows
        self.convert = convert
        self.prepare = prepare  # runs once on the page's rows before they are converted

    def all(self) -> Rows:  # ninja counts with ``queryset.all().count()``
        return self

    def count(self, value: Any = None) -> int:  # Sequence.count takes a value; ninja passes none
        return self.rows.count()

    def __len__(self) -> int:
        return self.rows.count()

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            page = list(self.rows[index])
            if self.prepare is not None:
                self.prepare(page)
            return [self.convert(row) for row in page]
        return self[index : index + 1][0]
