"""A published round's ranking and each unit's result become voice public pages with comments — evaluation and
voice never import each other; they meet in hamafza.core.public_pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from hamafza.core import public_pages
from hamafza.evaluation.models import RoundState
from hamafza.evaluation.services.rounds import round_advance
from hamafza.voice.models import CommentStatus, PageKind, PublicPage
from hamafza.voice.services import search
from tests.evaluation.conftest import office_world, open_round  # noqa: F401 — fixtures
from tests.evaluation.test_results_pages import finalized  # noqa: F401 — fixture

ROOT = Path(__file__).resolve().parents[2]


def test_no_page_before_publication_then_one_for_the_ranking_and_one_per_unit(finalized):  # noqa: F811
    w = finalized
    assert not PublicPage.objects.filter(kind=PageKind.EVALUATION_RESULT).exists()
    assert public_pages.comments_url(w.round) is None
    round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)
    pages = PublicPage.objects.filter(kind=PageKind.EVALUATION_RESULT)
    assert pages.count() == 3
    ranking = pages.get(content_type__model="round", object_id=str(w.round.pk))
    assert ranking.organization == w.round.office and ranking.is_public
    assert ranking.url == reverse("evaluation:round_results", args=[w.round.pk])
    assert "منطقه ۱" in ranking.text and "منطقه ۲" in ranking.text
    unit_page = pages.get(content_type__model="roundunit", object_id=str(w.unit1.pk))
    # A critique of a unit's result goes to the unit that must answer it.
    assert unit_page.organization == w.district1
    assert unit_page.url == reverse("evaluation:unit_results", args=[w.unit1.pk])
    # Searchable like any public page.
    assert ranking.pk in {hit.entry.page_id for hit in search.search("نتایج ارزیابی عملکرد").hits}


def test_people_comment_on_a_result_and_the_results_pages_link_to_the_comments(client, finalized):  # noqa: F811
    w = finalized
    round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)
    unit_page = PublicPage.objects.get(content_type__model="roundunit", object_id=str(w.unit1.pk))
    page_url = reverse("voice:page_detail", args=[unit_page.pk])
    assert public_pages.comments_url(w.unit1) == page_url

    html = client.get(reverse("evaluation:unit_results", args=[w.unit1.pk])).content.decode()
    assert f'href="{page_url}"' in html
    ranking_url = public_pages.comments_url(w.round)
    assert (
        f'href="{ranking_url}"' in client.get(reverse("evaluation:round_results", args=[w.round.pk])).content.decode()
    )

    detail = client.get(page_url)
    assert detail.status_code == 200
    assert "هنوز نظری ثبت نشده" in detail.content.decode()
    # The one comments model: a citizen's critique of the result, through the ordinary comment form.
    response = client.post(
        reverse("voice:comment_post", args=[unit_page.pk]),
        {"text": "امتیاز منطقه ۱ در محور مشارکت با واقعیت محله‌ها نمی‌خواند و باید بازبینی شود.", "kind": "critique"},
    )
    assert response.status_code in (200, 302)
    comment = unit_page.comments.get()
    assert comment.kind == "critique"
    if comment.status == CommentStatus.PENDING:
        comment.status = CommentStatus.PUBLISHED
        comment.save(update_fields=["status"])
    assert "بازبینی شود" in client.get(page_url).content.decode()


def test_publishing_is_idempotent_and_a_resync_adds_nothing(finalized):  # noqa: F811
    w = finalized
    round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)
    before = sorted(PublicPage.objects.values_list("pk", "object_id", "title"))
    assert public_pages.sync_all() == 3
    assert sorted(PublicPage.objects.values_list("pk", "object_id", "title")) == before
    # A lost page (or one from before this hook existed) comes back with voice-reindex.
    PublicPage.objects.filter(content_type__model="roundunit").delete()
    call_command("voice_reindex", "--quiet")
    assert PublicPage.objects.filter(kind=PageKind.EVALUATION_RESULT).count() == 3


def test_an_unpublished_round_has_no_page_and_no_comments_link(client, finalized):  # noqa: F811
    w = finalized
    assert public_pages.sync_all() == 0
    assert public_pages.comments_url(w.unit1) is None
    client.force_login(w.evaluator)
    html = client.get(reverse("evaluation:round_results", args=[w.round.pk])).content.decode()
    assert 'data-testid="comments-link"' not in html


def test_voice_and_evaluation_do_not_import_each_other():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for path in (ROOT / "hamafza" / "voice").rglob("*.py"):
        assert "hamafza.evaluation" not in path.read_text(encoding="utf-8"), path
    for path in (ROOT / "hamafza" / "evaluation").rglob("*.py"):
        assert "hamafza.voice" not in path.read_text(encoding="utf-8"), path
