"""The search index of public pages and published comments, and the ranked search over it.

Both databases are fed by the one analyzer (``hamafza.persian.index_terms`` / ``query_plan``): SQLite's FTS5
table and PostgreSQL's ``simple`` tsvector column (stored, GIN-indexed) hold the same terms, and a query plan becomes an FTS5 MATCH
expression or a tsquery. Prefix search (``prefix=True``) lets the last word be unfinished.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from hamafza.core.db.bulk import update_rows
from hamafza.persian import index_terms, query_plan
from hamafza.persian.analyzer import QueryPlan, hit_spans
from hamafza.voice.models import Comment, CommentStatus, PublicPage, SearchEntry

FTS_TABLE = "voice_search_fts"
SNIPPET_RADIUS = 90


def _sync_fts(entry_id: int, terms: str | None) -> None:
    if connection.vendor != "sqlite":
        return  # PostgreSQL's index is an expression index over the column: nothing to keep in step
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry_id])  # noqa: S608 - constant name
        if terms is not None:
            cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (%s, %s)", [entry_id, terms])  # noqa: S608


def _terms(title: str, body: str) -> str:
    return " ".join(index_terms(f"{title}\n{body}"))


def _sync_fts_many(rows: Sequence[tuple[int, str | None]]) -> None:
    """``_sync_fts`` for many entries: two statements, whatever their number."""
    if connection.vendor != "sqlite" or not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [[entry_id] for entry_id, _ in rows])  # noqa: S608
        kept = [[entry_id, terms] for entry_id, terms in rows if terms is not None]
        if kept:
            cursor.executemany(f"INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (%s, %s)", kept)  # noqa: S608


def index_pages(pages: Sequence[PublicPage]) -> None:
    """Index pages (title and text) for search: one read, one bulk insert and one bulk update, however many."""
    if not pages:
        return
    fields = ["title", "body", "terms", "published_at"]
    existing = {
        row[0]: row[1:]
        for row in SearchEntry.objects.filter(page__in=[page.pk for page in pages], comment__isnull=True).values_list(
            "page_id", "pk", *fields
        )
    }
    fresh: list[SearchEntry] = []
    changed: list[SearchEntry] = []
    for page in pages:
        held = existing.get(page.pk)
        # The analyzer is the costly part: a page whose title and text are as indexed keeps its terms.
        if held is not None and (held[1], held[2]) == (page.title, page.text):
            if held[4] == page.published_at:
                continue
            terms = held[3]
        else:
            terms = _terms(page.title, page.text)
        entry = SearchEntry(
            pk=held[0] if held else None,
            page=page,
            comment=None,
            title=page.title,
            body=page.text,
            terms=terms,
            published_at=page.published_at,
        )
        # Only what differs is written, in one statement (see voice.services.pages.public_pages_ensure).
        (changed if held else fresh).append(entry)
    SearchEntry.objects.bulk_create(fresh)
    update_rows(SearchEntry, changed, fields)
    _sync_fts_many([(entry.pk, entry.terms) for entry in fresh + changed])


def unindex_pages(pages: Sequence[PublicPage]) -> None:
    """Take pages, and the comments on them, out of search."""
    if not pages:
        return
    entries = SearchEntry.objects.filter(page__in=[page.pk for page in pages])
    _sync_fts_many([(entry_id, None) for entry_id in entries.values_list("pk", flat=True)])
    entries.delete()


def index_comment(comment: Comment) -> None:
    if comment.status != CommentStatus.PUBLISHED or not comment.page.is_public:
        unindex_comment(comment)
        return
    entry, _ = SearchEntry.objects.update_or_create(
        comment=comment,
        defaults={
            "page": comment.page,
            "title": comment.page.title,
            "body": comment.text,
            "terms": _terms("", comment.text),
            "published_at": comment.created_at,
        },
    )
    _sync_fts(entry.pk, entry.terms)


def unindex_comment(comment: Comment) -> None:
    entry_id = SearchEntry.objects.filter(comment=comment).values_list("pk", flat=True).first()
    if entry_id is not None:
        _sync_fts(entry_id, None)
        SearchEntry.objects.filter(pk=entry_id).delete()


REBUILD_CHUNK = 500


def rebuild(*, progress: Callable[[int, int], None] | None = None, chunk: int = REBUILD_CHUNK) -> int:
    """Index every public page and published comment again (after a restore, or a change of analyzer).

    Set-based: the old index goes in two DELETEs; rows are read ``chunk`` at a time as plain values, analyzed
    (the analyzer is Python) and written with one ``bulk_create`` per chunk; SQLite's FTS5 table is then
    filled from them in one ``INSERT … SELECT``. ``progress(done, total)`` follows each chunk. One transaction:
    searches running meanwhile see the old index until the new one is complete.
    """
    pages = PublicPage.objects.filter(is_public=True)
    comments = Comment.objects.filter(status=CommentStatus.PUBLISHED, page__is_public=True)
    with transaction.atomic():
        total = pages.count() + comments.count()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        SearchEntry.objects.all().delete()
        done = 0
        batch: list[SearchEntry] = []

        def flush() -> None:
            nonlocal done, batch
            SearchEntry.objects.bulk_create(batch)
            done += len(batch)
            batch = []
            if progress is not None:
                progress(done, total)

        rows = pages.order_by("pk").values_list("pk", "title", "text", "published_at")
        for pk, title, text, published_at in rows.iterator(chunk_size=chunk):
            batch.append(
                SearchEntry(page_id=pk, title=title, body=text, terms=_terms(title, text), published_at=published_at)
            )
            if len(batch) >= chunk:
                flush()
        rows = comments.order_by("pk").values_list("pk", "page_id", "page__title", "text", "created_at")
        for pk, page_id, title, text, created_at in rows.iterator(chunk_size=chunk):
            batch.append(
                SearchEntry(
                    page_id=page_id,
                    comment_id=pk,
                    title=title,
                    body=text,
                    terms=_terms("", text),
                    published_at=created_at,
                )
            )
            if len(batch) >= chunk:
                flush()
        if batch or not done:
            flush()
        if connection.vendor == "sqlite":
            table = SearchEntry._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, terms) SELECT id, terms FROM {table}")  # noqa: S608
    return done


# ---- queries -------------------------------------------------------------------------------------------------


def fts5_expression(plan: QueryPlan) -> str:
    def term(value: str) -> str:
        return f'"{value[:-1]}"*' if value.endswith("*") else f'"{value}"'

    return " OR ".join(
        "(" + " AND ".join("(" + " OR ".join(term(value) for value in slot) + ")" for slot in alternative) + ")"
        for alternative in plan.alternatives
    )


def tsquery_expression(plan: QueryPlan) -> str:
    def term(value: str) -> str:
        return f"{value[:-1]}:*" if value.endswith("*") else value

    return " | ".join(
        "(" + " & ".join("(" + " | ".join(term(value) for value in slot) + ")" for slot in alternative) + ")"
        for alternative in plan.alternatives
    )


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    snippet: list[tuple[str, bool]]  # pieces of text, and whether each is a found word (shown highlighted)


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int  # capped at COUNT_CAP + 1: "more than COUNT_CAP"

    @property
    def is_capped(self) -> bool:
        return self.total > COUNT_CAP


# Counting stops here: "more than 1,000 results" is all a person needs, and counting 300,000 matches of a common
# word over a million comments would cost more than the search itself.
COUNT_CAP = 1000
# PostgreSQL ranks (ts_rank) only the newest this many matches: ranking every match of a common word reads and
# scores each of them, while the newest thousand are found early (see _ranked_ids).
RANK_WINDOW = 1000


# The newest entries a query is first looked for in (see _ranked_ids): enough for a word found in one of twenty.
RECENT_WINDOW = 20 * COUNT_CAP


def _capped_window(hits: str, params: list[object], expression: str, limit: int, offset: int) -> tuple[list[int], int]:
    """One query: how many of ``hits`` (at most COUNT_CAP + 1, newest first) there are, and the page of the newest
    RANK_WINDOW of them ranked by ts_rank."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH hits AS MATERIALIZED ({hits}) "  # noqa: S608 - hits is one of the two constant queries above
            "SELECT (SELECT count(*) FROM hits), ARRAY("
            "SELECT id FROM (SELECT id, search_tsv FROM hits ORDER BY id DESC LIMIT %s) AS newest "
            "ORDER BY ts_rank(search_tsv, to_tsquery('simple', %s)) DESC, id DESC LIMIT %s OFFSET %s)",
            [*params, RANK_WINDOW, expression, limit, offset],
        )
        total, ids = cursor.fetchone()
    return list(ids), total


def _ranked_ids(plan: QueryPlan, limit: int, offset: int) -> tuple[list[int], int]:
    if connection.vendor == "sqlite":
        expression = fts5_expression(plan)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s)",  # noqa: S608
                [expression, COUNT_CAP + 1],
            )
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                f"ORDER BY bm25({FTS_TABLE}), rowid DESC LIMIT %s OFFSET %s",
                [expression, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()], total
    if connection.vendor == "postgresql":
        expression = tsquery_expression(plan)
        table = SearchEntry._meta.db_table
        # search_tsv: the stored to_tsvector('simple', terms), GIN-indexed (migration 0003).
        matches = "search_tsv @@ to_tsquery('simple', %s)"
        # First the newest RECENT_WINDOW entries, read backwards down the primary key and checked one by one: a
        # common query (a word in one comment of twenty, as every query people type about waste or NGOs) finds
        # its 1,001 newest matches there and stops, whatever the table's size. Only a rarer query goes on to the
        # GIN index over the whole table, where its posting lists are short. Left to itself, the planner
        # estimates a query of several words as rare (it multiplies the words' frequencies) and intersects
        # their long posting lists through the GIN index, reading every match to sort them: seconds over a
        # million comments.
        recent = (
            f"SELECT id, search_tsv FROM (SELECT id, search_tsv FROM {table} ORDER BY id DESC LIMIT %s) AS recent "  # noqa: S608
            f"WHERE {matches} ORDER BY id DESC LIMIT %s"
        )
        found = _capped_window(recent, [RECENT_WINDOW, expression, COUNT_CAP + 1], expression, limit, offset)
        if found[1] > COUNT_CAP:
            return found
        # The whole table through the GIN index: the matches are materialized first (never read down the primary
        # key, which a rare query would walk to its end), then the newest are kept.
        everywhere = (
            f"SELECT id, search_tsv FROM (SELECT id, search_tsv FROM {table} WHERE {matches} "  # noqa: S608
            "OFFSET 0) AS matched ORDER BY id DESC LIMIT %s"
        )
        return _capped_window(everywhere, [expression, COUNT_CAP + 1], expression, limit, offset)
    # Any other database: the same matching in Python (slow, but the same answers).
    matching = [entry.pk for entry in SearchEntry.objects.order_by("-pk") if plan.matches(entry.terms.split())]
    return matching[offset : offset + limit], len(matching)


def snippet(text: str, plan: QueryPlan, radius: int = SNIPPET_RADIUS) -> list[tuple[str, bool]]:
    normal, spans = hit_spans(text, plan)
    if not spans:
        short = normal[: radius * 2]
        return [(short + ("…" if len(normal) > len(short) else ""), False)]
    start = max(0, spans[0][0] - radius)
    end = min(len(normal), spans[0][1] + radius)
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    cursor = start
    for span_start, span_end in spans:
        if span_start >= end:
            break
        if span_start > cursor:
            pieces.append((normal[cursor:span_start], False))
        pieces.append((normal[max(span_start, cursor) : min(span_end, end)], True))
        cursor = min(span_end, end)
    if cursor < end:
        pieces.append((normal[cursor:end], False))
    if end < len(normal):
        pieces.append(("…", False))
    return pieces


def search(query: str, *, page: int = 1, per_page: int = 10, prefix: bool = True) -> Results:
    plan = query_plan(query, prefix=prefix)
    if plan.is_empty:
        return Results([], 0)
    ids, total = _ranked_ids(plan, per_page, (page - 1) * per_page)
    entries = SearchEntry.objects.select_related("page", "comment").in_bulk(ids)
    hits = [Hit(entries[pk], snippet(entries[pk].body, plan)) for pk in ids if pk in entries]
    return Results(hits, total)
