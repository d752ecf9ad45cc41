"""A published problem's public comment page follows its table: withdrawing the table (or the problem) hides the
page, its comments and its search entries; publishing the table again brings them back."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from hamafza.core import public_pages
from hamafza.core.models import AuditEntry
from hamafza.roundtables import services
from hamafza.voice.models import CommentStatus, PublicPage, SearchEntry
from hamafza.voice.services.comments import comment_create
from tests.roundtables.conftest import fresh


def client_for(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def page_of(problem: Any) -> PublicPage:
    return PublicPage.objects.get(content_type=ContentType.objects.get_for_model(problem), object_id=str(problem.pk))


@pytest.fixture
def published(amol: Any) -> Any:
    """A published problem of a published table, with a citizen's published comment on its page."""
    services.table_publish(table=amol.table, by=amol.governor)
    problem = services.problem_create(
        table=amol.table,
        title="فصلی بودن گردشگری آمل",
        description="گردشگران تنها در نوروز و تابستان به آمل می‌آیند و اقامتگاه‌های گردشگری بقیه سال خالی‌اند.",
        by=amol.governor,
    )
    problem = services.problem_publish(problem=problem, by=amol.governor)
    comment = comment_create(
        page=page_of(problem), text="اقامتگاه‌های گردشگری آمل در زمستان هم گردشگر می‌خواهند.", by=amol.citizen
    )
    assert comment.status == CommentStatus.PUBLISHED
    problem.comment = comment
    return problem


def test_withdrawing_the_table_hides_its_problems_pages_and_publishing_brings_them_back(amol, published):
    page = page_of(published)
    voice_url = f"/voice/pages/{page.pk}/"
    assert public_pages.comments_url(published) is not None
    assert client_for().get(voice_url).status_code == 200
    assert SearchEntry.objects.filter(comment=published.comment).exists()

    services.table_publish(table=amol.table, by=amol.governor, public=False)
    page.refresh_from_db()
    assert not page.is_public and page.published_at is None
    assert public_pages.comments_url(published) is None
    assert not SearchEntry.objects.filter(page=page).exists()
    for viewer in (None, amol.citizen, amol.babol_governor):
        assert client_for(viewer).get(voice_url).status_code == 404
        assert client_for(viewer).get(f"/roundtables/problems/{published.pk}/").status_code == 404
    # The members still work on it, with no link to a page they cannot open.
    member_page = client_for(amol.elite[0]).get(f"/roundtables/problems/{published.pk}/").content.decode()
    assert voice_url not in member_page
    published.refresh_from_db()
    assert published.is_public  # the problem's own decision is kept for when the table returns
    entry = AuditEntry.objects.filter(action="roundtables.table.unpublished").get()
    assert entry.data == {"problem_pages": 1}

    services.table_publish(table=amol.table, by=amol.governor)
    page.refresh_from_db()
    assert page.is_public and page.published_at is not None
    assert client_for().get(voice_url).status_code == 200
    assert SearchEntry.objects.filter(page=page, comment=None).exists()
    assert SearchEntry.objects.filter(comment=published.comment).exists()  # its comments are found again
    assert voice_url in client_for().get(f"/roundtables/problems/{published.pk}/").content.decode()


def test_withdrawing_a_problem_hides_its_page_and_the_table_coming_back_does_not_revive_it(amol, published):
    page = page_of(published)
    services.problem_publish(problem=published, by=amol.governor, public=False)
    page.refresh_from_db()
    assert not page.is_public
    services.table_publish(table=amol.table, by=amol.governor, public=False)
    services.table_publish(table=amol.table, by=amol.governor)
    page.refresh_from_db()
    assert not page.is_public
    assert client_for().get(f"/voice/pages/{page.pk}/").status_code == 404


def test_renaming_the_table_refreshes_its_problems_pages(amol, published):
    services.table_update(
        table=amol.table, version=fresh_version(amol.table), title="میز تخصصی گردشگری چهارفصل آمل",
        domain="گردشگری", description="", organization=amol.governorate, secretary=amol.governor, by=amol.governor,
    )  # fmt: skip
    assert "میز تخصصی گردشگری چهارفصل آمل" in page_of(published).text


def test_a_rebuild_resyncs_problem_pages_with_their_tables(amol, published):
    page = page_of(published)
    services.table_publish(table=amol.table, by=amol.governor, public=False)
    PublicPage.objects.filter(pk=page.pk).update(is_public=True)  # as if restored from an old backup
    public_pages.sync_all()
    page.refresh_from_db()
    assert not page.is_public


def test_only_managers_withdraw_a_table(amol, published):
    for outsider in (amol.elite[0], amol.ordinary, amol.citizen, amol.babol_governor):
        response = client_for(outsider).post(f"/roundtables/{amol.table.pk}/publish/", {"action": "unpublish"})
        assert response.status_code == 404
    assert client_for().post(f"/roundtables/{amol.table.pk}/publish/", {"action": "unpublish"}).status_code == 302
    assert page_of(published).is_public
    client_for(fresh(amol.governor)).post(f"/roundtables/{amol.table.pk}/publish/", {"action": "unpublish"})
    assert not page_of(published).is_public


def fresh_version(table: Any) -> int:
    return type(table).objects.get(pk=table.pk).version
