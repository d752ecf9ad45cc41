from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(places_loaded: Any, db: Any, monkeypatch: Any) -> Any:
    from hamafza.demo import world

    # Scoring three rounds of 22 districts is not what these tests look at.
    monkeypatch.setattr(world, "BUILDERS", tuple(b for b in world.BUILDERS if b.name != "evaluation"))

    def run() -> str:
        out = io.StringIO()
        call_command("demo", stdout=out)
        return out.getvalue()

    return run


def test_the_demo_welfare_office_sees_fars_social_harm_ngos_first_and_a_rerun_adds_nothing(demo):
    from hamafza.engagement.alignment import aligned_stakeholders
    from hamafza.engagement.models import ActionItem, Booking, EngagementRequest, ProgramPartner, Stakeholder
    from hamafza.notifications.models import Notification
    from hamafza.organizations.models import Organization

    demo()
    counts = [Stakeholder.objects.count(), EngagementRequest.objects.count(), ActionItem.objects.count()]
    demo()
    assert [Stakeholder.objects.count(), EngagementRequest.objects.count(), ActionItem.objects.count()] == counts

    welfare = Organization.objects.get(code="fars-behzisti")
    matches = aligned_stakeholders(welfare)
    assert matches[0].stakeholder.name == "جمعیت امداد و پیشگیری از آسیب‌های اجتماعی شیراز"
    top = [m for m in matches[:3] if "آسیب‌های اجتماعی" in m.shared_domains]
    assert {m.stakeholder.name for m in top} == {
        "جمعیت امداد و پیشگیری از آسیب‌های اجتماعی شیراز",
        "انجمن حمایت از زنان سرپرست خانوار فارس",
    }
    for match in top:
        assert "آسیب‌های اجتماعی" in match.shared_domains
        assert match.place == "province" and match.terms
    names = [m.stakeholder.name for m in matches]
    # Tehran's social-harms NGO shares the domain but not the province: below both of Fars.
    assert names.index("انجمن پیشگیری از اعتیاد تهران") > names.index("انجمن حمایت از زنان سرپرست خانوار فارس")

    overdue = EngagementRequest.objects.get(subject__startswith="پیشنهاد برگزاری کارگاه")
    assert overdue.escalated_at is not None
    assert Notification.objects.filter(recipient__username="manager", kind="engagement.request.overdue").exists()
    assert ActionItem.objects.filter(owner__username="manager").count() == 2
    assert Booking.objects.filter(status="approved").exists()
    assert ProgramPartner.objects.filter(program__code="fars-behzisti-social-harms-1404").exists()
    assert Stakeholder.objects.filter(kind="media", counties__name="آمل").exists()
