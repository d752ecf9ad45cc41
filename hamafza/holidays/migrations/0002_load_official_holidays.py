"""Seed the official holidays of 1404 and 1405, so every fresh database counts working days correctly."""

import jdatetime
from django.db import migrations


def load(apps, schema_editor):
    from hamafza.holidays.calendar_data import OFFICIAL_HOLIDAYS

    Holiday = apps.get_model("holidays", "Holiday")
    existing = set(Holiday.objects.values_list("date", flat=True))
    rows = []
    for year, month, day, title in OFFICIAL_HOLIDAYS:
        date = jdatetime.date(year, month, day).togregorian()
        if date not in existing:
            rows.append(Holiday(date=date, title=title, is_official=True))
            existing.add(date)
    Holiday.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("holidays", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
