"""One row per searchable thing (a public page, a published comment), filled by the one Persian analyzer.

``terms`` holds ``index_terms`` joined by spaces. SQLite indexes it in an FTS5 table (``voice_search_fts``,
rowid = this row's id); PostgreSQL in a stored, GIN-indexed column ``search_tsv`` = ``to_tsvector('simple', terms)``. Both are
created by migrations 0002 and 0003 for their database only.
"""

from __future__ import annotations

from django.db import models

from hamafza.voice.models.comments import Comment
from hamafza.voice.models.pages import PublicPage


class SearchEntry(models.Model):
    page = models.ForeignKey(PublicPage, on_delete=models.CASCADE, related_name="+")
    comment = models.OneToOneField(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    body = models.TextField()
    terms = models.TextField()
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "نمایه جستجو"
        verbose_name_plural = "نمایه جستجو"
        constraints = [
            models.UniqueConstraint(
                fields=["page"], name="searchentry_one_per_page", condition=models.Q(comment__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return self.title
