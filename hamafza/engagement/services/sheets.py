"""Reading and writing the stakeholder sheet (XLSX or CSV): columns, Persian headers, the template."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from hamafza.core.errors import DomainError
from hamafza.core.xlsx import NOT_A_SHEET, READ_ERRORS, cell_text
from hamafza.core.xlsx import Unsupported as _Unsupported  # noqa: F401 — tests name it here
from hamafza.core.xlsx import direct_xlsx_rows as _direct_xlsx_rows
from hamafza.persian import normalize

# (key, Persian header). Either is accepted on import; the template writes the Persian one.
COLUMNS: list[tuple[str, str]] = [
    ("name", "نام"),
    ("kind", "نوع"),
    ("registration_number", "شماره ثبت"),
    ("domains", "حوزه‌های فعالیت"),
    ("province", "استان"),
    ("county", "شهرستان"),
    ("description", "معرفی و زمینه فعالیت"),
    ("expertise", "تخصص‌ها"),
    ("volunteers", "تعداد داوطلبان"),
    ("facilities", "امکانات"),
    ("contact_name", "نام فرد رابط"),
    ("contact_mobile", "تلفن همراه رابط"),
]
LABEL = dict(COLUMNS)
HEADER_TO_KEY = {normalize(label): key for key, label in COLUMNS} | {key: key for key, _ in COLUMNS}

EXAMPLE_ROW = {
    "name": "انجمن حمایت از خانواده‌های آسیب‌دیده شیراز",
    "kind": "سازمان مردم‌نهاد (سمن)",
    "registration_number": "۱۲۳۴۵",
    "domains": "آسیب‌های اجتماعی، زنان و خانواده",
    "province": "فارس",
    "county": "شیراز",
    "description": "پیشگیری از آسیب‌های اجتماعی و توانمندسازی زنان سرپرست خانوار در حاشیه شهر شیراز.",
    "expertise": "مددکاری اجتماعی، مشاوره خانواده",
    "volunteers": "۴۵",
    "facilities": "سالن آموزش ۴۰ نفره",
    "contact_name": "مریم احمدی",
    "contact_mobile": "۰۹۱۷۱۲۳۴۵۶۷",
}


def _openpyxl_rows(content: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise DomainError(NOT_A_SHEET) from error
    sheet = workbook.worksheets[0]
    rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def read_rows(content: bytes, filename: str = "") -> tuple[list[str], Iterator[tuple[int, list[str]]], int]:
    """The column keys, the data rows with their sheet row numbers (the header is row 1) and their count."""
    if content[:4] == b"PK\x03\x04":
        try:
            rows = _direct_xlsx_rows(content)
        except READ_ERRORS:
            rows = _openpyxl_rows(content)
    elif filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DomainError("پرونده CSV باید با کدگذاری UTF-8 ذخیره شده باشد.") from error
        rows = [[cell_text(v) for v in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise DomainError(NOT_A_SHEET)
    if not rows:
        raise DomainError("پرونده خالی است.")
    keys = [HEADER_TO_KEY.get(normalize(h), "") for h in rows[0]]
    if "name" not in keys:
        raise DomainError(f"ستون «{LABEL['name']}» در سطر نخست پرونده پیدا نشد. از قالب نمونه استفاده کنید.")
    body = [(index, row) for index, row in enumerate(rows[1:], start=2) if any(cell for cell in row)]
    return keys, iter(body), len(body)


def template_xlsx() -> bytes:
    """The sheet people fill in: Persian headers and one filled example row, right to left."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ذی‌نفعان"
    sheet.sheet_view.rightToLeft = True
    sheet.append([label for _, label in COLUMNS])
    sheet.append([EXAMPLE_ROW[key] for key, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D1FAE5")
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
