"""The demo's voice part: the seed articles as news, comments held by every rule, decisions and answers."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from hamafza.voice.models import AgencyResponse, Comment, CommentStatus, ModerationDecision, NewsItem


@pytest.fixture
def demo(places_loaded: Any, db: Any, monkeypatch: Any) -> str:
    from hamafza.demo import world

    monkeypatch.setattr(world, "BUILDERS", tuple(b for b in world.BUILDERS if b.name != "evaluation"))
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_publishes_the_seed_articles_with_comments_that_exercise_every_rule(demo: str) -> None:
    assert NewsItem.objects.count() == 5
    held = set()
    for rules in Comment.objects.exclude(held_rules="").values_list("held_rules", flat=True):
        held |= set(rules.split(","))
    assert held >= {"insult", "non_persian", "unrelated", "spam"}
    assert Comment.objects.filter(status=CommentStatus.REJECTED).exists()
    assert Comment.objects.filter(status=CommentStatus.PENDING, appealed_at__isnull=False).exists()
    assert ModerationDecision.objects.filter(action="appeal").exists()
    statuses = set(AgencyResponse.objects.values_list("status", flat=True))
    assert statuses >= {"under_review", "answered", "acted"}


def test_running_the_demo_again_changes_nothing_in_voice(demo: str) -> None:
    counts = (NewsItem.objects.count(), Comment.objects.count(), AgencyResponse.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (NewsItem.objects.count(), Comment.objects.count(), AgencyResponse.objects.count()) == counts


def test_the_demo_moderator_sees_the_fars_queue_and_not_tehrans(demo: str) -> None:
    from hamafza.accounts.models import User
    from hamafza.organizations.models import Organization

    client = Client()
    client.force_login(User.objects.get(username="moderator"))
    fars = Organization.objects.get(code="fars-governorate")
    tehran = Organization.objects.get(code="tehran-municipality")
    assert client.get(reverse("voice:moderation_queue", args=[fars.pk])).status_code == 200
    assert client.get(reverse("voice:moderation_queue", args=[tehran.pk])).status_code == 404
