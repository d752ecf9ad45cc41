"""Indexes for the lists at national scale: each names the query it serves in the models' Meta.

The stakeholder search (``selectors.stakeholder_search_q``: ``text_key LIKE '%…%'`` for each word, or
``compact_key LIKE '%…%'`` for the whole name) is served by trigram indexes on PostgreSQL.
"""

from django.conf import settings
from django.db import migrations, models

from hamafza.core.db.trigram import trigram_index


class Migration(migrations.Migration):

    dependencies = [
        ('engagement', '0005_activity_attachments'),
        ('organizations', '0002_trigram_search'),
        ('places', '0002_trigram_search'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='activity',
            name='engagement_activity_when_idx',
        ),
        migrations.AlterField(
            model_name='stakeholder',
            name='sort_key',
            field=models.CharField(editable=False, max_length=600),
        ),
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(fields=['-starts_at', 'id'], name='engagement_activity_recent'),
        ),
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(fields=['organization', '-starts_at', 'id'], name='engagement_activity_org_idx'),
        ),
        migrations.AddIndex(
            model_name='stakeholder',
            index=models.Index(fields=['sort_key', 'id'], name='engagement_stakeholder_sort'),
        ),
        trigram_index('engagement_stakeholder', 'text_key'),
        trigram_index('engagement_stakeholder', 'compact_key'),
    ]
