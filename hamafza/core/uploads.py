"""Uploaded files: their type told from their structure, their size limited, their stored name generated.

One module for every upload (evaluation evidence and objections, engagement documents, voice attachments):

    kind = check_upload(upload, allowed=DOCUMENT_KINDS, max_bytes=10 * MB)  # UploadRejected: a Persian message
    stored = generated_name(kind)                                            # "3f2a…c1.pdf": uuid-based
    original = original_name(upload.name)                                    # kept as data, shown and downloaded

and for spreadsheets read by the server, before any parser touches them:

    check_xlsx_limits(stream, max_rows=5000, max_cols=40)                   # zip bomb and cell-count limits

Why by structure: the first bytes alone let an HTML page that starts with ``%PDF-`` pass as a PDF, and any zip as
a ``.docx``. So a PDF must also end with ``%%EOF`` after a ``startxref`` that points at a cross-reference; an
Office file must be a zip whose ``[Content_Types].xml`` names the main part of that very format; a PNG must have
its ``IHDR`` header chunk and its ``IEND`` end; a JPEG its start-of-image and end-of-image markers. The
extension must agree with what the bytes are. Only the standard library is used.

Why generated names: a person's file name is data, not a path. A 300-character Persian name is longer than a
file system allows; ``../`` or a name another upload already took must never decide where bytes land.
"""

from __future__ import annotations

import os
import re
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from hamafza.core.errors import DomainError
from hamafza.persian import normalize, to_persian_digits

MB = 1024 * 1024


class UploadRejected(DomainError):
    """The file is not what it claims, too large, or unsafe to open; the message says which, in Persian."""


@dataclass(frozen=True)
class FileKind:
    key: str
    content_type: str
    extensions: tuple[str, ...]
    label: str

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileKind("pdf", "application/pdf", (".pdf",), "PDF")
PNG = FileKind("png", "image/png", (".png",), "تصویر PNG")
JPEG = FileKind("jpeg", "image/jpeg", (".jpg", ".jpeg"), "تصویر JPG")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), "Word")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), "Excel")
PPTX = FileKind(
    "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",), "PowerPoint"
)
# What offices send as evidence and citizens as documents: scans and photos, PDFs, Office files.
DOCUMENT_KINDS: tuple[FileKind, ...] = (PDF, PNG, JPEG, DOCX, XLSX, PPTX)
IMAGE_KINDS: tuple[FileKind, ...] = (PNG, JPEG)

# The content type an OOXML package declares for its main part, which tells a .docx from any other zip.
_OOXML_MAIN = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
# Zip limits for any OOXML upload: real office files stay far below them; a zip bomb is far above.
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_UNCOMPRESSED = 100 * MB
MAX_ZIP_RATIO = 100
_TAIL = 2048


def _read_head_and_tail(stream: IO[bytes]) -> tuple[bytes, bytes, int]:
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    head = stream.read(_TAIL)
    stream.seek(max(0, size - _TAIL))
    tail = stream.read(_TAIL)
    stream.seek(0)
    return head, tail, size


def _is_pdf(stream: IO[bytes]) -> bool:
    head, tail, size = _read_head_and_tail(stream)
    # The header may follow a little junk (the format allows it within the first kilobyte).
    if b"%PDF-" not in head[:1024]:
        return False
    found = re.search(rb"startxref\s+(\d{1,12})\s+%%EOF\s*$", tail)
    if found is None:
        return False
    offset = int(found.group(1))
    if not 0 < offset < size:
        return False
    stream.seek(offset)
    target = stream.read(32)
    stream.seek(0)
    # A classic cross-reference table, or (PDF 1.5+) a cross-reference stream object.
    return target.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj\b", target) is not None


def _is_png(stream: IO[bytes]) -> bool:
    head, tail, _ = _read_head_and_tail(stream)
    return head.startswith(b"\x89PNG\r\n\x1a\n") and head[8:16] == b"\x00\x00\x00\rIHDR" and b"IEND" in tail


def _is_jpeg(stream: IO[bytes]) -> bool:
    head, tail, _ = _read_head_and_tail(stream)
    # SOI, then a marker (APPn, DQT, SOF, DHT, COM); EOI near the end (some cameras pad after it).
    return head[:3] == b"\xff\xd8\xff" and head[3:4] in {bytes([m]) for m in range(0xC0, 0xFF)} and b"\xff\xd9" in tail


def check_zip_limits(
    archive: zipfile.ZipFile,
    *,
    max_members: int = MAX_ZIP_MEMBERS,
    max_uncompressed: int = MAX_ZIP_UNCOMPRESSED,
    max_ratio: int = MAX_ZIP_RATIO,
) -> None:
    """Refuse a zip whose members would unpack too large, from the sizes its directory declares.

    Nothing is decompressed here. Python's zipfile stops a member at its declared size (and then fails its
    CRC), so a member that lies about its size cannot unpack beyond what was checked.
    """
    members = archive.infolist()
    if len(members) > max_members:
        raise UploadRejected("این پرونده بیش از اندازه جزء دارد و باز نمی‌شود.")
    total = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if total > max_uncompressed:
        raise UploadRejected(
            f"این پرونده پس از باز شدن بیش از {to_persian_digits(max_uncompressed // MB)} مگابایت می‌شود و پذیرفته نیست."
        )
    if total > max_ratio * max(packed, 1) and total > MB:
        raise UploadRejected("این پرونده به شکلی غیرعادی فشرده شده است (مانند «بمب زیپ») و باز نمی‌شود.")


def _ooxml_kind(stream: IO[bytes]) -> str | None:
    """Which OOXML format this zip really is (docx, xlsx, pptx), by its declared main part; None if none."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            check_zip_limits(archive)
            try:
                info = archive.getinfo("[Content_Types].xml")
            except KeyError:
                return None
            if info.file_size > MB:
                return None
            types = archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None
    finally:
        stream.seek(0)
    for key, main in _OOXML_MAIN.items():
        if re.search(rb'ContentType\s*=\s*"' + re.escape(main) + rb'"', types):
            return key
    return None


def detect_kind(stream: IO[bytes], name: str, allowed: tuple[FileKind, ...] = DOCUMENT_KINDS) -> FileKind | None:
    """The kind this file really is, if its extension and its structure agree on one of ``allowed``."""
    lowered = (name or "").lower()
    candidates = [kind for kind in allowed if lowered.endswith(kind.extensions)]
    if not candidates:
        return None
    kind = candidates[0]
    if kind is PDF:
        return kind if _is_pdf(stream) else None
    if kind is PNG:
        return kind if _is_png(stream) else None
    if kind is JPEG:
        return kind if _is_jpeg(stream) else None
    if kind.key in _OOXML_MAIN:
        return kind if _ooxml_kind(stream) == kind.key else None
    return None


def _allowed_text(allowed: tuple[FileKind, ...]) -> str:
    labels = list(dict.fromkeys(kind.label for kind in allowed))
    return "، ".join(labels)


def check_upload(upload: Any, *, allowed: tuple[FileKind, ...] = DOCUMENT_KINDS, max_bytes: int = 10 * MB) -> FileKind:
    """Check an uploaded file (a Django ``UploadedFile`` or any seekable binary file with ``.name``).

    Raises ``UploadRejected`` with a Persian message for an empty, too large, or mis-typed file.
    """
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, os.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    if size == 0:
        raise UploadRejected("پرونده خالی است.")
    if size > max_bytes:
        raise UploadRejected(f"حجم پرونده حداکثر {to_persian_digits(max_bytes // MB)} مگابایت است.")
    stream = getattr(upload, "file", upload)
    kind = detect_kind(stream, getattr(upload, "name", "") or "", allowed)
    upload.seek(0)
    if kind is None:
        raise UploadRejected(
            "نوع این پرونده پذیرفته نیست: با پسوندش نمی‌خواند یا پرونده آسیب دیده است. "
            f"پرونده‌های پذیرفتنی: {_allowed_text(allowed)}."
        )
    return kind


def generated_name(kind: FileKind) -> str:
    """A storage name no person chose: a random uuid and the extension of the kind the bytes really are."""
    return f"{uuid.uuid4().hex}{kind.extension}"


_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|]')


def original_name(name: str | None, *, limit: int = 200) -> str:
    """The name the person gave, made safe to keep and to offer back: no path, no controls, at most ``limit``
    characters with the extension kept."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE_IN_NAME.sub("_", normalize(base)).strip(" .") or "file"
    if len(base) <= limit:
        return base
    stem, dot, extension = base.rpartition(".")
    if dot and len(extension) <= 10:
        return f"{stem[: limit - len(extension) - 1]}.{extension}"
    return base[:limit]


# XLSX read by the server (a framework import): the sheet's declared dimension caps rows and columns.
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')
XLSX_MAX_UNCOMPRESSED = 30 * MB


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - ord("A") + 1)
    return number


def check_xlsx_limits(
    stream: IO[bytes],
    *,
    max_rows: int,
    max_cols: int,
    max_uncompressed: int = XLSX_MAX_UNCOMPRESSED,
    max_ratio: int = MAX_ZIP_RATIO,
) -> None:
    """Refuse a spreadsheet too large to read before any parser opens it.

    The zip directory gives every part's unpacked size (a 306 KB file that unpacks to a 300 MB cell is refused
    here, without unpacking); each worksheet's ``<dimension ref="A1:S120"/>`` gives its rows and columns. A
    sheet that declares no dimension is bounded by the unpacked size alone.
    """
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            check_zip_limits(archive, max_uncompressed=max_uncompressed, max_ratio=max_ratio)
            for info in archive.infolist():
                if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
                    continue
                with archive.open(info) as sheet:
                    # The dimension comes first in a worksheet; a few kilobytes hold it.
                    start = sheet.read(4096)
                found = _DIMENSION.search(start)
                if found is None:
                    continue
                last_col, last_row = found.group(3) or found.group(1), found.group(4) or found.group(2)
                if int(last_row) > max_rows or _column_number(last_col) > max_cols:
                    raise UploadRejected(
                        f"این کاربرگ بیش از اندازه بزرگ است: حداکثر {to_persian_digits(max_rows)} ردیف و "
                        f"{to_persian_digits(max_cols)} ستون پذیرفته می‌شود."
                    )
    except zipfile.BadZipFile as error:
        raise UploadRejected("این پرونده Excel (xlsx) خوانا نیست.") from error
    finally:
        stream.seek(0)
