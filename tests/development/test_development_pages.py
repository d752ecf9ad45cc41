"""Pages of the development app through the Django client, as governor, staff, citizen and a foreign governor."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hamafza.development import services
from hamafza.development.models import CriteriaWeights, Indicator, Pledge, PledgeStatus
from hamafza.programs.services import milestone_add, program_publish
from tests.development.conftest import login
from tests.development.test_development_services import xlsx


def _client(user: Any) -> Client:
    return login(Client(), user)


def _fill_ranking(dev: Any, names: list[str]) -> None:
    literacy = services.indicator_create(owner=dev.governorate, title="نرخ باسوادی", by=None)
    jobless = services.indicator_create(owner=dev.governorate, title="نرخ بیکاری", is_benefit=False, by=None)
    for n, name in enumerate(names):
        county = dev.counties[name].pk
        services.indicator_values_set(indicator=literacy, values={county: 90.0 - n}, by=None)
        services.indicator_values_set(indicator=jobless, values={county: 8.0 + n}, by=None)


def test_capacities_page_opens_for_the_governorate_and_is_missing_for_others(dev: Any) -> None:
    services.capacity_create(
        owner=dev.amol, by=None, title="چشمه‌های آب‌گرم لاریجان", kind="natural", importance=8, sustainability=7,
        long_term=8,
    )  # fmt: skip
    url = f"/development/orgs/{dev.amol.pk}/capacities/"
    page = _client(dev.governor).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'lang="fa"' in body and "چشمه‌های آب‌گرم لاریجان" in body and "ثبت ظرفیت" in body
    staff_page = _client(dev.staff).get(url).content.decode()
    assert "ثبت ظرفیت" in staff_page
    assert _client(dev.citizen).get(url).status_code == 404
    assert _client(dev.foreign_governor).get(url).status_code == 404


def test_the_weights_form_refuses_cyclic_judgements_with_a_persian_explanation(dev: Any) -> None:
    client = _client(dev.governor)
    url = f"/development/orgs/{dev.amol.pk}/weights/"
    data = {"importance_sustainability": "۳", "importance_long_term": "۱/۳", "sustainability_long_term": "۳"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "نرخ ناسازگاری این مقایسه‌ها ۱٫۱۴۹۴ است" in body
    assert not CriteriaWeights.objects.exists()
    accepted = client.post(
        url, {"importance_sustainability": "۳", "importance_long_term": "5", "sustainability_long_term": "۳"}
    )
    assert accepted.status_code == 302
    assert CriteriaWeights.objects.get(owner=dev.amol).consistency_ratio == pytest.approx(0.0332, abs=5e-4)
    again = client.get(url).content.decode()
    assert "۰٫۰۳۳۲" in again
    assert _client(dev.foreign_governor).post(url, data).status_code == 404


def test_capacity_edit_with_a_stale_version_is_a_conflict(dev: Any) -> None:
    capacity = services.capacity_create(
        owner=dev.amol, by=None, title="بازار سنتی", kind="place", importance=6, sustainability=7, long_term=6
    )
    client = _client(dev.staff)
    url = f"/development/capacities/{capacity.pk}/edit/"
    form = {"title": "بازار سنتی آمل", "kind": "place", "importance": "۷", "sustainability": "۷", "long_term": "۶"}
    assert client.post(url, {**form, "version": capacity.version}).status_code == 302
    stale = client.post(url, {**form, "title": "بازار", "version": capacity.version})
    assert stale.status_code == 409
    capacity.refresh_from_db()
    assert capacity.title == "بازار سنتی آمل" and capacity.importance == 7
    assert _client(dev.citizen).get(url).status_code == 404


def test_xlsx_import_with_broken_rows_shows_a_row_report_and_imports_nothing(dev: Any) -> None:
    client = _client(dev.staff)
    url = f"/development/orgs/{dev.governorate.pk}/indicators/import/"
    sheet = xlsx([["شهرستان", "نرخ باسوادی"], ["ساری", 91], ["تهران", 90], ["آمل", "—"]])
    response = client.post(url, {"file": sheet})
    assert response.status_code == 200
    body = response.content.decode()
    assert "هیچ مقداری ثبت نشد" in body and "«تهران» شهرستانی از این استان نیست." in body
    assert body.count('data-testid="import-error"') == 2
    assert not Indicator.objects.exists()
    good = xlsx([["شهرستان", "نرخ باسوادی"], ["ساری", 91], ["آمل", "۹۰"]])
    assert client.post(url, {"file": good}).status_code == 302
    assert Indicator.objects.get().values.count() == 2
    template = client.get(f"/development/orgs/{dev.governorate.pk}/indicators/template.xlsx")
    assert template.status_code == 200 and template.content[:2] == b"PK"


def test_the_ranking_page_lists_the_most_deprived_first_with_a_fixed_number_of_queries(
    dev: Any, django_assert_max_num_queries: Any
) -> None:
    names = ["ساری", "بابل", "آمل", "نور", "سوادکوه شمالی"]
    _fill_ranking(dev, names)
    client = Client()
    url = f"/development/orgs/{dev.governorate.pk}/ranking/"
    with django_assert_max_num_queries(8):
        response = client.get(url)
    body = response.content.decode()
    positions = [body.index(f'<td data-label="شهرستان">{name}</td>') for name in reversed(names)]
    assert positions == sorted(positions)
    assert 'id="development-chart"' in body and 'id="development-data"' in body and "<script>" not in body
    # More counties cost no more queries.
    _fill_more = services.indicator_create(owner=dev.governorate, title="پزشک", by=None)
    services.indicator_values_set(indicator=_fill_more, values={dev.counties[n].pk: 1.0 for n in names}, by=None)
    with django_assert_max_num_queries(8):
        client.get(url + "?method=thresholds&thresholds=۲۵،۵۰،۷۵")
    for odd in ("?k=nan", "?k=inf", "?method=thresholds&thresholds=nan", "?k=سه"):
        assert client.get(url + odd).status_code == 200
    # Before it has indicators a ranking is the organization's own business.
    assert Client().get(f"/development/orgs/{dev.foreign.pk}/ranking/").status_code == 404


def test_key_works_show_the_priority_class_of_their_county_and_the_public_sees_only_published(
    dev: Any, django_assert_max_num_queries: Any
) -> None:
    _fill_ranking(dev, ["ساری", "بابل", "سوادکوه شمالی"])
    client = _client(dev.governor)
    response = client.post(
        "/development/key-works/new/",
        {
            "owner": dev.amol.pk, "title": "ساماندهی حاشیه‌نشینی", "challenge": "marginal_settlements",
            "goals": "بهسازی معابر", "jalali_year": "۱۴۰۵", "period": "1",
            "county": dev.counties["سوادکوه شمالی"].pk,
        },
    )  # fmt: skip
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "اولویت توسعه: محروم" in detail and "نیمه نخست ۱۴۰۵" in detail
    key_work = dev.amol.programs.get().key_work
    for n in range(3):
        milestone_add(program=key_work.program, title=f"گام {n}", by=None)
    assert Client().get(f"/development/key-works/{key_work.pk}/").status_code == 404
    assert _client(dev.foreign_governor).get(f"/development/key-works/{key_work.pk}/").status_code == 404
    assert "ساماندهی حاشیه‌نشینی" not in Client().get("/development/key-works/public/").content.decode()
    program_publish(program=key_work.program, by=None)
    assert Client().get(f"/development/key-works/{key_work.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        public = Client().get("/development/key-works/public/").content.decode()
    assert "ساماندهی حاشیه‌نشینی" in public and "محروم" in public
    with django_assert_max_num_queries(20):
        assert client.get("/development/key-works/").status_code == 200


def test_pledges_page_ledger_and_consent(dev: Any) -> None:
    key_work = services.key_work_create(
        owner=dev.amol, title="پسماند صفر", goals="تفکیک", challenge="waste", jalali_year=1405, by=None
    )
    program = program_publish(program=key_work.program, by=None)
    url = f"/development/programs/{program.pk}/pledges/"
    citizen = _client(dev.citizen)
    data = {"pledger_kind": "citizen", "kind": "money", "amount": "۵۰٬۰۰۰٬۰۰۰", "public_name": "on"}
    assert citizen.post(url, data).status_code == 302
    assert citizen.post(url, data).status_code == 302  # a double submit adds nothing
    citizen.post(url, {"pledger_kind": "citizen", "kind": "design", "description": "طراحی نما"})
    assert Pledge.objects.count() == 2
    page = citizen.get(url).content.decode()
    assert "دفتر تعهدها" not in page  # the ledger is the owner's
    assert Client().post(url, data).status_code == 302 and Pledge.objects.count() == 2  # sent to log in
    money = Pledge.objects.get(kind="money")
    assert citizen.post(f"/development/pledges/{money.pk}/advance/", {"to": "confirmed"}).status_code == 404
    assert (
        _client(dev.foreign_governor).post(f"/development/pledges/{money.pk}/advance/", {"to": "confirmed"}).status_code
        == 404
    )
    staff = _client(dev.staff)
    queue = staff.get("/development/pledges/").content.decode()
    assert "پسماند صفر" in queue
    assert (
        staff.post(f"/development/pledges/{money.pk}/advance/", {"to": "confirmed", "version": "1"}).status_code == 302
    )
    stale = staff.post(f"/development/pledges/{money.pk}/advance/", {"to": "delivered", "version": "1"})
    assert stale.status_code == 409
    money.refresh_from_db()
    assert money.status == PledgeStatus.CONFIRMED
    public = Client().get(url).content.decode()
    assert "۵۰٬۰۰۰٬۰۰۰" in public and "مریم کاظمی" in public  # consented and confirmed
    design = Pledge.objects.get(kind="design")
    services.pledge_advance(pledge=design, to="confirmed", by=None)
    assert Client().get(url).content.decode().count("مریم کاظمی") == 1  # no consent: not named


def test_experiences_search_and_adoption(dev: Any, django_assert_max_num_queries: Any) -> None:
    experience = services.experience_create(
        owner=dev.amol, by=dev.governor, is_published=True, title="تفکیک پسماند در محله",
        problem="انباشت زباله", action="آموزش خانوارها", result="کاهش دفن", tags="پسماند",
    )  # fmt: skip
    draft = services.experience_create(
        owner=dev.amol, by=dev.governor, title="پیش‌نویس میزها", problem="الف", action="ب", result="ج"
    )
    with django_assert_max_num_queries(6):
        listing = Client().get("/development/experiences/", {"q": "خانوار"}).content.decode()
    assert "تفکیک پسماند در محله" in listing and "پیش‌نویس میزها" not in listing
    assert "پیش‌نویس میزها" in _client(dev.staff).get("/development/experiences/").content.decode()
    assert Client().get(f"/development/experiences/{draft.pk}/").status_code == 404
    assert _client(dev.foreign_governor).get(f"/development/experiences/{draft.pk}/").status_code == 404
    foreign = _client(dev.foreign_governor)
    assert (
        foreign.post(f"/development/experiences/{experience.pk}/adopt/", {"organization": dev.foreign.pk}).status_code
        == 302
    )
    assert (
        foreign.post(f"/development/experiences/{experience.pk}/adopt/", {"organization": dev.foreign.pk}).status_code
        == 302
    )
    detail = Client().get(f"/development/experiences/{experience.pk}/").content.decode()
    assert "به‌کارگرفته در ۱ سازمان" in detail and "استانداری فارس" in detail
    # Nobody adopts for an organization they do not manage.
    foreign.post(f"/development/experiences/{experience.pk}/adopt/", {"organization": dev.governorate.pk})
    assert experience.adoptions.count() == 1


def test_capacity_and_pledge_pages_cost_a_fixed_number_of_queries(dev: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(12):
        services.capacity_create(
            owner=dev.amol, by=None, title=f"ظرفیت {n}", kind="place", importance=1 + n % 10, sustainability=5,
            long_term=5, county=dev.counties["آمل"],
        )  # fmt: skip
    key_work = services.key_work_create(
        owner=dev.amol, title="پسماند", goals="تفکیک", challenge="waste", jalali_year=1405, by=None
    )
    program = program_publish(program=key_work.program, by=None)
    for n in range(12):
        services.pledge_create(
            program=program, by=dev.citizen, pledger_kind="citizen", kind="money", amount=1000 + n, public_name=True
        )
    governor = _client(dev.governor)
    with django_assert_max_num_queries(14):
        page = governor.get(f"/development/orgs/{dev.amol.pk}/capacities/")
    assert page.content.decode().count('data-testid="capacity-row"') == 12
    staff = _client(dev.staff)
    with django_assert_max_num_queries(22):
        ledger = staff.get(f"/development/programs/{program.pk}/pledges/")
    assert "دفتر تعهدها" in ledger.content.decode()
    with django_assert_max_num_queries(14):
        queue = staff.get("/development/pledges/")
    assert queue.status_code == 200
    # A citizen who represents no NGO is not offered to pledge in an NGO's name.
    form = _client(dev.citizen).get(f"/development/programs/{program.pk}/pledges/").content.decode()
    assert 'value="ngo"' not in form and 'name="stakeholder"' not in form


def test_a_programs_page_links_its_pledges_and_published_experiences(dev: Any) -> None:
    from hamafza.programs.services import program_create, program_publish

    program = program_publish(
        program=program_create(
            owner=dev.governorate, title="پسماند صفر", kind="key_work", status="active", by=dev.governor
        ),
        by=dev.governor,
    )
    url = f"/programs/{program.pk}/"
    html = Client().get(url).content.decode()
    assert "هنوز تعهدی ثبت نشده" in html and f"/development/programs/{program.pk}/pledges/" in html
    services.pledge_create(program=program, by=dev.citizen, pledger_kind="citizen", kind="money", amount="۵۰۰")
    services.experience_create(
        owner=dev.amol, by=dev.governor, is_published=True, programs=[program], title="تفکیک پسماند در محله",
        problem="انباشت زباله", action="آموزش خانوارها", result="کاهش دفن",
    )  # fmt: skip
    services.experience_create(
        owner=dev.amol, by=dev.governor, programs=[program], title="پیش‌نویس میزها", problem="الف", action="ب",
        result="ج",
    )  # fmt: skip
    html = Client().get(url).content.decode()
    assert "۱ تعهد، ۰ تأییدشده" in html
    assert "تجربه موفق: تفکیک پسماند در محله" in html and "پیش‌نویس میزها" not in html
    # Every link it shows opens for the visitor who sees it.
    assert Client().get(f"/development/programs/{program.pk}/pledges/").status_code == 200
