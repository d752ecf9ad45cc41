"""A restore refuses a damaged archive with a Persian message, and nothing in the database or the files changes."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from hamafza.accounts.models import User
from hamafza.core.ops.archive import write_archive
from hamafza.core.ops.database import dump_file_name, engine

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(tmp_path: Path, settings: Any) -> Path:
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    (settings.MEDIA_ROOT / "evidence").mkdir(parents=True)
    (settings.MEDIA_ROOT / "evidence" / "report.pdf").write_bytes(b"%PDF-1.7 original")
    return settings.VAR_DIR


@pytest.fixture
def archive(var_dir: Path, tmp_path: Path, make_user: Callable[..., Any]) -> Path:
    # Written with the archive module itself: a real dump needs a connection outside the test's transaction,
    # which the round-trip test (tests/ops/test_backup_round_trip.py) drives through the command line.
    make_user("reza")
    dump = tmp_path / dump_file_name()
    dump.write_bytes(b"a database dump")
    path = var_dir / "backups" / "good.tar.gz"
    path.parent.mkdir(parents=True)
    members = {dump.name: dump, "media/evidence/report.pdf": var_dir / "media" / "evidence" / "report.pdf"}
    write_archive(path, {"engine": engine(), "database": dump.name, "migrations": {}}, members)
    return path


def rewrite(archive: Path, target: Path, change: Callable[[tarfile.TarInfo, bytes], tuple[str, bytes] | None]) -> Path:
    """Copy ``archive`` member by member, letting ``change`` alter (or drop, with None) each one."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            changed = change(member, data)
            if changed is None:
                continue
            name, payload = changed
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            out.addfile(info, io.BytesIO(payload))
    return target


def restore_refused(path: Path, *flags: str) -> str:
    users, media = User.objects.count(), Path(django_settings.MEDIA_ROOT) / "evidence" / "report.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), *flags)
    assert User.objects.count() == users
    assert media.read_bytes() == b"%PDF-1.7 original"
    return str(refused.value)


def test_a_changed_file_inside_the_archive_is_refused_even_with_force(archive: Path):
    def tamper(member: tarfile.TarInfo, data: bytes) -> tuple[str, bytes]:
        return member.name, (b"%PDF-1.7 forged" if member.name.startswith("media/") else data)

    message = restore_refused(rewrite(archive, archive.with_name("tampered.tar.gz"), tamper), "--force")
    assert "آسیب دیده" in message and "SHA-256" in message


def test_a_truncated_archive_is_refused(archive: Path):
    cut = archive.with_name("cut.tar.gz")
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert "آسیب دیده" in restore_refused(cut, "--force")


def test_an_archive_missing_a_file_its_manifest_lists_is_refused(archive: Path):
    dropped = rewrite(
        archive,
        archive.with_name("dropped.tar.gz"),
        lambda member, data: None if member.name.startswith("media/") else (member.name, data),
    )
    assert "کم است" in restore_refused(dropped, "--force")


def test_a_member_that_climbs_out_of_the_restore_directory_is_refused(archive: Path, tmp_path: Path):
    def climb(member: tarfile.TarInfo, data: bytes) -> tuple[str, bytes]:
        if member.name == "manifest.json":
            manifest = json.loads(data)
            manifest["files"]["../../escaped.txt"] = manifest["files"].pop(next(iter(manifest["files"])))
            return member.name, json.dumps(manifest).encode()
        return ("../../escaped.txt" if member.name.startswith("database") else member.name), data

    assert "آسیب دیده" in restore_refused(rewrite(archive, archive.with_name("climb.tar.gz"), climb), "--force")
    assert not list(tmp_path.rglob("escaped.txt"))


def test_something_that_is_not_a_backup_is_refused(var_dir: Path):
    path = var_dir / "notes.tar.gz"
    path.write_bytes(gzip.compress(b"just some text"))
    assert "آسیب دیده" in restore_refused(path, "--force")


def test_a_database_with_data_is_not_overwritten_without_force(archive: Path):
    message = restore_refused(archive)
    assert "خالی نیست" in message and "--force" in message


def test_a_backup_inside_an_open_transaction_is_refused_instead_of_waiting_forever(var_dir: Path):
    # SQLite's backup API would retry for ever against the connection's own write lock.
    with pytest.raises(CommandError, match="تراکنش"):
        call_command("backup", "--output", str(var_dir / "backups" / "in-transaction.tar.gz"))
