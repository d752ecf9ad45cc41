"""The fields of work the seeds speak of, so stakeholders and agencies share one vocabulary from day one."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from hamafza.persian import collation_key_str, normalize

SEED_DOMAINS = (
    "آسیب‌های اجتماعی",
    "زنان و خانواده",
    "جوانان",
    "معلولان و توانبخشی",
    "محیط زیست",
    "پسماند",
    "حاشیه‌نشینی",
    "اشتغال",
    "فرهنگ و هنر",
    "سلامت",
    "آموزش",
    "رفاه اجتماعی",
    "مشارکت اجتماعی",
    "کودکان",
    "سالمندان",
    "توسعه متوازن",
)


def seed(apps: Any, schema_editor: Any) -> None:
    tag = apps.get_model("organizations", "DomainTag")
    for raw in SEED_DOMAINS:
        name = normalize(raw)
        if not tag.objects.filter(name=name).exists():
            tag.objects.create(name=name, sort_key=collation_key_str(name, max_length=300))


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("organizations", "__first__"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
