"""PostgreSQL: the search terms' tsvector is stored (a generated column) and indexed, instead of an index over the
expression ``to_tsvector('simple', terms)``.

With the expression index every match was re-parsed twice — when the index's candidates are checked against the
rows and when they are ranked — which over a million comments made a common word cost ~50 ms per thousand
matches. The stored column is computed once, when the row is written. SQLite keeps its FTS5 table.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE voice_searchentry ADD COLUMN IF NOT EXISTS search_tsv tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED"
    )
    schema_editor.execute("CREATE INDEX IF NOT EXISTS voice_searchentry_tsv_gin ON voice_searchentry USING gin (search_tsv)")
    schema_editor.execute("DROP INDEX IF EXISTS voice_searchentry_terms_gin")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS voice_searchentry_terms_gin ON voice_searchentry "
        "USING gin (to_tsvector('simple', terms))"
    )
    schema_editor.execute("DROP INDEX IF EXISTS voice_searchentry_tsv_gin")
    schema_editor.execute("ALTER TABLE voice_searchentry DROP COLUMN IF EXISTS search_tsv")


class Migration(migrations.Migration):
    dependencies = [("voice", "0002_search_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
