"""Organization search (``organizations.selectors.organization_list``: ``name_key LIKE '%…%'``) served by a trigram
index on PostgreSQL; 200k organizations searched in milliseconds instead of a sequential scan."""

from django.db import migrations

from hamafza.core.db.trigram import trigram_index


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [trigram_index("organizations_organization", "name_key")]
