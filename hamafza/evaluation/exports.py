"""Exports: the round's results as a right-to-left XLSX, one unit's report as a Persian PDF (WeasyPrint)."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from hamafza.evaluation.models import Axis, Round
from hamafza.evaluation.selectors_results import RankingRow


def round_results_xlsx(round_: Round, axes: list[Axis], rows: list[RankingRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "نتایج"
    sheet.sheet_view.rightToLeft = True
    sheet.append([round_.title])
    sheet["A1"].font = Font(bold=True, size=13)
    headers = ["رتبه", "واحد", f"امتیاز (از {round_.framework_version.scale_total})", "طبقه", "تغییر نسبت به دوره قبل"]
    sheet.append(headers + [f"{axis.title} (درصد)" for axis in axes])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="CCE7E4")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        ru = row.round_unit
        sheet.append(
            [ru.rank, ru.unit.name, ru.total, row.band_label, ru.change]
            + [None if score is None else round(100 * score, 1) for score in row.axes]
        )
    for column, width in zip("ABCDEFGHIJKL", (7, 34, 14, 14, 14, 16, 16, 16, 16, 16, 16, 16), strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
