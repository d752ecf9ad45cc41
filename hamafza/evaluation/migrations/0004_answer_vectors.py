"""Each unit's answers packed in one row (``AnswerVector``), kept by a statement trigger on PostgreSQL.

A national re-score aggregated 465,000 answers into fixed records on every run (195 ms of its ~370). The trigger
rebuilds the packed row of every unit a statement touched — one answer saved, 465,000 copied in, answers deleted
with their unit — so the re-score reads 3,100 rows. Transition tables make it one rebuild a statement, not a row.
The record is the one ``hamafza.evaluation.services.scoring`` reads: unit id (int8), item id × 4 + inspection? × 2
+ not applicable? (int8), value or NaN (float8). SQLite has no such trigger; its re-score reads the answers.
"""

import django.db.models.deletion
from django.db import migrations, models

_RECORD = (
    "int8send(a.round_unit_id) || int8send(a.item_id * 4 + (a.source = 'inspection')::int * 2 "
    "+ a.is_not_applicable::int) || float8send(COALESCE(a.value_number, 'NaN'::float8))"
)
_REBUILD = f"""
CREATE OR REPLACE FUNCTION evaluation_answer_vectors_rebuild(units bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM evaluation_answervector v
    WHERE v.round_unit_id = ANY(units)
      AND NOT EXISTS (SELECT 1 FROM evaluation_answer a WHERE a.round_unit_id = v.round_unit_id);
    INSERT INTO evaluation_answervector (round_unit_id, data)
    SELECT a.round_unit_id, string_agg({_RECORD}, ''::bytea ORDER BY a.id)
    FROM evaluation_answer a WHERE a.round_unit_id = ANY(units)
    GROUP BY a.round_unit_id
    ON CONFLICT (round_unit_id) DO UPDATE SET data = EXCLUDED.data;
$$
"""
_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION evaluation_answer_vectors() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM evaluation_answer_vectors_rebuild(ARRAY(SELECT DISTINCT round_unit_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM evaluation_answer_vectors_rebuild(ARRAY(
            SELECT round_unit_id FROM new_rows UNION SELECT round_unit_id FROM old_rows));
    ELSE
        PERFORM evaluation_answer_vectors_rebuild(ARRAY(SELECT DISTINCT round_unit_id FROM old_rows));
    END IF;
    RETURN NULL;
END
$$
"""
_TRIGGERS = (
    "CREATE TRIGGER evaluation_answer_vectors_insert AFTER INSERT ON evaluation_answer "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_answer_vectors()",
    "CREATE TRIGGER evaluation_answer_vectors_update AFTER UPDATE ON evaluation_answer "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION evaluation_answer_vectors()",
    "CREATE TRIGGER evaluation_answer_vectors_delete AFTER DELETE ON evaluation_answer "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_answer_vectors()",
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Random floats do not compress: stored out of line as they are, without a try at compressing each.
    schema_editor.execute("ALTER TABLE evaluation_answervector ALTER COLUMN data SET STORAGE EXTERNAL")
    schema_editor.execute(_REBUILD)
    schema_editor.execute(_TRIGGER_FUNCTION)
    for statement in _TRIGGERS:
        schema_editor.execute(statement)
    # The answers already there.
    schema_editor.execute(
        "SELECT evaluation_answer_vectors_rebuild(ARRAY(SELECT DISTINCT round_unit_id FROM evaluation_answer))"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS evaluation_answer_vectors_{name} ON evaluation_answer")
    schema_editor.execute("DROP FUNCTION IF EXISTS evaluation_answer_vectors()")
    schema_editor.execute("DROP FUNCTION IF EXISTS evaluation_answer_vectors_rebuild(bigint[])")


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0003_roundunit_submitted_index")]

    operations = [
        migrations.CreateModel(
            name="AnswerVector",
            fields=[
                (
                    "round_unit",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="evaluation.roundunit",
                    ),
                ),
                ("data", models.BinaryField()),
            ],
            options={"verbose_name": "بردار پاسخ‌ها", "verbose_name_plural": "بردارهای پاسخ‌ها"},
        ),
        migrations.RunPython(forwards, backwards),
    ]
