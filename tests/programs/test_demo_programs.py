"""The demo world gives the Fars welfare office its programs, once, and the public sees the published one."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from hamafza.programs import selectors
from hamafza.programs.models import Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(places_loaded: Any, db: Any, monkeypatch: Any) -> Any:
    from hamafza.demo import world

    # The evaluation rounds take long and are not what these tests are about.
    monkeypatch.setattr(world, "BUILDERS", tuple(b for b in world.BUILDERS if b.name != "evaluation"))

    def run() -> str:
        out = io.StringIO()
        call_command("demo", stdout=out)
        return out.getvalue()

    return run


def test_the_welfare_office_gets_two_programs_once(demo: Any) -> None:
    first = demo()
    assert "programs 2 new" in first
    assert "programs 0 new" in demo()
    programs = Program.objects.filter(owner__code="fars-behzisti")
    assert programs.count() == 2
    published = selectors.published_programs().get(owner__code="fars-behzisti")
    assert published.milestone_count == 4
    # (1×100 + 2×60 + 3×30 + 1×0) / 7
    assert selectors.progress_of(published) == 44.3


def test_the_demo_manager_sees_the_late_milestone_and_the_public_the_program(demo: Any, client: Any) -> None:
    from hamafza.accounts.models import User

    demo()
    program = Program.objects.get(code="fars-behzisti-social-harms-1404")
    assert client.get(f"/programs/{program.pk}/").status_code == 200
    client.force_login(User.objects.get(username="manager"))
    html = client.get(f"/programs/{program.pk}/").content.decode()
    assert "عقب‌افتاده" in html and "ثبت پیشرفت" in html
