"""Operations on a whole installation: backing up and restoring the database and the uploaded files.

``backup_create`` writes one tar archive (the database — SQLite's online backup or ``pg_dump`` — plus the media
files) with a manifest of SHA-256 checksums; ``backup_restore`` checks every checksum before it changes anything.
"""

from hamafza.core.ops.backup import backup_create
from hamafza.core.ops.restore import backup_restore

__all__ = ["backup_create", "backup_restore"]
