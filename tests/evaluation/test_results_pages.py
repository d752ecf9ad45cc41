from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from hamafza.evaluation.models import AnswerSource, Round, RoundState
from hamafza.evaluation.services.answers import AnswerInput, answer_save
from hamafza.evaluation.services.rounds import assignment_create, round_advance

PASSWORD = "s3cret-pass-1403"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def answer(w, unit, code, value, by, source=AnswerSource.SELF):
    answer_save(round_unit=unit, item=w.items[code], source=source, by=by, data=AnswerInput(value=value))


@pytest.fixture
def finalized(open_round):
    w = open_round
    for unit, manager, sessions in ((w.unit1, w.manager1, "12"), (w.unit2, w.manager2, "6")):
        answer(w, unit, "has_plan", "بله", manager)
        answer(w, unit, "sessions", sessions, manager)
        answer(w, unit, "complaints", "10", manager)
    assignment_create(round_unit=w.unit1, inspector=w.inspector_b, by=w.evaluator)
    round_advance(round_=w.round, to=RoundState.FIELD_INSPECTION, by=w.evaluator)
    # Two inspectors who disagree on everything about district 1.
    for code, a, b in (("has_plan", "بله", "خیر"), ("sessions", "12", "2"), ("complaints", "10", "40")):
        answer(w, w.unit1, code, a, w.inspector_a, AnswerSource.INSPECTION)
        answer(w, w.unit1, code, b, w.inspector_b, AnswerSource.INSPECTION)
    for state in (RoundState.REVIEW, RoundState.OBJECTION, RoundState.FINALIZED):
        round_advance(round_=w.round, to=state, by=w.evaluator)
    return w


def test_before_publication_a_visitor_gets_404_and_a_unit_sees_only_itself(client, finalized):
    w = finalized
    url = reverse("evaluation:round_results", args=[w.round.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("evaluation:unit_results", args=[w.unit1.pk])).status_code == 404
    client.login(username="manager2", password=PASSWORD)
    html = client.get(url).content.decode()
    assert "منطقه ۲" in html and "منطقه ۱<" not in html
    assert client.get(reverse("evaluation:unit_results", args=[w.unit1.pk])).status_code == 404


def test_after_publication_anyone_sees_the_ranking(client, finalized):
    w = finalized
    round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)
    html = client.get(reverse("evaluation:round_results", args=[w.round.pk])).content.decode()
    assert "منطقه ۱" in html and "منطقه ۲" in html
    assert 'id="trend-chart"' in html and "data-results-chart" in html
    chart = client.get(reverse("evaluation:round_results_chart", args=[w.round.pk])).json()
    assert set(chart["bar"]["labels"]) == {"منطقه ۱", "منطقه ۲"}
    assert chart["trend"]["series"]


def test_before_publication_the_chart_data_is_scoped_like_the_page(client, finalized):
    w = finalized
    url = reverse("evaluation:round_results_chart", args=[w.round.pk])
    assert client.get(url).status_code == 404
    client.login(username="manager2", password=PASSWORD)
    assert client.get(url).json()["bar"]["labels"] == ["منطقه ۲"]


def test_a_large_ranking_is_paged_and_its_chart_holds_every_unit(client, finalized, make_org):
    from hamafza.evaluation.models import RoundUnit
    from hamafza.evaluation.views_results import RANKING_PAGE_SIZE

    w = finalized
    round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)
    extra = [make_org(f"ناحیه {n}", kind="municipal_district", parent=w.municipality) for n in range(60)]
    RoundUnit.objects.bulk_create(
        [RoundUnit(round=w.round, unit=org, total=100 - n, rank=3 + n) for n, org in enumerate(extra)]
    )
    url = reverse("evaluation:round_results", args=[w.round.pk])
    first = client.get(url)
    assert len(first.context["rows"]) == RANKING_PAGE_SIZE
    second = client.get(url, {"page": "۲"}).context["rows"]
    assert [row.round_unit.rank for row in second] == list(range(RANKING_PAGE_SIZE + 1, 63))
    chart = client.get(reverse("evaluation:round_results_chart", args=[w.round.pk])).json()
    assert len(chart["bar"]["labels"]) == 62 and chart["bar"]["data"][-1] == 41


def test_published_chart_data_is_cached_and_costs_no_ranking_queries_the_second_time(client, finalized):
    w = finalized
    round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)
    url = reverse("evaluation:round_results_chart", args=[w.round.pk])
    with CaptureQueriesContext(connection) as visitor_cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as visitor_warm:
        assert client.get(url).status_code == 200
    assert len(visitor_warm) == 1 < len(visitor_cold)  # a visitor gets the whole answer from the page cache
    client.force_login(w.evaluator)
    with CaptureQueriesContext(connection) as signed_in:
        assert client.get(url).status_code == 200
    # Signed in: only the round and the visibility check (a published round asks nothing of the person); the
    # bars, the chain and the trend come from the results cache.
    assert len(signed_in) == 2 < len(visitor_cold)


def test_the_xlsx_is_right_to_left_with_ranks(client, finalized):
    w = finalized
    round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)
    response = client.get(reverse("evaluation:round_results_xlsx", args=[w.round.pk]))
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert response.streaming  # written from a temporary file, never held whole in memory
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.sheet_view.rightToLeft
    ranks = {row[1]: row[0] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert set(ranks) == {"منطقه ۱", "منطقه ۲"}
    assert sorted(ranks.values()) == [1, 2]


def test_the_unit_report_is_a_persian_pdf(client, finalized):
    w = finalized
    round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)
    response = client.get(reverse("evaluation:unit_report_pdf", args=[w.unit1.pk]))
    assert response.content.startswith(b"%PDF")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / "unit-report.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(SCREENSHOTS / "unit-report"),
        ],
        check=True,
    )
    assert (SCREENSHOTS / "unit-report.png").stat().st_size > 5000


def test_low_agreement_between_two_inspectors_is_flagged(client, finalized):
    w = finalized
    client.login(username="evaluator", password=PASSWORD)
    html = client.get(reverse("evaluation:round_agreement", args=[w.round.pk])).content.decode()
    assert 'data-low="1"' in html and "توافق کم" in html
    client.logout()
    client.login(username="manager1", password=PASSWORD)
    assert client.get(reverse("evaluation:round_agreement", args=[w.round.pk])).status_code == 404


def test_the_ranking_costs_the_same_queries_for_few_or_many_units(client, finalized, make_org):
    w = finalized
    round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)
    url = reverse("evaluation:round_results", args=[w.round.pk])
    # Signed in: a visitor's whole page comes from the page cache (tests/voice/test_public_cache.py); this
    # measures the rendering itself.
    client.force_login(w.evaluator)
    cache.clear()  # the published round's unit count is cached: measure both cold
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    from hamafza.evaluation.models import RoundUnit

    extra = [make_org(f"منطقه {n}", kind="municipal_district", parent=w.municipality) for n in range(3, 12)]
    RoundUnit.objects.bulk_create([RoundUnit(round=w.round, unit=org, total=500, rank=3) for org in extra])
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    assert len(warm) == len(few) - 1
    assert Round.objects.get(pk=w.round.pk).state == RoundState.PUBLISHED


def test_the_portal_shows_a_published_round_from_the_cache_until_the_next_publication(client, finalized):
    from hamafza.evaluation.work import portal_results

    w = finalized
    cache.clear()
    assert portal_results(None) is None
    round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)
    html = client.get("/").content.decode()
    assert w.round.title in html and "منطقه ۱" in html
    with CaptureQueriesContext(connection) as warm:
        blocks = portal_results(None)["blocks"]
    assert len(warm) == 1 and [ru.rank for ru in blocks[0]["top"]] == [1, 2]
    # A publication moves the key: the portal is never stale.
    published = Round.objects.get(pk=w.round.pk).published_at
    Round.objects.filter(pk=w.round.pk).update(published_at=published.replace(year=2031))
    with CaptureQueriesContext(connection) as cold:
        portal_results(None)
    assert len(cold) > 1
