"""hamafza.core.uploads: a file is what its structure says, within limits, and stored under a name no one chose."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile

import pytest

from hamafza.core.uploads import (
    DOCX,
    JPEG,
    PDF,
    PNG,
    XLSX,
    UploadRejected,
    check_upload,
    check_xlsx_limits,
    detect_kind,
    generated_name,
    original_name,
)
from tests.files import WORD_MAIN, jpeg_bytes, ooxml_bytes, pdf_bytes, png_bytes, xlsx_bomb_bytes, xlsx_bytes


class Upload(io.BytesIO):
    """A file as a form sends it: bytes with the name the person's computer gave."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name
        self.size = len(data)


# Structure, not the first bytes


def test_a_real_pdf_png_jpeg_and_docx_are_recognised() -> None:
    assert check_upload(Upload(pdf_bytes(), "گزارش.pdf")) is PDF
    assert check_upload(Upload(png_bytes(), "عکس.PNG")) is PNG
    assert check_upload(Upload(jpeg_bytes(), "عکس.jpeg")) is JPEG
    assert check_upload(Upload(ooxml_bytes(WORD_MAIN), "نامه.docx")) is DOCX
    assert check_upload(Upload(xlsx_bytes(), "جدول.xlsx")) is XLSX


def test_an_html_page_starting_with_the_pdf_magic_is_refused() -> None:
    page = b"%PDF-1.4\n<html><script>alert(1)</script></html>\n"
    with pytest.raises(UploadRejected) as refused:
        check_upload(Upload(page, "report.pdf"))
    assert "پذیرفته نیست" in refused.value.message


def test_a_pdf_whose_startxref_points_nowhere_is_refused() -> None:
    forged = re.sub(rb"startxref\n\d+", b"startxref\n5", pdf_bytes())
    assert detect_kind(io.BytesIO(forged), "a.pdf") is None
    truncated = pdf_bytes()[:-20]
    assert detect_kind(io.BytesIO(truncated), "a.pdf") is None


def test_any_zip_named_docx_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ" + b"\x00" * 100)
    with pytest.raises(UploadRejected):
        check_upload(Upload(buffer.getvalue(), "letter.docx"))


def test_an_excel_file_renamed_to_docx_is_refused() -> None:
    with pytest.raises(UploadRejected):
        check_upload(Upload(xlsx_bytes(), "letter.docx"))


def test_a_png_without_its_header_chunk_or_end_is_refused() -> None:
    assert detect_kind(io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"<html>" * 20), "a.png") is None
    assert detect_kind(io.BytesIO(png_bytes()[:-12]), "a.png") is None


def test_the_extension_must_agree_with_the_bytes() -> None:
    assert detect_kind(io.BytesIO(pdf_bytes()), "scan.jpg") is None
    assert detect_kind(io.BytesIO(pdf_bytes()), "scan.html") is None


def test_an_empty_or_oversized_file_is_refused_with_the_limit_in_persian() -> None:
    with pytest.raises(UploadRejected, match="خالی"):
        check_upload(Upload(b"", "a.pdf"))
    with pytest.raises(UploadRejected, match="۱ مگابایت"):
        check_upload(Upload(pdf_bytes() + b" " * (1024 * 1024), "a.pdf"), max_bytes=1024 * 1024)


# Names


def test_stored_names_are_generated_and_keep_only_the_real_extension() -> None:
    first, second = generated_name(PDF), generated_name(PDF)
    assert first != second
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", first)


def test_the_original_name_loses_its_path_and_controls_and_is_cut_keeping_the_extension() -> None:
    assert original_name("C:\\Users\\x\\گزارش\x00 نهایی.pdf") == "گزارش نهایی.pdf"
    assert original_name("../../etc/passwd") == "passwd"
    long = original_name("ب" * 300 + ".pdf")
    assert len(long) == 200 and long.endswith(".pdf")
    assert original_name("") == "file"


# XLSX limits before parsing


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    return xlsx_bomb_bytes(megabytes=300)


def test_an_xlsx_zip_bomb_is_refused_quickly_with_little_memory(xlsx_bomb: bytes) -> None:
    assert len(xlsx_bomb) < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(UploadRejected, match="مگابایت"):
        check_xlsx_limits(io.BytesIO(xlsx_bomb), max_rows=5000, max_cols=60)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 0.5
    assert peak < 5 * 1024 * 1024


def test_an_xlsx_declaring_more_rows_or_columns_than_allowed_is_refused() -> None:
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B900000"', data)
            archive.writestr(info, data)
    with pytest.raises(UploadRejected, match="ردیف"):
        check_xlsx_limits(io.BytesIO(buffer.getvalue()), max_rows=5000, max_cols=60)


def test_an_ordinary_xlsx_passes_the_limits() -> None:
    check_xlsx_limits(io.BytesIO(xlsx_bytes(rows=50)), max_rows=5000, max_cols=60)
