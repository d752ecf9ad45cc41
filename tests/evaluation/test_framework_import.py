from __future__ import annotations

import pytest

from hamafza.evaluation.framework_io import FrameworkImportError, framework_to_xlsx, parse_framework_xlsx
from hamafza.evaluation.models import ChecklistItem, Framework, ItemType
from hamafza.evaluation.services.frameworks import framework_version_create
from tests.evaluation.conftest import row, xlsx


def test_a_good_sheet_builds_the_tree_with_persian_digits_and_labels():
    sheet = xlsx(
        [
            row("A", "A1", "q1", "بله / خیر", "۱", axis_weight="۰٫۴"),
            row("A", "A1", "q2", "عدد", 2, axis_weight="0.4", standard="۸۰"),
            row("B", "B1", "q3", "طیف (رتبه‌ای)", 1, axis_weight=0.6, scale_min=0, scale_max=4),
        ]
    )
    axes = parse_framework_xlsx(sheet)
    assert [a.code for a in axes] == ["A", "B"]
    assert axes[0].weight == 0.4
    assert [i.code for i in axes[0].indicators[0].items] == ["q1", "q2"]
    assert axes[0].indicators[0].items[1].standard == 80
    assert axes[1].indicators[0].items[0].item_type == ItemType.SCALE


def test_a_broken_sheet_reports_every_row_in_persian_and_creates_nothing(office_world):
    sheet = xlsx(
        [
            row("A", "A1", "q1", "بله / خیر", ""),  # missing weight
            row("A", "A1", "q2", "چندگزینه‌ای", 1),  # unknown type
            row("A", "A1", "q1", "بله / خیر", 1),  # duplicate code
        ]
    )
    with pytest.raises(FrameworkImportError) as caught:
        parse_framework_xlsx(sheet)
    report = [str(error) for error in caught.value.errors]
    assert any("ردیف ۲" in line and "وزن" in line for line in report), report
    assert any("ردیف ۳" in line and "چندگزینه‌ای" in line for line in report), report
    assert any("ردیف ۴" in line and "تکراری" in line for line in report), report
    assert "هیچ چیز ساخته نشد" in caught.value.message
    assert not Framework.objects.exists()
    assert not ChecklistItem.objects.exists()


def test_a_sheet_missing_columns_says_which(office_world):
    sheet = xlsx([["A", "محور"]], headers=["کد محور", "محور"])
    with pytest.raises(FrameworkImportError) as caught:
        parse_framework_xlsx(sheet)
    assert "وزن" in str(caught.value.errors[0])


def test_a_file_that_is_not_excel_is_refused_in_persian():
    import io

    from hamafza.core.errors import DomainError

    with pytest.raises(DomainError) as caught:
        parse_framework_xlsx(io.BytesIO(b"not a spreadsheet"))
    assert "Excel" in caught.value.message


def test_export_then_import_gives_the_same_tree(office_world):
    sheet = xlsx(
        [
            row("A", "A1", "q1", "بله / خیر", 1, axis_weight=0.4),
            row("A", "A2", "q2", "درصد", 2, axis_weight=0.4, direction="کمتر بهتر", standard=10),
            row("B", "B1", "q3", "متن", 1, axis_weight=0.6, relevant_if="q1", relevant_value="بله"),
        ]
    )
    version = framework_version_create(
        by=office_world.evaluator,
        owner=office_world.office,
        code="social",
        title="اجتماعی",
        axes=parse_framework_xlsx(sheet),
    )
    again = parse_framework_xlsx(__import__("io").BytesIO(framework_to_xlsx(version)))
    assert again == parse_framework_xlsx(
        xlsx(
            [
                row("A", "A1", "q1", "بله / خیر", 1, axis_weight=0.4),
                row("A", "A2", "q2", "درصد", 2, axis_weight=0.4, direction="کمتر بهتر", standard=10),
                row("B", "B1", "q3", "متن", 1, axis_weight=0.6, relevant_if="q1", relevant_value="بله"),
            ]
        )
    )
    assert version.items.get(code="q3").relevant_if_item.code == "q1"


def test_importing_again_makes_a_new_version(office_world):
    axes = parse_framework_xlsx(xlsx([row("A", "A1", "q1", "بله / خیر", 1, axis_weight=1)]))
    first = framework_version_create(by=None, owner=office_world.office, code="f", title="چارچوب", axes=axes)
    second = framework_version_create(by=None, owner=office_world.office, code="f", title="چارچوب", axes=axes)
    assert (first.number, second.number) == (1, 2)
    assert first.framework_id == second.framework_id
