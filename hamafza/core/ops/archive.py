"""The backup archive: a gzip'ed tar whose ``manifest.json`` lists every other member with its SHA-256.

Reading verifies as it extracts and refuses anything a manifest did not promise (links, devices, paths that
climb out of the staging directory), so a damaged or forged archive is refused before anything is restored.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from hamafza.core.errors import DomainError

FORMAT = "hamafza-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
_CHUNK = 1024 * 1024


class DamagedArchive(DomainError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"پروندهٔ پشتیبان آسیب دیده یا ناقص است و چیزی بازگردانده نشد: {detail}")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def write_archive(output: Path, manifest: dict[str, Any], members: dict[str, Path]) -> None:
    """``members`` maps an archive name to a file on disk; their checksums go into the manifest first."""
    manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION}
    manifest["files"] = {
        name: {"sha256": sha256_of(path), "size": path.stat().st_size} for name, path in members.items()
    }
    partial = output.with_name(output.name + ".partial")
    with tarfile.open(partial, "w:gz") as tar:
        payload = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(payload)
        info.mode = 0o600
        tar.addfile(info, io.BytesIO(payload))
        for name, path in members.items():
            tar.add(path, arcname=name, recursive=False)
    # Written under another name and renamed at the end: an interrupted backup never looks like a finished one.
    partial.replace(output)


@dataclass(frozen=True)
class StagedArchive:
    manifest: dict[str, Any]
    root: Path

    def path_of(self, name: str) -> Path:
        return self.root / name


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or name != path.as_posix():
        raise DamagedArchive(f"نام نادرست در پرونده ({name})")
    return name


def extract_verified(archive: Path, staging: Path) -> StagedArchive:
    """Extract into ``staging`` checking every member against the manifest; raise ``DamagedArchive`` otherwise."""
    if not archive.is_file():
        raise DomainError(f"پروندهٔ پشتیبان پیدا نشد: {archive}")
    try:
        with tarfile.open(archive, "r:*") as tar:
            return _extract(tar, staging)
    except (tarfile.TarError, EOFError, zlib.error, OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DamagedArchive("پرونده خوانده نمی‌شود") from error


def _extract(tar: tarfile.TarFile, staging: Path) -> StagedArchive:
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isfile():
        raise DamagedArchive("فهرست محتوا (manifest) در آغاز پرونده نیست")
    handle = tar.extractfile(first)
    manifest = json.loads(handle.read()) if handle else {}
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
        raise DamagedArchive("این پرونده پشتیبان هم‌افزا نیست")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise DomainError("این پشتیبان با نسخهٔ دیگری از هم‌افزا ساخته شده و خوانده نمی‌شود.")
    expected: dict[str, dict[str, Any]] = manifest["files"]
    seen: set[str] = set()
    for member in tar:
        if member is first:  # iterating a TarFile starts again from its first member
            continue
        name = _safe_name(member.name)
        if not member.isfile() or name not in expected or name in seen:
            raise DamagedArchive(f"عضو ناشناخته یا تکراری ({name})")
        seen.add(name)
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        source = tar.extractfile(member)
        digest = hashlib.sha256()
        with target.open("wb") as out:
            while source and (chunk := source.read(_CHUNK)):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != expected[name].get("sha256"):
            raise DamagedArchive(f"چکیدهٔ SHA-256 نمی‌خواند ({name})")
    missing = sorted(set(expected) - seen)
    if missing:
        raise DamagedArchive(f"{len(missing)} پرونده کم است ({missing[0]})")
    return StagedArchive(manifest=manifest, root=staging)
