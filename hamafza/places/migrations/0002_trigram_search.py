"""The place picker's search (``places.selectors``: ``name_key LIKE '%…%'`` over 98k villages and the other
divisions) served by trigram indexes on PostgreSQL."""

from django.db import migrations

from hamafza.core.db.trigram import trigram_index

TABLES = ("province", "county", "district", "city", "ruraldistrict", "village")


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [trigram_index(f"places_{table}", "name_key") for table in TABLES]
