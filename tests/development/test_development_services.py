"""Services of the development app: AHP judgements, capacities, indicators and the XLSX import, the ranking,
key works, the pledge ledger and experiences. Real database, no mocks."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from hamafza.analytics.decision import topsis
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.core.models import AuditEntry
from hamafza.development import selectors, services
from hamafza.development.models import Indicator, IndicatorValue, PledgeStatus
from hamafza.programs.services import program_create, program_publish

CYCLIC_UPPER = ["3", "۱/۳", "۳"]  # [[1,3,1/3],[1/3,1,3],[3,1/3,1]]
SAATY_UPPER = ["۳", "5", "۳"]  # [[1,3,5],[1/3,1,3],[1/5,1/3,1]]


def xlsx(rows: list[list[Any]], name: str = "شاخص‌ها.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("raw", "value"), [("۱/۳", 1 / 3), ("3", 3.0), ("۰٫۵", 0.5), (" ١/٥ ", 0.2), ("9", 9.0), (7, 7.0)]
)
def test_judgements_accept_persian_digits_and_fractions(raw: Any, value: float) -> None:
    assert services.parse_judgement(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["", "سه", "0", "10", "1/0", "-3", "1/12"])
def test_judgements_refuse_what_is_not_a_saaty_number(raw: str) -> None:
    with pytest.raises(DomainError):
        services.parse_judgement(raw)


def test_cyclic_judgements_are_refused_with_their_consistency_ratio(dev: Any) -> None:
    matrix = services.matrix_from_upper([services.parse_judgement(v) for v in CYCLIC_UPPER])
    with pytest.raises(DomainError) as error:
        services.weights_set(owner=dev.amol, matrix=matrix, by=dev.governor)
    assert "۱٫۱۴۹۴" in error.value.message
    assert "ناسازگاری" in error.value.message
    assert not hasattr(dev.amol, "capacity_weights") or dev.amol.capacity_weights is None


def test_consistent_judgements_give_saatys_weights_and_a_stale_version_is_refused(dev: Any) -> None:
    matrix = services.matrix_from_upper([services.parse_judgement(v) for v in SAATY_UPPER])
    row = services.weights_set(owner=dev.amol, matrix=matrix, by=dev.governor)
    assert row.weights == pytest.approx([0.6370, 0.2583, 0.1047], abs=5e-4)
    assert row.consistency_ratio == pytest.approx(0.0332, abs=5e-4)
    assert AuditEntry.objects.filter(action="development.weights.set").count() == 1
    services.weights_set(owner=dev.amol, matrix=matrix, by=dev.governor, version=row.version)
    with pytest.raises(VersionConflict):
        services.weights_set(owner=dev.amol, matrix=matrix, by=dev.governor, version=row.version)


def test_only_the_organizations_people_set_weights_and_add_capacities(dev: Any) -> None:
    matrix = services.matrix_from_upper([3, 5, 3])
    with pytest.raises(PermissionDenied):
        services.weights_set(owner=dev.amol, matrix=matrix, by=dev.foreign_governor)
    with pytest.raises(PermissionDenied):
        services.capacity_create(
            owner=dev.amol, by=dev.citizen, title="x", kind="place", importance=1, sustainability=1, long_term=1
        )


def test_capacities_are_ranked_by_topsis_with_the_ahp_weights(dev: Any) -> None:
    services.weights_set(owner=dev.amol, matrix=services.matrix_from_upper([3, 5, 3]), by=dev.governor)
    scores = [("چشمه آب‌گرم", 7, 9, 9), ("جنگل هیرکانی", 8, 7, 8), ("کوه دماوند", 9, 6, 9), ("بازار سنتی", 6, 7, 6)]
    for title, a, b, c in scores:
        services.capacity_create(
            owner=dev.amol, by=dev.staff, title=title, kind="natural", importance=f"{a}", sustainability=b, long_term=c
        )
    ranked, weights = selectors.capacity_ranking(dev.amol)
    expected = topsis([[a, b, c] for _, a, b, c in scores], weights.weights, [True, True, True])
    by_title = {item.capacity.title: item.closeness for item in ranked}
    assert [by_title[title] for title, *_ in scores] == pytest.approx(list(expected))
    assert [item.rank for item in ranked] == [1, 2, 3, 4]
    assert ranked[0].capacity.title == scores[int(np.argmax(expected))][0]


def test_capacity_scores_outside_one_to_ten_and_duplicate_titles_are_refused(dev: Any) -> None:
    fields = {"kind": "people", "sustainability": 5, "long_term": 5}
    with pytest.raises(DomainError):
        services.capacity_create(owner=dev.amol, by=dev.governor, title="نخبگان", importance="۱۱", **fields)
    services.capacity_create(owner=dev.amol, by=dev.governor, title="نخبگان", importance="۸", **fields)
    with pytest.raises(DomainError):
        services.capacity_create(owner=dev.amol, by=dev.governor, title="نخبگان", importance="۸", **fields)


def _three_counties(dev: Any) -> list[str]:
    return ["ساری", "آمل", "سوادکوه شمالی"]


def test_import_of_a_good_sheet_creates_indicators_and_values_and_ranks_the_deprived_first(dev: Any) -> None:
    sheet = xlsx(
        [
            ["شهرستان", "نرخ باسوادی", "نرخ بیکاری (کمتر بهتر)"],
            ["ساری", "۹۱٫۵", 8.9],
            ["آمل", 90.2, "۹٫۸"],
            ["سوادكوه شمالي", 85.4, 14.2],  # Arabic kaf and yeh: still the county
        ]
    )
    report = services.indicators_import(owner=dev.governorate, upload=sheet, by=dev.staff)
    assert report.ok and report.values == 6 and report.created_indicators == ["نرخ باسوادی", "نرخ بیکاری"]
    assert Indicator.objects.get(owner=dev.governorate, title="نرخ بیکاری").is_benefit is False
    ranking = selectors.development_ranking(dev.governorate)
    assert [a.name for a in ranking.areas] == ["سوادکوه شمالی", "آمل", "ساری"]
    assert ranking.areas[0].morris == pytest.approx(0.0)
    assert ranking.areas[-1].morris == pytest.approx(100.0)


def test_import_with_broken_rows_reports_each_and_writes_nothing(dev: Any) -> None:
    sheet = xlsx(
        [
            ["شهرستان", "نرخ باسوادی", "نرخ بیکاری (کمتر بهتر)"],
            ["ساری", 91.5, 8.9],
            ["شیراز", 90, 9],  # not a county of Mazandaran
            ["آمل", "نود", 9.8],  # not a number
            ["بابل", 91, None],  # empty
            ["ساری", 91, 9],  # repeated
        ]
    )
    report = services.indicators_import(owner=dev.governorate, upload=sheet, by=dev.staff)
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "شهرستان"),
        (4, "نرخ باسوادی"),
        (5, "نرخ بیکاری"),
        (6, "شهرستان"),
    ]
    assert "شیراز" in report.errors[0].message and "ردیف ۲" in report.errors[3].message
    assert not Indicator.objects.exists() and not IndicatorValue.objects.exists()
    assert not AuditEntry.objects.filter(action="development.indicators.imported").exists()


def test_import_refuses_a_file_that_is_not_a_spreadsheet(dev: Any) -> None:
    fake = SimpleUploadedFile("شاخص‌ها.xlsx", b"<html>not a sheet</html>")
    with pytest.raises(DomainError):
        services.indicators_import(owner=dev.governorate, upload=fake, by=dev.staff)
    with pytest.raises(DomainError):
        services.indicators_import(owner=dev.governorate, upload=xlsx([["نام", "x"], ["ساری", 1]]), by=dev.staff)


def test_the_ranking_costs_two_queries_whatever_the_number_of_counties(
    dev: Any, django_assert_num_queries: Any
) -> None:
    names = list(dev.counties)[:15]
    for j, benefit in enumerate((True, False, True)):
        indicator = services.indicator_create(owner=dev.governorate, title=f"شاخص {j}", is_benefit=benefit, by=None)
        services.indicator_values_set(
            indicator=indicator, values={dev.counties[n].pk: float(i * (j + 1)) for i, n in enumerate(names)}, by=None
        )
    with django_assert_num_queries(2):
        ranking = selectors.development_ranking(dev.governorate)
    assert len(ranking.areas) == 15


def test_classes_by_thresholds_and_deviation(dev: Any) -> None:
    indicator = services.indicator_create(owner=dev.governorate, title="باسوادی", by=None)
    values = {"ساری": 100.0, "آمل": 60.0, "بابل": 40.0, "نور": 0.0}
    services.indicator_values_set(
        indicator=indicator, values={dev.counties[n].pk: v for n, v in values.items()}, by=None
    )
    by_thresholds = selectors.development_ranking(dev.governorate, thresholds=[25, 50, 75])
    assert [(a.name, a.klass) for a in by_thresholds.areas] == [("نور", 0), ("بابل", 1), ("آمل", 2), ("ساری", 3)]
    by_deviation = selectors.development_ranking(dev.governorate, k=1.0)
    assert by_deviation.areas[0].klass == 0 and by_deviation.areas[-1].klass == 3


def _published_program(dev: Any) -> Any:
    program = program_create(
        owner=dev.governorate, title="پسماند صفر", kind="key_work", status="active", by=dev.governor
    )
    return program_publish(program=program, by=dev.governor)


def test_the_pledge_ledger_moves_forward_only_and_is_audited(dev: Any) -> None:
    program = _published_program(dev)
    pledge = services.pledge_create(
        program=program, by=dev.citizen, pledger_kind="citizen", kind="money", amount="۱۰۰٬۰۰۰٬۰۰۰", public_name=True
    )
    assert pledge.amount == 100_000_000 and pledge.status == PledgeStatus.PLEDGED
    # A double submit is the same pledge.
    again = services.pledge_create(
        program=program, by=dev.citizen, pledger_kind="citizen", kind="money", amount="100000000", public_name=True
    )
    assert again.pk == pledge.pk
    with pytest.raises(PermissionDenied):
        services.pledge_advance(pledge=pledge, to="confirmed", by=dev.citizen)
    with pytest.raises(PermissionDenied):
        services.pledge_advance(pledge=pledge, to="confirmed", by=dev.foreign_governor)
    with pytest.raises(DomainError):
        services.pledge_advance(pledge=pledge, to="delivered", by=dev.staff)
    confirmed = services.pledge_advance(pledge=pledge, to="confirmed", by=dev.staff, version=pledge.version)
    with pytest.raises(VersionConflict):
        services.pledge_advance(pledge=confirmed, to="delivered", by=dev.staff, version=pledge.version)
    delivered = services.pledge_advance(pledge=confirmed, to="delivered", by=dev.staff, version=confirmed.version)
    with pytest.raises(DomainError):
        services.pledge_advance(pledge=delivered, to="cancelled", by=dev.staff)
    totals = selectors.pledge_totals([program.pk])[program.pk]
    assert totals.money == {"delivered": 100_000_000}
    actions = list(
        AuditEntry.objects.filter(action="development.pledge.advanced").order_by("seq").values_list("data", flat=True)
    )
    assert [(d["from"], d["to"]) for d in actions] == [("pledged", "confirmed"), ("confirmed", "delivered")]


def test_a_pledge_needs_a_visible_program_and_an_amount_or_a_description(dev: Any) -> None:
    draft = program_create(owner=dev.governorate, title="پیش‌نویس", kind="key_work", by=dev.governor)
    with pytest.raises(PermissionDenied):
        services.pledge_create(program=draft, by=dev.citizen, pledger_kind="citizen", kind="money", amount=10)
    program = _published_program(dev)
    with pytest.raises(DomainError):
        services.pledge_create(program=program, by=dev.citizen, pledger_kind="citizen", kind="money", amount="")
    with pytest.raises(DomainError):
        services.pledge_create(program=program, by=dev.citizen, pledger_kind="citizen", kind="design")
    with pytest.raises(DomainError):
        services.pledge_create(program=program, by=dev.citizen, pledger_kind="ngo", kind="design", description="x")


def test_key_work_owns_a_key_work_program_and_gets_its_countys_priority_class(dev: Any) -> None:
    indicator = services.indicator_create(owner=dev.governorate, title="باسوادی", by=None)
    values = {"ساری": 92.0, "آمل": 90.0, "بابل": 91.0, "سوادکوه شمالی": 85.0}
    services.indicator_values_set(
        indicator=indicator, values={dev.counties[n].pk: v for n, v in values.items()}, by=None
    )
    deprived = services.key_work_create(
        owner=dev.amol, title="ساماندهی حاشیه", goals="بهسازی", challenge="marginal_settlements", jalali_year=1405,
        county=dev.counties["سوادکوه شمالی"], by=dev.governor,
    )  # fmt: skip
    developed = services.key_work_create(
        owner=dev.amol, title="پسماند", goals="تفکیک", challenge="waste", jalali_year=1405, by=dev.governor
    )
    assert deprived.program.kind == "key_work" and deprived.program.challenge == "سکونتگاه‌های غیررسمی و حاشیه‌نشینی"
    assert developed.county == dev.amol.county
    rows = selectors.key_work_rows([developed, deprived])
    assert rows[0][0] == deprived and rows[0][1].klass == 0
    with pytest.raises(DomainError):
        services.key_work_create(
            owner=dev.amol, title="x", goals="y", challenge="nothing", jalali_year=1405, by=dev.governor
        )
    with pytest.raises(PermissionDenied):
        services.key_work_create(
            owner=dev.amol, title="x", goals="y", challenge="waste", jalali_year=1405, by=dev.foreign_governor
        )


def test_experiences_are_found_by_persian_search_and_adoption_counts_once(dev: Any) -> None:
    experience = services.experience_create(
        owner=dev.amol, by=dev.governor, is_published=True, title="تفکیک پسماند از مبدأ در محله‌ها",
        problem="انباشت زباله در حاشیه شهر", action="آموزش خانوارها با همکاری سمن‌ها",
        result="کاهش یک‌سوم پسماند دفنی", tags="پسماند، محیط زیست، پسماند",
    )  # fmt: skip
    services.experience_create(
        owner=dev.amol, by=dev.governor, is_published=True, title="میزهای تخصصی",
        problem="نبود سازوکار", action="تشکیل میز", result="مشارکت بیشتر",
    )  # fmt: skip
    assert experience.tags == "پسماند، محیط زیست"
    visible = selectors.search_experiences(
        __import__("hamafza.development.models", fromlist=["Experience"]).Experience.objects.all(), "خانوار"
    )
    assert list(visible) == [experience]
    arabic = selectors.search_experiences(type(experience).objects.all(), "زباله")
    assert list(arabic) == [experience]
    services.experience_adopt(experience=experience, organization=dev.governorate, by=dev.governor)
    services.experience_adopt(experience=experience, organization=dev.governorate, by=dev.governor)
    assert selectors.with_adoptions(type(experience).objects.filter(pk=experience.pk)).get().adopted_count == 1
    with pytest.raises(PermissionDenied):
        services.experience_adopt(experience=experience, organization=dev.foreign, by=dev.governor)


def test_every_development_audit_entry_reads_as_a_persian_sentence(dev: Any) -> None:
    from hamafza.core.describe import Entry, describe_all

    services.weights_set(owner=dev.amol, matrix=services.matrix_from_upper([3, 5, 3]), by=dev.governor)
    capacity = services.capacity_create(
        owner=dev.amol, by=dev.governor, title="بازار", kind="place", importance=5, sustainability=5, long_term=5
    )
    services.capacity_update(
        capacity=capacity, by=dev.governor, version=capacity.version, title="بازار سنتی", kind="place",
        importance=6, sustainability=5, long_term=5,
    )  # fmt: skip
    indicator = services.indicator_create(owner=dev.governorate, title="باسوادی", by=dev.staff)
    services.indicator_values_set(indicator=indicator, values={dev.counties["ساری"].pk: 90.0}, by=dev.staff)
    services.indicators_import(owner=dev.governorate, upload=xlsx([["شهرستان", "باسوادی"], ["ساری", 91]]), by=dev.staff)
    program = _published_program(dev)
    pledge = services.pledge_create(program=program, by=dev.citizen, pledger_kind="citizen", kind="money", amount=5)
    services.pledge_advance(pledge=pledge, to="confirmed", by=dev.staff)
    services.key_work_create(
        owner=dev.amol, title="پسماند", goals="تفکیک", challenge="waste", jalali_year=1405, by=dev.governor
    )
    experience = services.experience_create(
        owner=dev.amol, by=dev.governor, is_published=True, title="میز", problem="ا", action="ب", result="ج"
    )
    services.experience_update(
        experience=experience, by=dev.governor, version=experience.version, title="میز تخصصی", problem="ا",
        action="ب", result="ج",
    )  # fmt: skip
    services.experience_adopt(experience=experience, organization=dev.governorate, by=dev.governor)
    entries = [
        Entry(who=e.actor_label, target=e.target_label, data=e.data, action=e.action)
        for e in AuditEntry.objects.filter(action__startswith="development.").order_by("seq")
    ]
    assert len({e.action for e in entries}) == 12
    for described in describe_all(entries):
        assert described.label != "رویداد"
        assert "development." not in described.sentence and "{" not in described.sentence
    advanced = describe_all([e for e in entries if e.action == "development.pledge.advanced"])[0]
    assert "از «اعلام‌شده» به «تأییدشده»" in advanced.sentence
