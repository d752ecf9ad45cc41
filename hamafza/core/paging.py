"""A page-number paginator for lists that can hold hundreds of thousands of rows.

Django's ``Paginator`` counts the whole list before it reads a page: over 500,000 activities that count (and the
sort behind a ``DISTINCT``) costs more than the page itself. ``CappedPaginator`` instead

* counts at most ``cap + 1`` rows (``SELECT count(*) FROM (… LIMIT 1001)``): up to the cap the count is exact,
  beyond it the page says «بیش از ۱٬۰۰۰»;
* for a list that is a whole table (no WHERE: what a system administrator sees) reads PostgreSQL's own estimate
  of the table's rows from ``pg_class`` in the same query, and says «حدود ۵۰۰٬۰۰۰»;
* reads a page as ``LIMIT per_page + 1 OFFSET …`` on the list's (indexed) order: the one extra row tells whether
  there is a next page, so the navigator never needs the exact total.

One query counts and one reads the page, whatever the list's size.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

from hamafza.core.pagination import MAX_PAGE
from hamafza.persian import format_number

COUNT_CAP = 1000


def _rounded(estimate: int) -> int:
    """An estimate shown to three significant digits: «حدود ۴۹۸٬۰۰۰», not a precise-looking ۴۹۷٬۸۶۳."""
    digits = len(str(estimate))
    return round(estimate, -(digits - 3)) if digits > 3 else estimate


class CappedPage(Page):
    def __init__(self, object_list: Any, number: int, paginator: CappedPaginator, *, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self._more = more

    def has_next(self) -> bool:
        return self._more


class CappedPaginator(Paginator):
    def __init__(self, object_list: QuerySet[Any], per_page: int, *, cap: int = COUNT_CAP) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def _counted(self) -> tuple[int, int | None]:
        """(the count up to cap + 1, the table's estimated rows when the list is the whole table)."""
        queryset = self.object_list
        capped = queryset.order_by().values("pk")[: self.cap + 1]
        connection = connections[queryset.db]
        if connection.vendor != "postgresql" or queryset.query.where:
            return capped.count(), None
        sql, params = capped.query.sql_with_params()
        # reltuples is the row count at the last ANALYZE (-1: never analyzed); scaled by the table's size now, as
        # the planner does, it follows the rows added since.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT count(*) FROM ({sql}) AS capped), "  # noqa: S608 - Django's own compiled query
                "(SELECT CASE WHEN reltuples < 0 THEN NULL WHEN relpages = 0 THEN reltuples "
                "ELSE reltuples / relpages * (pg_relation_size(oid) / current_setting('block_size')::int) END "
                "FROM pg_class WHERE oid = %s::regclass)",
                [*params, queryset.model._meta.db_table],
            )
            count, estimate = cursor.fetchone()
        return count, int(estimate) if estimate is not None else None

    @property
    def is_exact(self) -> bool:
        return self._counted[0] <= self.cap

    @property
    def is_estimate(self) -> bool:
        estimate = self._counted[1]
        return not self.is_exact and estimate is not None and estimate > self.cap

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        count, estimate = self._counted
        if self.is_estimate:
            return _rounded(estimate or 0)
        return count

    @property
    def count_label(self) -> str:
        """The count as a page shows it: «۸۴۲», «حدود ۵۰٬۰۰۰» or «بیش از ۱٬۰۰۰»."""
        if self.is_exact:
            return format_number(self.count)
        if self.is_estimate:
            return f"حدود {format_number(self.count)}"
        return f"بیش از {format_number(self.cap)}"

    @property
    def pages_label(self) -> str:
        if self.is_exact:
            return format_number(self.num_pages)
        if self.is_estimate:
            return f"حدود {format_number(self.num_pages)}"
        return f"بیش از {format_number(self.cap // self.per_page)}"

    def validate_number(self, number: Any) -> int:
        if self.is_exact:
            return super().validate_number(number)
        # Beyond the cap the last page is not known: any page up to MAX_PAGE is valid.
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("شماره صفحه عدد نیست.") from None
        if number < 1:
            raise EmptyPage("شماره صفحه کمتر از ۱ است.")
        return min(number, MAX_PAGE)

    def page(self, number: Any) -> CappedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        # Past the end of a list longer than the cap the page is empty: the table says so, and «قبلی» leads back.
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)
