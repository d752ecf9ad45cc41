"""The full-text indexes of voice's search, one per database, over ``SearchEntry.terms``.

SQLite: an FTS5 table whose rowid is the entry's id, kept in step by ``services.search``. PostgreSQL: a GIN
index over ``to_tsvector('simple', terms)`` — the ``simple`` configuration, because the terms are already
stemmed and folded by our own Persian analyzer. Other databases get neither and search in Python.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS voice_search_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS voice_searchentry_terms_gin ON voice_searchentry "
            "USING gin (to_tsvector('simple', terms))"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS voice_search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS voice_searchentry_terms_gin")


class Migration(migrations.Migration):
    dependencies = [("voice", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
