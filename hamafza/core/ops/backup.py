"""``backup_create``: the database and the uploaded files, in one archive with a manifest of checksums."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.ops.archive import MEDIA_PREFIX, media_files, write_archive
from hamafza.core.ops.database import applied_migrations, dump_database, dump_file_name, engine


def default_backup_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"hamafza-{stamp}.tar.gz"


def backup_create(*, output: Path | None = None, by: Any = None) -> Path:
    """Write the archive and return its path. The site may keep serving: both dumps are consistent snapshots."""
    output = Path(output) if output else default_backup_path()
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        database = Path(work) / dump_file_name()
        dump_database(database)
        members = {database.name: database}
        for path in media_files(media_root):
            members[MEDIA_PREFIX + path.relative_to(media_root).as_posix()] = path
        manifest = {
            "created_at": timezone.now().isoformat(),
            "engine": engine(),
            "database": database.name,
            "migrations": applied_migrations(),
        }
        write_archive(output, manifest, members)
    output.chmod(0o600)
    # Recorded after the dump, so the archive holds the trail as it was when the copy was taken.
    audit(actor=by, action="ops.backup_created", data={"file": output.name, "files": len(members) - 1})
    return output
