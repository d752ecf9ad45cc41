"""Frameworks to and from XLSX: one row per checklist item, like XLSForm.

Import reads every row first and reports every problem by row and column; nothing is created unless the
whole sheet is right.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from hamafza.core.errors import DomainError
from hamafza.core.uploads import check_xlsx_limits
from hamafza.core.xlsx import READ_ERRORS, direct_xlsx_rows
from hamafza.evaluation.models import Direction, FrameworkVersion, ItemType
from hamafza.evaluation.services.frameworks import AxisSpec, IndicatorSpec, ItemSpec, version_as_specs
from hamafza.persian import normalize, to_latin_digits, to_persian_digits

# (key, Persian header). Either header is accepted on import; export writes the Persian one.
COLUMNS: list[tuple[str, str]] = [
    ("axis_code", "کد محور"),
    ("axis_title", "محور"),
    ("axis_weight", "وزن محور"),
    ("indicator_code", "کد شاخص"),
    ("indicator_title", "شاخص"),
    ("indicator_weight", "وزن شاخص"),
    ("code", "کد پرسش"),
    ("title", "پرسش"),
    ("type", "نوع"),
    ("weight", "وزن"),
    ("direction", "جهت"),
    ("standard", "استاندارد"),
    ("scale_min", "کمینه طیف"),
    ("scale_max", "بیشینه طیف"),
    ("required", "الزامی"),
    ("evidence_required", "مستندات الزامی"),
    ("relevant_if", "وابسته به"),
    ("relevant_value", "مقدار شرط"),
    ("help", "راهنما"),
]
REQUIRED_COLUMNS = (
    "axis_code",
    "axis_title",
    "axis_weight",
    "indicator_code",
    "indicator_title",
    "indicator_weight",
    "code",
    "title",
    "type",
    "weight",
)
HEADER_TO_KEY = {normalize(label): key for key, label in COLUMNS} | {key: key for key, _ in COLUMNS}
LABEL = dict(COLUMNS)

TYPE_ALIASES = (
    {normalize(label): value for value, label in ItemType.choices}
    | {value: value for value in ItemType.values}
    | {"بله/خیر": ItemType.YES_NO, "طیف": ItemType.SCALE, "عدد": ItemType.NUMBER, "درصد": ItemType.PERCENTAGE}
)
DIRECTION_ALIASES = (
    {normalize(label): value for value, label in Direction.choices}
    | {value: value for value in Direction.values}
    | {"بیشتر بهتر": Direction.HIGHER_IS_BETTER, "کمتر بهتر": Direction.LOWER_IS_BETTER}
)
TRUE_WORDS = {"1", "true", "yes", "بله", "آری", "دارد"}
FALSE_WORDS = {"0", "false", "no", "خیر", "ندارد", ""}
MAX_ROWS = 5000
# Nineteen columns are defined; a few spare ones (notes people add) are harmless, thousands are not.
MAX_COLUMNS = 60


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"ردیف {to_persian_digits(self.row)}"
        return f"{where}، ستون «{self.column}»: {self.message}" if self.column else f"{where}: {self.message}"


class FrameworkImportError(DomainError):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(
            f"پرونده {to_persian_digits(len(errors))} خطا دارد و هیچ چیز ساخته نشد. "
            "خطاها را اصلاح کنید و دوباره بفرستید."
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def _number(value: Any, row: int, key: str, errors: list[RowError], required: bool) -> float | None:
    text = to_latin_digits(_text(value)).replace("٫", ".").replace("٬", "").replace(",", "")
    if text == "":
        if required:
            errors.append(RowError(row, LABEL[key], "خالی است؛ عدد لازم است."))
        return None
    try:
        number = float(text)
    except ValueError:
        errors.append(RowError(row, LABEL[key], f"«{_text(value)}» عدد نیست."))
        return None
    # float() reads "nan", "inf" and "1e999" as numbers; a weight or standard must be an ordinary one.
    if not math.isfinite(number):
        errors.append(RowError(row, LABEL[key], f"«{_text(value)}» عدد معمولی نیست؛ یک عدد مانند ۰٫۵ بنویسید."))
        return None
    if number < 0:
        errors.append(RowError(row, LABEL[key], "نمی‌تواند منفی باشد."))
        return None
    return number


def _bool(value: Any, row: int, key: str, errors: list[RowError], default: bool) -> bool:
    text = to_latin_digits(_text(value)).lower()
    if text == "":
        return default
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    errors.append(RowError(row, LABEL[key], f"«{_text(value)}» باید بله یا خیر باشد."))
    return default


def _openpyxl_rows(content: bytes) -> Iterator[Sequence[Any]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, Exception) as error:
        raise DomainError("این پرونده Excel (xlsx) خوانا نیست.") from error
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return iter(rows)


def _read_rows(stream: BinaryIO) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    # Before openpyxl sees it: a 306 KB file that unpacks to a 300 MB cell must cost nothing to refuse.
    check_xlsx_limits(stream, max_rows=MAX_ROWS + 1, max_cols=MAX_COLUMNS)
    content = stream.read()
    try:
        # The direct reader first: openpyxl's objects per cell were most of the time of a 2,000-row import.
        rows: Iterator[Sequence[Any]] = iter(direct_xlsx_rows(content))
    except READ_ERRORS:
        rows = _openpyxl_rows(content)
    header = next(rows, None)
    # A blank first row is a header without the columns (openpyxl gives it as Nones, the direct reader as []).
    if header is None:
        raise DomainError("پرونده خالی است؛ ردیف اول باید عنوان ستون‌ها باشد.")
    keys = [HEADER_TO_KEY.get(normalize(str(cell or ""))) for cell in header]
    missing = [LABEL[key] for key in REQUIRED_COLUMNS if key not in keys]
    if missing:
        return [], [RowError(1, "", f"ستون‌های لازم نیستند: {'، '.join(missing)}")]
    result = []
    for index, values in enumerate(rows, start=2):
        if index > MAX_ROWS:
            return [], [RowError(index, "", f"بیش از {to_persian_digits(MAX_ROWS)} ردیف پذیرفته نمی‌شود.")]
        record = {key: value for key, value in zip(keys, values, strict=False) if key}
        if all(_text(value) == "" for value in record.values()):
            continue
        result.append((index, record))
    return result, []


def parse_framework_xlsx(stream: BinaryIO) -> list[AxisSpec]:
    """Read and check the whole sheet; raise ``FrameworkImportError`` listing every bad row."""
    rows, errors = _read_rows(stream)
    if errors:
        raise FrameworkImportError(errors)
    if not rows:
        raise FrameworkImportError([RowError(2, "", "هیچ پرسشی در پرونده نیست.")])
    axes: dict[str, AxisSpec] = {}
    indicators: dict[str, tuple[IndicatorSpec, str]] = {}
    item_rows: dict[str, int] = {}
    relevance: list[tuple[int, str]] = []
    for row, record in rows:
        for key in ("axis_code", "axis_title", "indicator_code", "indicator_title", "code", "title"):
            if not _text(record.get(key)):
                errors.append(RowError(row, LABEL[key], "خالی است."))
        axis_weight = _number(record.get("axis_weight"), row, "axis_weight", errors, required=True)
        indicator_weight = _number(record.get("indicator_weight"), row, "indicator_weight", errors, required=True)
        weight = _number(record.get("weight"), row, "weight", errors, required=True)
        type_text = _text(record.get("type"))
        item_type = TYPE_ALIASES.get(type_text.lower()) or TYPE_ALIASES.get(type_text)
        if item_type is None:
            errors.append(RowError(row, LABEL["type"], f"نوع «{type_text}» شناخته نیست."))
        direction_text = _text(record.get("direction"))
        direction = (
            DIRECTION_ALIASES.get(direction_text.lower(), None) if direction_text else Direction.HIGHER_IS_BETTER
        )
        if direction is None:
            errors.append(RowError(row, LABEL["direction"], f"جهت «{direction_text}» شناخته نیست."))
        standard = _number(record.get("standard"), row, "standard", errors, required=False)
        scale_min = _number(record.get("scale_min"), row, "scale_min", errors, required=False)
        scale_max = _number(record.get("scale_max"), row, "scale_max", errors, required=False)
        if item_type == ItemType.SCALE and (scale_min is None or scale_max is None or scale_max <= scale_min):
            errors.append(
                RowError(row, LABEL["scale_max"], "برای نوع طیف، کمینه و بیشینه لازم است و بیشینه باید بزرگ‌تر باشد.")
            )
        if item_type == ItemType.NUMBER and standard in (None, 0.0):
            errors.append(RowError(row, LABEL["standard"], "برای پرسش عددی، استاندارد (هدف) لازم است."))
        code = to_latin_digits(_text(record.get("code")))
        if code in item_rows:
            errors.append(
                RowError(row, LABEL["code"], f"کد «{code}» تکراری است (ردیف {to_persian_digits(item_rows[code])}).")
            )
        item_rows.setdefault(code, row)
        relevant_if = to_latin_digits(_text(record.get("relevant_if")))
        if relevant_if:
            relevance.append((row, relevant_if))
        axis_code = to_latin_digits(_text(record.get("axis_code")))
        indicator_code = to_latin_digits(_text(record.get("indicator_code")))
        if axis_code not in axes and axis_weight is not None:
            axes[axis_code] = AxisSpec(axis_code, _text(record.get("axis_title")), axis_weight)
        elif axis_code in axes and axis_weight is not None and axes[axis_code].weight != axis_weight:
            errors.append(RowError(row, LABEL["axis_weight"], "وزن این محور با ردیف‌های پیشین فرق دارد."))
        if indicator_code in indicators:
            spec, owner_axis = indicators[indicator_code]
            if owner_axis != axis_code:
                errors.append(RowError(row, LABEL["indicator_code"], "این شاخص پیش‌تر زیر محور دیگری آمده است."))
            elif indicator_weight is not None and spec.weight != indicator_weight:
                errors.append(RowError(row, LABEL["indicator_weight"], "وزن این شاخص با ردیف‌های پیشین فرق دارد."))
        elif indicator_weight is not None and axis_code in axes:
            spec = IndicatorSpec(indicator_code, _text(record.get("indicator_title")), indicator_weight)
            indicators[indicator_code] = (spec, axis_code)
            axes[axis_code].indicators.append(spec)
        if indicator_code in indicators and item_type and direction and weight is not None:
            indicators[indicator_code][0].items.append(
                ItemSpec(
                    code=code,
                    title=_text(record.get("title")),
                    item_type=item_type,
                    weight=weight,
                    direction=direction,
                    standard=standard,
                    scale_min=scale_min,
                    scale_max=scale_max,
                    help_text=_text(record.get("help")),
                    is_required=_bool(record.get("required"), row, "required", errors, True),
                    is_evidence_required=_bool(
                        record.get("evidence_required"), row, "evidence_required", errors, False
                    ),
                    relevant_if=relevant_if,
                    relevant_value=_text(record.get("relevant_value")),
                )
            )
    for row, other in relevance:
        if other not in item_rows:
            errors.append(RowError(row, LABEL["relevant_if"], f"پرسشی با کد «{other}» در پرونده نیست."))
    if errors:
        raise FrameworkImportError(sorted(errors, key=lambda e: e.row))
    return list(axes.values())


def framework_to_xlsx(version: FrameworkVersion) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "چارچوب"
    sheet.sheet_view.rightToLeft = True
    sheet.append([label for _, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="CCE7E4")
    type_label = dict(ItemType.choices)
    direction_label = dict(Direction.choices)
    for axis in version_as_specs(version):
        for indicator in axis.indicators:
            for item in indicator.items:
                sheet.append(
                    [
                        axis.code,
                        axis.title,
                        axis.weight,
                        indicator.code,
                        indicator.title,
                        indicator.weight,
                        item.code,
                        item.title,
                        type_label[item.item_type],
                        item.weight,
                        direction_label[item.direction],
                        item.standard,
                        item.scale_min,
                        item.scale_max,
                        "بله" if item.is_required else "خیر",
                        "بله" if item.is_evidence_required else "خیر",
                        item.relevant_if,
                        item.relevant_value,
                        item.help_text,
                    ]
                )
    for column, width in zip(
        "ABCDEFGHIJKLMNOPQRS", (10, 28, 9, 10, 34, 9, 10, 48, 12, 7, 14, 10, 9, 9, 8, 12, 10, 10, 30), strict=False
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
