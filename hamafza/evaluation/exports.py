"""Exports: the round's results as a right-to-left XLSX, one unit's report as a Persian PDF (WeasyPrint)."""

from __future__ import annotations

import tempfile
from typing import IO, Any

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from hamafza.evaluation.models import Axis, NodeScore, Round, RoundUnit
from hamafza.evaluation.selectors_results import bands_of


def round_results_xlsx_file(round_: Round, units: QuerySet[RoundUnit]) -> IO[bytes]:
    """The round's results as a right-to-left XLSX in a temporary file, written as it is read.

    A national round has thousands of units: rows come from the database in chunks and go straight into
    openpyxl's write-only sheet (which keeps them on disk), so memory stays flat whatever the size.
    """
    axes = list(Axis.objects.filter(version_id=round_.framework_version_id).order_by("order", "id"))
    labels = bands_of(round_)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("نتایج")
    sheet.sheet_view.rightToLeft = True
    for column, width in zip("ABCDEFGHIJKL", (7, 34, 14, 14, 14, 16, 16, 16, 16, 16, 16, 16), strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    title = WriteOnlyCell(sheet, value=round_.title)
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    headers = ["رتبه", "واحد", f"امتیاز (از {round_.framework_version.scale_total})", "طبقه", "تغییر نسبت به دوره قبل"]
    header_cells = []
    for text in headers + [f"{axis.title} (درصد)" for axis in axes]:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="CCE7E4")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    rows = units.order_by("rank", "unit__sort_key").values_list("id", "rank", "unit__name", "total", "band", "change")
    chunk: list[tuple[Any, ...]] = []

    def flush() -> None:
        scores = {
            (ru_id, axis_id): fraction
            for ru_id, axis_id, fraction in NodeScore.objects.filter(
                round_unit__in=[row[0] for row in chunk], axis__isnull=False
            ).values_list("round_unit_id", "axis_id", "fraction")
        }
        for ru_id, rank, name, total, band, change in chunk:
            fractions = [scores.get((ru_id, axis.pk)) for axis in axes]
            sheet.append(
                [rank, name, total, labels.get(band, ""), change]
                + [None if f is None else round(100 * f, 1) for f in fractions]
            )
        chunk.clear()

    for row in rows.iterator(chunk_size=2000):
        chunk.append(row)
        if len(chunk) >= 2000:
            flush()
    if chunk:
        flush()
    target = tempfile.TemporaryFile()
    workbook.save(target)
    target.seek(0)
    return target


def unit_report_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported here: it loads pango, which only the PDF export needs

    fonts = settings.BASE_DIR / "static" / "vendor" / "vazirmatn" / "fonts"
    html = render_to_string(
        "evaluation/report_unit.html",
        {
            **context,
            "today": timezone.localdate(),
            "font_regular": (fonts / "Vazirmatn-Regular.ttf").as_uri(),
            "font_bold": (fonts / "Vazirmatn-Bold.ttf").as_uri(),
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
