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

Deep pages are read by their position, not counted to: the pager's «بعدی» and «قبلی» carry a cursor (``after``
or ``before``: the sort values of the page's last or first row), and the next page is the rows beyond it in the
list's own order, read from where the index says they start (``WHERE (starts_at, id) beyond the cursor ORDER BY
… LIMIT 26``). An ``OFFSET`` instead reads and throws away every row before the page: page 2,000 of 500,000
activities took half a second, page 19,000 two. A plain ``?page=N`` (a link someone kept) still works by
``OFFSET``.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections, models
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property

from hamafza.core.pagination import MAX_PAGE
from hamafza.persian import format_number

COUNT_CAP = 1000


def _rounded(estimate: int) -> int:
    """An estimate shown to three significant digits: «حدود ۴۹۸٬۰۰۰», not a precise-looking ۴۹۷٬۸۶۳."""
    digits = len(str(estimate))
    return round(estimate, -(digits - 3)) if digits > 3 else estimate


class CappedPage(Page):
    def __init__(
        self,
        object_list: Any,
        number: int,
        paginator: CappedPaginator,
        *,
        more: bool,
        next_cursor: str = "",
        previous_cursor: str = "",
    ) -> None:
        super().__init__(object_list, number, paginator)
        self._more = more
        self.next_cursor = next_cursor  # ``after=`` for «بعدی»: the sort values of this page's last row
        self.previous_cursor = previous_cursor  # ``before=`` for «قبلی»: those of its first row

    def has_next(self) -> bool:
        return self._more

    # The number only labels the page (the cursor says where it is), so a link's number is never checked against
    # the count: a hand-edited ``page=`` with a cursor must not turn «بعدی» into an error.
    def next_page_number(self) -> int:
        return min(self.number + 1, MAX_PAGE)

    def previous_page_number(self) -> int:
        return max(self.number - 1, 1)


def _encode(values: list[Any]) -> str:
    plain = [value.isoformat() if isinstance(value, dt.datetime | dt.date) else value for value in values]
    return base64.urlsafe_b64encode(json.dumps(plain, ensure_ascii=False).encode()).decode().rstrip("=")


def _decode(cursor: str, fields: list[models.Field]) -> list[Any] | None:
    """The sort values a cursor carries, typed as their fields; None for anything that is not one of ours."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(fields):
            return None
        return [field.to_python(value) for field, value in zip(fields, raw, strict=True)]
    except (ValueError, TypeError, UnicodeDecodeError, DjangoValidationError):
        return None


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
        more = len(rows) > self.per_page
        return self._page(rows[: self.per_page], number, more=more, earlier=number > 1)

    def page_for(self, params: Any) -> CappedPage:
        """The page a request asks for: by its cursor (``after`` / ``before``) when it has a valid one, else by
        ``page`` as ``get_page`` reads it."""
        order = self._order
        for direction in ("after", "before"):
            values = _decode(params.get(direction, ""), [field for field, _ in order]) if order else None
            if values is not None:
                return self._seek(order, values, backwards=direction == "before", number=params.get("page"))
        return self.get_page(params.get("page"))

    @cached_property
    def _order(self) -> list[tuple[models.Field, bool]] | None:
        """The list's order as (field, descending?) pairs of its own columns, ending in a unique one; None when
        the order is anything else (a relation, an expression), which only OFFSET can page."""
        meta = self.object_list.model._meta
        order: list[tuple[models.Field, bool]] = []
        for name in self.object_list.query.order_by:
            if not isinstance(name, str) or "__" in name:
                return None
            descending = name.startswith("-")
            try:
                field = meta.pk if name.lstrip("-") == "pk" else meta.get_field(name.lstrip("-"))
            except FieldDoesNotExist:
                return None
            if not isinstance(field, models.Field) or field.null:
                return None
            order.append((field, descending))
        # The last column must tell any two rows apart: the primary key, or a unique one (the audit trail's seq).
        return order if order and (order[-1][0].primary_key or order[-1][0].unique) else None

    def _seek(
        self, order: list[tuple[models.Field, bool]], values: list[Any], *, backwards: bool, number: Any
    ) -> CappedPage:
        # Rows strictly beyond the cursor in the list's order (before it, going backwards): the first column's
        # bound stands alone too (``starts_at <= v``), so the index seeks to the cursor instead of filtering.
        beyond = Q()
        for index, (field, descending) in enumerate(order):
            later = descending != backwards  # in this direction, "beyond" means smaller values of the field
            step = Q(**{f"{field.attname}__{'lt' if later else 'gt'}": values[index]})
            for earlier_field, value in zip(order[:index], values[:index], strict=False):
                step &= Q(**{earlier_field[0].attname: value})
            beyond |= step
        first, first_descending = order[0]
        bound = Q(**{f"{first.attname}__{'lte' if first_descending != backwards else 'gte'}": values[0]})
        rows = self.object_list.filter(bound & beyond)
        if backwards:
            rows = rows.reverse()
        rows = list(rows[: self.per_page + 1])
        further = len(rows) > self.per_page
        rows = rows[: self.per_page]
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        if backwards:
            rows.reverse()
            # Going back to the start of the list, the page is the first whatever number the link carried.
            return self._page(rows, number if further else 1, more=True, earlier=further)
        return self._page(rows, max(number, 2), more=further, earlier=True)

    def _page(self, rows: list[Any], number: int, *, more: bool, earlier: bool) -> CappedPage:
        order = self._order
        if self.is_exact:
            number = min(number, max(self.num_pages, 1))
        cursor = (lambda row: _encode([getattr(row, field.attname) for field, _ in order])) if order else None
        return CappedPage(
            rows,
            min(number, MAX_PAGE),
            self,
            more=more,
            next_cursor=cursor(rows[-1]) if cursor and rows and more else "",
            previous_cursor=cursor(rows[0]) if cursor and rows and earlier else "",
        )
