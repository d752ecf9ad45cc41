"""Program search uses the Persian analyzer (hamafza.persian index_terms / query_plan), like voice's search."""

from __future__ import annotations

from typing import Any

import pytest

from hamafza.persian import index_terms
from hamafza.programs import selectors
from hamafza.programs.models import Program
from hamafza.programs.services import program_create, program_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def programs(fars: Any) -> dict[str, Program]:
    def make(title: str, **extra: Any) -> Program:
        return program_create(
            owner=fars.welfare, title=title, kind="key_work", status="active", by=fars.manager, **extra
        )

    return {
        "ngo": make("همکاری با سازمان‌های مردم‌نهاد در پیشگیری"),
        "inspect": make("برنامه بازرسان محیط زیست"),
        "year": make("برنامه عملیاتی سال ۱۴۰۴"),
        "province": make("توسعه استان فارس"),
        "goals": make("طرح ویژه", goals="توانمندسازی زنان سرپرست خانوار در حاشیه شهر", challenge="سکونتگاه‌های غیررسمی"),
    }


def found(user: Any, q: str) -> set[int]:
    return set(selectors.program_list(user, q=q).values_list("pk", flat=True))


@pytest.mark.parametrize(
    "query", ["سازمانهای مردمنهاد", "سازمان هاي مردم نهاد", "مردم‌نهاد", "سازمان‌های مردم‌نهاد", "مردمنه"]
)
def test_zwnj_space_joined_letter_variants_and_prefixes_find_the_same_program(fars, programs, query):
    assert found(fars.manager, query) == {programs["ngo"].pk}


def test_stems_digits_goals_and_challenge(fars, programs):
    assert found(fars.manager, "بازرس") == {programs["inspect"].pk}
    assert found(fars.manager, "1404") == {programs["year"].pk}
    assert found(fars.manager, "زنان سرپرست") == {programs["goals"].pk}
    assert found(fars.manager, "سکونتگاههای غیر رسمی") == {programs["goals"].pk}


def test_a_word_that_merely_ends_like_a_plural_is_not_its_stem(fars, programs):
    # «استان» is not the plural of «است» (a stop word, which alone would match nothing useful).
    assert programs["province"].pk in found(fars.manager, "استان")
    assert found(fars.manager, "تهر") == set()
    assert programs["province"].search_terms.startswith(" ") and " استان " in programs["province"].search_terms


def test_the_public_list_uses_the_same_analyzer(fars, programs):
    from hamafza.programs.services import program_publish

    program_publish(program=programs["ngo"], by=fars.manager)
    assert [p.pk for p in selectors.published_programs(q="سازمانهای مردمنهاد")] == [programs["ngo"].pk]
    assert list(selectors.published_programs(q="بازرس")) == []


def test_an_edit_reindexes_and_an_empty_query_filters_nothing(fars, programs):
    program = programs["inspect"]
    program_update(program=program, by=fars.manager, version=program.version, title="برنامه پایش پسماند")
    assert found(fars.manager, "بازرس") == set()
    assert found(fars.manager, "پسماندها") == {program.pk}
    stored = Program.objects.get(pk=program.pk).search_terms.split()
    assert stored == index_terms("برنامه پایش پسماند")
    assert found(fars.manager, "  ") == found(fars.manager, "") == {p.pk for p in programs.values()}


def test_the_web_list_searches_too(fars, programs, client):
    client.force_login(fars.manager)
    response = client.get("/programs/", {"q": "سازمانهای مردمنهاد"})
    assert response.status_code == 200
    assert programs["ngo"].title in response.content.decode()
    assert programs["inspect"].title not in response.content.decode()
