"""Every link on every page opens for the person who sees it, for each of the demo accounts.

The demo world is built once for this module, inside a transaction rolled back at its end, so the demo's
usernames never leak into other tests.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from hamafza.demo.data import ACCOUNTS
from tests.core.linkwalk import first_link_to, walk

USERNAMES = [account.username for account in ACCOUNTS]

# On one pytest-xdist worker, so the world below is built once: dealt out test by test, each worker that drew one
# built it again (three or four builds of 15–20 s each, 50 s under the suite's load).
pytestmark = pytest.mark.xdist_group("link-walk")


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, places_loaded: Any) -> Iterator[None]:
    from hamafza.demo.world import build_world

    with django_db_blocker.unblock(), transaction.atomic():
        build_world(io.StringIO())
        yield
        transaction.set_rollback(True)


def _client_for(username: str | None) -> Client:
    from hamafza.accounts.models import User

    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("username", [None, *USERNAMES])
def test_every_link_reachable_from_the_home_opens_for_its_viewer(demo: None, username: str | None) -> None:
    result = walk(_client_for(username), signed_in=username is not None)
    assert len(result.visited) > 1
    assert not result.failures, f"{username or 'anonymous'}:\n" + "\n".join(map(str, result.failures))


# What each demo account finds waiting on its home (a fragment of one «کارهای من» line or role note).
EXPECTED_WORK = {
    "admin": "اداره ارزیابی اجتماعی-فرهنگی مناطق — نیمه دوم ۱۴۰۴",
    "citizen": "نظرها، انتقادها و پیشنهادهای شما و پاسخ دستگاه‌ها",
    "ngo": "درخواست‌های همکاری سمن شما با دستگاه‌ها",
    "staff": "خوداظهاری منطقه ۱۲ شهرداری تهران در ارزیابی اجتماعی-فرهنگی مناطق — نیمه دوم ۱۴۰۴",
    "manager": "اعضا و نقش‌های اداره کل بهزیستی فارس",
    "manager2": "اقدام‌های اصلاحی عقب‌افتاده",
    "inspector": "بازدید اداره کل تعاون، کار و رفاه اجتماعی استان مرکزی — ۰ از",
    "evaluator": "اداره ارزیابی فضای عمومی — دور سوم، اداره کل مرکزی",
    "governor": "واحدهای زیرمجموعه فرمانداری آمل که هنوز مدیری در سامانه ندارند",
    "member": "راهکارهایی که امتیاز شما را می‌خواهند",
    "moderator": "نظرهای در انتظار بررسی",
}


@pytest.mark.django_db
@pytest.mark.parametrize("username", USERNAMES)
def test_each_demo_account_lands_on_a_home_with_its_own_work(demo: None, username: str) -> None:
    html = _client_for(username).get("/").content.decode()
    assert "کارهای من" in html
    assert EXPECTED_WORK[username] in html


@pytest.mark.django_db
def test_an_anonymous_visitor_reaches_the_ranking_and_a_units_report_in_one_click(demo: None) -> None:
    client = _client_for(None)
    home = client.get("/").content.decode()
    ranking = first_link_to(home, "/evaluation/rounds/", "/results/")
    report = first_link_to(home, "/evaluation/units/", "/results/")
    assert ranking and report
    assert "رتبه‌بندی کامل" in home
    assert client.get(ranking).status_code == 200
    assert client.get(report).status_code == 200
