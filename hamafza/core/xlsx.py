"""Reading an XLSX sheet's values straight from its XML: the fast path of every import of a sheet.

openpyxl builds an object per cell and per shared string; for a 5,000-row import that was most of the time.
This reader handles what exported and typed sheets hold (shared and inline strings, plain numbers) and raises
``Unsupported`` for anything else (a styled number that may be a date, booleans…), so the caller reads the file
with openpyxl instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

from hamafza.core.errors import DomainError

NOT_A_SHEET = "این پرونده Excel (xlsx) یا CSV نیست. پرونده را با قالب نمونه در Excel ذخیره کنید و دوباره بفرستید."
# What a broken or unexpected file raises in ``direct_xlsx_rows``: each means "let openpyxl read it".
READ_ERRORS: tuple[type[Exception], ...]


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # A registration number typed in Excel arrives as 12345.0.
        value = int(value)
    return str(value).strip()


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


class Unsupported(Exception):
    """Something the direct reader does not read (a styled number that may be a date…): openpyxl reads it."""


def _part(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else "xl/" + target.removeprefix("./")


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes; an Office file never declares a DTD, so one that does (entities, external references) is
    refused before any parser sees it. Expat resolves no external entity and limits entity expansion anyway."""
    data = archive.read(name)
    if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data[:2048]:
        raise DomainError(NOT_A_SHEET)
    return data


def _column_index(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _text_of(element: ET.Element) -> str:
    # A rich-text string is runs (<r><t>); phonetic hints (<rPh>) are not part of the text.
    direct = element.find(f"{_MAIN}t")
    if direct is not None:
        return direct.text or ""
    return "".join(t.text or "" for r in element.findall(f"{_MAIN}r") for t in r.findall(f"{_MAIN}t"))


def direct_xlsx_rows(content: bytes) -> list[list[str]]:
    """The first worksheet's values read straight from its XML, as openpyxl gives them (``values_only``, through ``cell_text``).

    openpyxl builds an object per cell and per shared string; for a 5,000-row import that was most of the
    time. Cells are streamed with ``iterparse`` and dropped as they are read. Anything this reader does not
    handle raises ``Unsupported`` and openpyxl reads the file instead.
    """
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        workbook = ET.fromstring(_read_part(archive, "xl/workbook.xml"))  # noqa: S314 — DTD refused above
        first = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
        if first is None:
            raise Unsupported
        rels = ET.fromstring(_read_part(archive, "xl/_rels/workbook.xml.rels"))  # noqa: S314
        targets = {rel.get("Id"): rel for rel in rels.iter(f"{_PKG}Relationship")}
        sheet_rel = targets.get(first.get(f"{_REL}id"))
        if sheet_rel is None:
            raise Unsupported
        shared: list[str] = []
        for rel in targets.values():
            if (rel.get("Type") or "").endswith("/sharedStrings"):
                strings = io.BytesIO(_read_part(archive, _part(rel.get("Target") or "")))
                for _, element in ET.iterparse(strings):  # noqa: S314 — DTD refused by _read_part
                    if element.tag == f"{_MAIN}si":
                        shared.append(_text_of(element))
                        element.clear()
        rows: list[list[str]] = []
        stream = io.BytesIO(_read_part(archive, _part(sheet_rel.get("Target") or "")))
        row: list[str] = []
        for _, element in ET.iterparse(stream):  # noqa: S314 — DTD refused by _read_part
            tag = element.tag
            if tag == f"{_MAIN}c":
                kind = element.get("t", "n")
                value_element = element.find(f"{_MAIN}v")
                raw = value_element.text if value_element is not None else None
                if kind == "s":
                    value: Any = shared[int(raw)] if raw is not None else None
                elif kind == "inlineStr":
                    inline = element.find(f"{_MAIN}is")
                    value = _text_of(inline) if inline is not None else None
                elif kind in ("str", "e"):
                    value = raw
                elif kind == "n":
                    if raw is None:
                        value = None
                    elif element.get("s", "0") != "0":
                        raise Unsupported  # a styled number may be a date: openpyxl knows the formats
                    else:
                        value = float(raw) if any(c in raw for c in ".eE") else int(raw)
                else:
                    raise Unsupported  # booleans, dates (t="d")
                reference = _CELL_REF.fullmatch(element.get("r") or "")
                column = _column_index(reference.group(1)) if reference else len(row)
                if column < len(row):
                    raise Unsupported
                row.extend([""] * (column - len(row)))
                row.append(cell_text(value))
                element.clear()
            elif tag == f"{_MAIN}row":
                number = int(element.get("r") or len(rows) + 1)
                if number <= len(rows):
                    raise Unsupported
                rows.extend([] for _ in range(number - 1 - len(rows)))
                rows.append(row)
                row = []
                element.clear()
    # openpyxl pads every row to the sheet's width; the caller only needs what each row holds.
    return rows


READ_ERRORS = (Unsupported, KeyError, ValueError, IndexError, ET.ParseError, zipfile.BadZipFile, OSError)
