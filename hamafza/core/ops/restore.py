"""``backup_restore``: verify the whole archive first, then replace the database and the uploaded files."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError
from hamafza.core.ops.archive import MEDIA_PREFIX, StagedArchive, extract_verified, media_files
from hamafza.core.ops.database import data_found, engine, load_database


@dataclass(frozen=True)
class RestoreReport:
    archive: Path
    created_at: str
    files: int


def _check_can_restore(staged: StagedArchive, *, force: bool) -> None:
    manifest = staged.manifest
    if manifest.get("engine") != engine():
        raise DomainError(
            f"این پشتیبان از پایگاه دادهٔ {manifest.get('engine')} است و این سامانه {engine()} دارد؛ "
            "بازگرداندن میان دو نوع پایگاه داده ممکن نیست."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(
        f"{app}.{name}" for app, name in manifest.get("migrations", {}).items() if (app, name) not in known
    )
    if unknown:
        raise DomainError(
            f"این پشتیبان با نسخهٔ تازه‌تری از هم‌افزا ساخته شده است ({unknown[0]}). نخست نرم‌افزار را به‌روز کنید."
        )
    if force:
        return
    found = data_found()
    if not found and next(media_files(Path(settings.MEDIA_ROOT)), None) is not None:
        found = "پرونده‌های بارگذاری‌شده"
    if found:
        raise DomainError(
            f"این سامانه خالی نیست ({found} دارد) و چیزی بازگردانده نشد. "
            "برای جایگزین کردن همهٔ داده‌های کنونی با این پشتیبان، فرمان را با --force اجرا کنید."
        )


def _swap_media(staged: StagedArchive) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    incoming = staged.root / MEDIA_PREFIX.rstrip("/")
    incoming.mkdir(parents=True, exist_ok=True)
    previous = media_root.with_name(media_root.name + ".before-restore")
    if previous.exists():
        shutil.rmtree(previous)
    if media_root.exists():
        media_root.rename(previous)
    shutil.move(str(incoming), str(media_root))
    if previous.exists():
        shutil.rmtree(previous)


def backup_restore(*, archive: Path, force: bool = False, by: Any = None) -> RestoreReport:
    """Restore ``archive`` over this installation; refuse a damaged one, or a non-empty database without ``force``.

    Nothing changes until every checksum has been verified and every check passed. Stop the web server and the
    workers first: the restore replaces the tables under them.
    """
    archive = Path(archive)
    var_dir = Path(settings.VAR_DIR)
    with tempfile.TemporaryDirectory(dir=var_dir, prefix=".restore-") as work:
        staged = extract_verified(archive, Path(work))
        _check_can_restore(staged, force=force)
        load_database(staged.path_of(staged.manifest["database"]))
        _swap_media(staged)
    # A backup of older code: bring its tables up to this code's migrations.
    call_command("migrate", interactive=False, verbosity=0)
    files = sum(1 for name in staged.manifest["files"] if name.startswith(MEDIA_PREFIX))
    audit(actor=by, action="ops.backup_restored", data={"file": archive.name, "files": files})
    return RestoreReport(archive=archive, created_at=str(staged.manifest.get("created_at", "")), files=files)
