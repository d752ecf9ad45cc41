"""Many public pages announced at once: a national round publishes 3,101 (its ranking and every unit's result).

A page at a time that was some 40,000 statements and 40 s inside the publishing request; now a batch costs the
same few statements however many pages it holds, and announcing the same pages again writes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hamafza.core.db.bulk import update_rows
from hamafza.core.public_pages import PageSpec
from hamafza.voice.models import PageKind, PublicPage, SearchEntry
from hamafza.voice.services import search
from hamafza.voice.services.pages import public_pages_ensure


@pytest.fixture
def targets(make_org):
    office = make_org("دفتر ارزیابی عملکرد استانداری فارس", code="office")
    return office, [make_org(f"فرمانداری شماره {n} فارس", code=f"unit-{n}") for n in range(40)]


def _specs(office, units, *, text="رتبه و امتیاز واحد در دوره نخست", is_public=True):
    return [
        PageSpec(
            target=unit,
            organization=office,
            kind=PageKind.EVALUATION_RESULT,
            title=f"نتیجه ارزیابی {unit.name}",
            url=f"/evaluation/units/{unit.pk}/results/",
            text=text,
            is_public=is_public,
        )
        for unit in units
    ]


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_forty_pages_cost_the_statements_of_three(targets):
    office, units = targets
    with CaptureQueriesContext(connection) as few:
        public_pages_ensure(_specs(office, units[:3]))
    with CaptureQueriesContext(connection) as many:
        pages = public_pages_ensure(_specs(office, units[3:]))
    assert len(many) == len(few)
    assert [page.object_id for page in pages] == [str(unit.pk) for unit in units[3:]]
    assert PublicPage.objects.filter(kind=PageKind.EVALUATION_RESULT).count() == 40
    assert SearchEntry.objects.filter(comment__isnull=True).count() == 40
    assert {hit.entry.page_id for hit in search.search("فرمانداری شماره ۱۷").hits} >= {pages[14].pk}


def test_announcing_the_same_pages_again_writes_nothing_and_a_change_is_written_and_found(targets):
    office, units = targets
    first = public_pages_ensure(_specs(office, units))
    with CaptureQueriesContext(connection) as again:
        second = public_pages_ensure(_specs(office, units))
    assert [page.pk for page in second] == [page.pk for page in first]
    assert _writes(again) == []

    changed = [dataclasses.replace(spec, text="امتیاز بازبینی شد: پسماند شهری") for spec in _specs(office, units)]
    public_pages_ensure(changed[:5] + _specs(office, units[5:]))
    assert PublicPage.objects.get(pk=first[0].pk).text == "امتیاز بازبینی شد: پسماند شهری"
    assert PublicPage.objects.get(pk=first[9].pk).text == "رتبه و امتیاز واحد در دوره نخست"
    found = {hit.entry.page_id for hit in search.search("بازبینی پسماند").hits}
    assert found == {page.pk for page in first[:5]}


def test_a_page_made_private_leaves_search_and_comes_back_when_public_again(targets):
    office, units = targets
    pages = public_pages_ensure(_specs(office, units[:4]))
    public_pages_ensure(_specs(office, units[:2], is_public=False))
    assert not SearchEntry.objects.filter(page__in=pages[:2]).exists()
    assert SearchEntry.objects.filter(page__in=pages[2:]).count() == 2
    assert not PublicPage.objects.get(pk=pages[0].pk).is_public
    public_pages_ensure(_specs(office, units[:2]))
    assert SearchEntry.objects.filter(page__in=pages).count() == 4


def test_rewriting_forty_changed_pages_costs_the_statements_of_three(targets):
    office, units = targets
    public_pages_ensure(_specs(office, units))
    text = "رتبه بازبینی شد"
    with CaptureQueriesContext(connection) as few:
        public_pages_ensure([dataclasses.replace(s, text=text) for s in _specs(office, units[:3])])
    with CaptureQueriesContext(connection) as many:
        public_pages_ensure([dataclasses.replace(s, text=text) for s in _specs(office, units[3:])])
    assert len(_writes(many)) == len(_writes(few)) and len(many) == len(few)
    assert PublicPage.objects.filter(text=text).count() == 40


def test_update_rows_writes_every_kind_of_value_as_the_orm_would(targets):
    office, units = targets
    pages = public_pages_ensure(_specs(office, units[:3]))
    other = units[5]
    moment = dt.datetime(2026, 3, 20, 8, 30, 15, 123456, tzinfo=dt.UTC)
    pages[0].title = "نتیجهٔ «ارزیابی» 'واحد' \"نخست\" — ۱۴۰۵\n%s $.pk"
    pages[0].organization = other
    pages[0].published_at = moment
    pages[1].is_public = False
    pages[1].published_at = None
    pages[1].text = ""
    assert update_rows(PublicPage, pages[:2], ["title", "organization", "published_at", "is_public", "text"]) == 2
    first, second, third = (PublicPage.objects.get(pk=page.pk) for page in pages)
    assert first.title == pages[0].title and first.organization_id == other.pk and first.published_at == moment
    assert first.is_public is True
    assert second.is_public is False and second.published_at is None and second.text == ""
    assert (third.title, third.organization_id) == (pages[2].title, office.pk)
    assert update_rows(PublicPage, [], ["title"]) == 0
