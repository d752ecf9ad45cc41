"""A chair election at Amol's agriculture table, as the people involved click it.

The governor (the tables' secretary) defines the election, nominates three members and opens the vote; five elite
members rank the candidates and each gets a receipt code; a second ballot from one of them (a second tab) is
refused; the non-elite member sees no ballot; the result and the ballots stay hidden until the governor closes
the vote; then the published CSV recomputes the same winner with Schulze, and a voter finds their receipt in it.
"""

from __future__ import annotations

import pytest

from hamafza.analytics import voting
from hamafza.roundtables.services import parse_ballots_csv
from tests.browser.support import confirm, login, screenshot

TABLE = "میز تخصصی کشاورزی آمل"
NARGES, HAMID, LEILA = "نرگس صادقی", "حمید رحیمی", "لیلا نظری"
# Five elite members' rankings: Leila is everyone's first or second choice.
BALLOTS = {
    "member": (LEILA, NARGES, HAMID),
    "amol_elite1": (HAMID, LEILA, NARGES),
    "amol_elite2": (LEILA, HAMID),
    "amol_elite3": (NARGES, LEILA, HAMID),
    "amol_elite4": (LEILA, NARGES),
}


def _fill_ballot(page, ranking) -> None:
    ballot = page.get_by_test_id("ballot")
    for rank, name in enumerate(ranking, start=1):
        ballot.get_by_label(name, exact=True).select_option(str(rank))


@pytest.mark.timeout(1200)
def test_five_elite_members_elect_a_chair_by_secret_ranked_ballot(page):
    login(page, "governor")
    page.goto("/roundtables/")
    page.get_by_role("link", name=TABLE).click()
    page.wait_for_load_state("networkidle")
    form = page.get_by_test_id("election-form")
    page.get_by_text("تعریف انتخابات تازه").click()
    form.get_by_label("عنوان").fill("انتخاب رئیس میز تخصصی کشاورزی")
    form.get_by_role("button", name="تعریف انتخابات").click()
    page.wait_for_load_state("networkidle")
    election_url = page.url
    for name in (NARGES, HAMID, LEILA):
        page.get_by_test_id("nominate-form").get_by_label("عضو").select_option(label=name)
        page.get_by_role("button", name="ثبت نامزد").click()
        page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("candidates").inner_text().split("\n") == [NARGES, HAMID, LEILA]
    page.get_by_role("button", name="آغاز رأی‌گیری").click()
    confirm(page)
    assert page.get_by_test_id("election-status").inner_text() == "در حال رأی‌گیری"
    csv_url = election_url + "ballots.csv"

    receipts = {}
    for number, (username, ranking) in enumerate(BALLOTS.items()):
        login(page, username)
        page.goto(election_url)
        second_tab = None
        if number == 0:
            # The same voter has the ballot open in a second tab too.
            second_tab = page.context.new_page()
            second_tab.goto(election_url)
            _fill_ballot(second_tab, (HAMID,))
        _fill_ballot(page, ranking)
        page.get_by_role("button", name="ثبت رأی").click()
        page.wait_for_load_state("networkidle")
        receipts[username] = page.get_by_test_id("receipt").inner_text().strip()
        if number == 0:
            screenshot(page, "roundtables-receipt")
            second_tab.get_by_role("button", name="ثبت رأی").click()
            second_tab.wait_for_load_state("networkidle")
            assert "پیش‌تر در این انتخابات رأی داده‌اید" in second_tab.locator("main").inner_text()
            second_tab.close()
            page.goto(election_url)
            assert page.get_by_test_id("already-voted").is_visible()
            assert page.get_by_test_id("ballot").count() == 0
        # Until closing nobody sees a result, nor the ballots.
        assert page.get_by_test_id("result").count() == 0
        assert page.request.get(csv_url).status == 404
    assert len(set(receipts.values())) == 5

    login(page, "amol_actor")  # a member of the table, but not elite
    page.goto(election_url)
    assert page.get_by_test_id("not-a-voter").is_visible()
    assert page.get_by_test_id("ballot").count() == 0
    assert "۵ رأی از ۶ رأی‌دهنده" in page.get_by_test_id("turnout").inner_text()

    login(page, "governor")
    page.goto(election_url)
    assert page.get_by_test_id("result").count() == 0
    page.get_by_role("button", name="پایان رأی‌گیری و شمارش").click()
    confirm(page)
    winner = page.get_by_test_id("winner").inner_text().strip()
    assert winner == LEILA
    assert page.get_by_test_id("pairwise").is_visible()
    screenshot(page, "roundtables-election-result")

    login(page, "amol_elite2")
    page.goto(election_url)
    response = page.request.get(csv_url)
    assert response.status == 200
    text = response.text()
    candidates, ballots = parse_ballots_csv(text)
    assert candidates == [NARGES, HAMID, LEILA] and len(ballots) == 5
    assert voting.schulze(ballots, candidates).winner == winner
    rows = {line.split(",")[0]: line for line in text.strip().splitlines()[1:]}
    mine = rows[receipts["amol_elite2"]]
    assert mine.split(",")[1:] == ["", "2", "1"]  # Leila first, Hamid second, Narges unranked


TOURISM = "میز تخصصی گردشگری آمل"
SEASONAL = "فصلی بودن گردشگری و خالی ماندن اقامتگاه‌ها"
PROPOSAL = "قطار گردشگری آمل تا لاریجان در زمستان هم گردشگر می‌آورد."


@pytest.mark.timeout(600)
def test_a_citizen_proposes_a_statement_and_the_secretary_approves_it(page):
    login(page, "citizen")
    page.goto("/roundtables/public/")
    page.get_by_role("link", name=TOURISM).click()
    page.get_by_role("link", name=SEASONAL).click()
    page.wait_for_load_state("networkidle")
    problem_url = page.url
    form = page.get_by_test_id("statement-form")
    form.get_by_label("پیشنهاد گزاره تازه").fill(PROPOSAL)
    with page.expect_navigation():  # the answer redirects back to the same page
        form.get_by_role("button", name="پیشنهاد گزاره").click()
    page.wait_for_load_state("networkidle")
    assert "پس از تأیید دبیر میز" in page.locator("main").inner_text()
    assert PROPOSAL in page.get_by_test_id("my-proposals").inner_text()
    assert PROPOSAL not in page.get_by_test_id("statements").inner_text()
    screenshot(page, "roundtables-statement-proposed")

    login(page, "member")  # a member of the table sees nothing to vote on yet, and no queue
    page.goto(problem_url)
    assert PROPOSAL not in page.get_by_test_id("statements").inner_text()
    assert page.get_by_test_id("statements-to-review").count() == 0

    login(page, "governor")
    page.goto(problem_url)
    proposal = page.get_by_test_id("statements-to-review").get_by_test_id("proposal").filter(has_text=PROPOSAL)
    assert "مریم احمدی" in proposal.inner_text()
    screenshot(page, "roundtables-statement-review")
    with page.expect_navigation():  # the answer redirects back to the same page
        proposal.get_by_role("button", name="تأیید گزاره").click()
    page.wait_for_load_state("networkidle")
    review = page.get_by_test_id("statements-to-review")
    assert review.get_by_test_id("proposal").filter(has_text=PROPOSAL).count() == 0
    # The demo's own waiting proposal on the same problem is still there to decide.
    assert "راه دسترسی روستاهای هدف گردشگری" in review.inner_text()
    assert PROPOSAL in page.get_by_test_id("statements").inner_text()

    login(page, "member")
    page.goto(problem_url)
    row = page.get_by_test_id("statement").filter(has_text=PROPOSAL)
    with page.expect_navigation():  # the answer redirects back to the same page
        row.get_by_role("button", name="موافقم").click()
    page.wait_for_load_state("networkidle")
    row = page.get_by_test_id("statement").filter(has_text=PROPOSAL)
    assert "موافق ۱" in row.inner_text()
    screenshot(page, "roundtables-statement-approved")
