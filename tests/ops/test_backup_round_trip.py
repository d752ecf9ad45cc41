"""``hamafza backup`` on one installation, ``hamafza restore`` on a fresh one: every row and every file comes back.

Runs on the database the suite runs on: SQLite by default, PostgreSQL (``pg_dump``/``pg_restore``) when
``DATABASE_URL`` is set — ``make test`` runs both. Both installations of a test start as copies of the ``migrated``
template (tests/template_db.py: an empty database after ``hamafza migrate``, built once), not migrated each
(30 s a time here): the target of a restore is a freshly migrated empty database, as an operator's would be.
"""

from __future__ import annotations

import json
import shutil
import tarfile
from pathlib import Path

import pytest

from tests.ops.installation import checked, installation, strip_restore_entry

pytestmark = pytest.mark.timeout(600)

FILL = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from hamafza.accounts.services import user_create
from hamafza.organizations.services import organization_create, role_grant

office = organization_create(by=None, code="tehran", name="شهرداری تهران", kind="municipality", mission="خدمت\\nبه مردم")
district = organization_create(by=None, code="d1", name="منطقهٔ ۱", kind="municipal_district", parent=office)
for number, (first, last) in enumerate([("رضا", "کاظمی"), ("فاطمه", "محمدی"), ("زهرا", "احمدی")]):
    user = user_create(username=f"user{number}", password="s3cret-pass-1403", first_name=first, last_name=last, by=None)
    role_grant(user=user, role="agency_staff", organization=district, by=None)
default_storage.save("evidence/2026/گزارش عملکرد.pdf", ContentFile(b"%PDF-1.7 evidence " * 500))
default_storage.save("evidence/2026/photo.jpg", ContentFile(bytes(range(256)) * 40))
default_storage.save("objections/empty.txt", ContentFile(b""))
"""


def test_backup_then_restore_on_an_empty_database_gives_back_every_row_and_file(tmp_path: Path):
    archive = tmp_path / "backup.tar.gz"
    with installation(tmp_path / "a", "a") as source, installation(tmp_path / "b", "b") as target:
        checked(source.run("shell", "-c", FILL))
        rows, files = source.rows(), source.media()
        assert len(files) == 3 and len(rows["accounts_user"]) == 3 and rows["core_auditentry"]

        made = checked(source.run("backup", "--output", str(archive)))
        assert "پشتیبان ساخته شد" in made.stdout
        with tarfile.open(archive) as tar:
            manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        assert set(manifest["files"]) == {manifest["database"], *(f"media/{name}" for name in files)}
        assert all(len(entry["sha256"]) == 64 for entry in manifest["files"].values())

        # The target is freshly migrated and empty (a copy of the template). The audit keys live outside the
        # database, so the operator carries them with the archive.
        shutil.copytree(source.var_dir / "audit_keys", target.var_dir / "audit_keys")
        restored = checked(target.run("restore", str(archive)))
        assert "بازگردانده شد" in restored.stdout
        checked(target.run("audit-verify"))

        back, restore_entries = strip_restore_entry(target.rows())
        assert restore_entries == 1
        assert back.keys() == rows.keys()
        for table, table_rows in rows.items():
            assert back[table] == table_rows, table
        assert target.media() == files


def test_restore_onto_a_database_with_data_needs_force_and_then_replaces_it(tmp_path: Path):
    archive = tmp_path / "backup.tar.gz"
    with installation(tmp_path / "a", "c") as source, installation(tmp_path / "b", "d") as target:
        checked(source.run("shell", "-c", FILL))
        rows = source.rows()
        checked(source.run("backup", "-o", str(archive)))

        extra = (
            "from hamafza.accounts.services import user_create; user_create(username='other', password=None, by=None)"
        )
        checked(target.run("shell", "-c", extra))
        before = target.rows()
        refused = target.run("restore", str(archive))
        assert refused.returncode != 0
        assert "خالی نیست" in refused.stderr and "--force" in refused.stderr
        assert target.rows() == before

        checked(target.run("restore", str(archive), "--force"))
        back, _ = strip_restore_entry(target.rows())
        assert back["accounts_user"] == rows["accounts_user"]
        assert back == rows
