"""News pages and the comment form, tried through real HTTP as a citizen would."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from hamafza.voice.models import AgencyResponse, Comment, CommentStatus, NewsItem, Rating
from hamafza.voice.services.pages import news_create

OPINION = "تعامل مدیران با سازمان‌های مردم‌نهاد اگر واقعی باشد به نفع همه است."


def _post(client: Client, world: Any, text: str, **extra: Any) -> Any:
    data = {"text": text, "kind": "opinion", "author_name": "", "website": "", **extra}
    return client.post(
        reverse("voice:comment_post", args=[world.page.pk]), data, REMOTE_ADDR=extra.pop("addr", "10.0.0.1")
    )


def test_a_news_page_shows_its_jalali_date_code_views_short_link_and_the_empty_comment_invitation(
    voice_world: Any,
) -> None:
    response = Client().get(reverse("voice:news_detail", args=[voice_world.news.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="fa" dir="rtl"' in html
    assert "کد خبر: ۱۰۰۱" in html
    assert "هنوز نظری ثبت نشده؛ نخستین نفر باشید" in html
    assert "/n/1001" in html
    assert "۵۰۰ نویسه باقی مانده" in html
    assert "توهین یا افترا به اشخاص یا سازمان‌ها" in html
    assert NewsItem.objects.get(pk=voice_world.news.pk).view_count == 1


def test_the_short_link_accepts_persian_digits_and_leads_to_the_news(voice_world: Any) -> None:
    response = Client().get("/n/۱۰۰۱")
    assert response.status_code == 301
    assert response["Location"] == reverse("voice:news_detail", args=[1001])
    assert Client().get("/n/99999").status_code == 404


def test_the_print_view_renders_the_article_without_the_site_chrome(voice_world: Any) -> None:
    html = Client().get(reverse("voice:news_print", args=[voice_world.news.code])).content.decode()
    assert "voice-print.css" in html and "سازمان‌های مردم‌نهاد" in html
    assert "navbar" not in html


def test_a_news_body_is_sanitized_before_it_is_stored(voice_world: Any) -> None:
    item = news_create(
        organization=voice_world.fars,
        title="خبر آزمایشی",
        body='<p onclick="x()">متن <script>alert(1)</script><a href="javascript:alert(1)">پیوند</a></p>',
        by=voice_world.fars_staff,
    )
    assert "<script" not in item.body and "onclick" not in item.body and "javascript:" not in item.body


def test_an_ordinary_comment_is_published_at_once_and_shows_under_the_news(voice_world: Any) -> None:
    client = Client()
    response = _post(client, voice_world, OPINION, author_name="علی")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PUBLISHED and comment.author_name == "علی"
    html = client.get(reverse("voice:news_detail", args=[voice_world.news.code])).content.decode()
    assert OPINION in html and "علی" in html
    assert "نخستین نفر باشید" not in html


def test_501_characters_are_refused_by_the_server_with_a_persian_message_and_the_text_is_kept(voice_world: Any) -> None:
    text = "ب" * 501
    response = _post(Client(), voice_world, text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "حداکثر ۵۰۰ نویسه مجاز است" in html and "۵۰۱" in html
    assert text in html  # nothing the person typed is lost
    assert not Comment.objects.exists()


def test_the_limit_is_counted_after_normalization(voice_world: Any) -> None:
    # 500 letters with extra spaces and a zero-width joiner around them are 500 characters once normalized.
    text = "   " + "س" * 250 + "\u200d" + "ش" * 250 + "    "
    assert _post(Client(), voice_world, text).status_code == 302
    assert len(Comment.objects.get().text) == 500


def test_a_script_in_a_comment_shows_as_text(voice_world: Any) -> None:
    client = Client()
    _post(client, voice_world, "نظر من درباره سازمان‌های مردم‌نهاد: <script>alert('x')</script>")
    html = client.get(reverse("voice:news_detail", args=[voice_world.news.code])).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert(" not in html


def test_an_insult_is_held_for_a_moderator_with_its_rule_and_not_shown(voice_world: Any) -> None:
    client = Client()
    _post(client, voice_world, "این استاندار ا ح م ق فقط ابلاغیه می‌دهد")
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.rules == ["insult"]
    assert "ا ح م ق" not in client.get(reverse("voice:news_detail", args=[voice_world.news.code])).content.decode()


def test_the_honeypot_stores_nothing_and_says_what_it_says_to_people(voice_world: Any) -> None:
    response = _post(Client(), voice_world, OPINION, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_anonymous_comments_are_rate_limited_per_address(voice_world: Any) -> None:
    client = Client()
    for _ in range(3):
        assert _post(client, voice_world, OPINION).status_code == 302
    response = _post(client, voice_world, OPINION)
    assert response.status_code == 429
    assert "نظرهای زیادی ثبت شده" in response.content.decode()
    other = Client()
    assert (
        other.post(
            reverse("voice:comment_post", args=[voice_world.page.pk]),
            {"text": OPINION, "kind": "opinion"},
            REMOTE_ADDR="10.0.0.2",
        ).status_code
        == 302
    )


def test_a_signed_in_citizen_comments_under_their_name_and_replies_are_one_level_deep(voice_world: Any) -> None:
    client = Client()
    client.force_login(voice_world.citizen)
    _post(client, voice_world, OPINION)
    first = Comment.objects.get()
    assert first.author == voice_world.citizen and first.display_name == "مریم احمدی"
    _post(client, voice_world, "موافقم، سمن‌های شیراز هم همین را می‌گویند.", parent=first.pk)
    reply = Comment.objects.exclude(pk=first.pk).get()
    _post(client, voice_world, "پاسخ به پاسخ درباره سمن‌ها", parent=reply.pk)
    nested = Comment.objects.order_by("-pk").first()
    assert reply.parent == first and nested.parent == first


def test_a_published_critique_goes_to_the_agency_with_a_deadline_in_working_days(voice_world: Any) -> None:
    client = Client()
    _post(
        client,
        voice_world,
        "مدیران دستگاه‌های اجرایی فارس با سمن‌ها جلسه نمی‌گذارند؛ این ابلاغیه اجرا نمی‌شود.",
        kind="critique",
    )
    case = AgencyResponse.objects.get()
    assert case.organization == voice_world.fars and case.status == "received"
    assert case.due_on > case.received_at.date()


def test_one_rating_per_browser_and_per_person(voice_world: Any) -> None:
    url = reverse("voice:rate", args=[voice_world.page.pk])
    browser = Client()
    browser.post(url, {"stars": "۴"})
    browser.post(url, {"stars": "2"})
    assert list(Rating.objects.values_list("stars", flat=True)) == [2]
    Client().post(url, {"stars": "5"})
    person = Client()
    person.force_login(voice_world.citizen)
    person.post(url, {"stars": "3"})
    person.post(url, {"stars": "4"})
    assert sorted(Rating.objects.values_list("stars", flat=True)) == [2, 4, 5]
    assert "میانگین" in browser.get(reverse("voice:news_detail", args=[voice_world.news.code])).content.decode()


def test_the_news_list_paginates_with_a_fixed_number_of_queries(
    voice_world: Any, django_assert_max_num_queries: Any
) -> None:
    for index in range(30):
        news_create(
            organization=voice_world.fars, title=f"خبر {index}", body="<p>متن خبر</p>", by=voice_world.fars_staff
        )
    with django_assert_max_num_queries(8):
        response = Client().get(reverse("voice:news_list"))
    assert response.status_code == 200 and "صفحه ۱ از ۲" in response.content.decode()


def test_a_long_thread_shows_thirty_comments_a_page_at_a_fixed_cost(voice_world: Any) -> None:
    """Decidim renders every comment of a thread; a news item with thousands of comments must stay one quick page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hamafza.voice.selectors import THREAD_PAGE_SIZE

    def add(count: int, start: int) -> None:
        Comment.objects.bulk_create(
            Comment(page=voice_world.page, text=f"نظر شماره {n}", status=CommentStatus.PUBLISHED, author_name="شهروند")
            for n in range(start, start + count)
        )

    url = reverse("voice:news_detail", args=[voice_world.news.code])
    add(THREAD_PAGE_SIZE + 5, 0)
    client = Client()
    with CaptureQueriesContext(connection) as short:
        html = client.get(url).content.decode()
    assert html.count('data-testid="comment"') == THREAD_PAGE_SIZE
    assert "صفحه ۱ از ۲ (۳۵ نظر)" in html
    last = client.get(url, {"cp": "۲"}).content.decode()
    assert last.count('data-testid="comment"') == 5 and "نظرهای تازه‌تر" in last
    add(500, 100)
    with CaptureQueriesContext(connection) as long:
        html = client.get(url).content.decode()
    assert html.count('data-testid="comment"') == THREAD_PAGE_SIZE
    assert len(long) == len(short)


def test_a_flood_from_one_address_is_held_for_a_moderator_even_when_signed_in(voice_world: Any) -> None:
    from hamafza.voice.services.comments import FLOOD_HOLD, comment_create

    ordinals = ["نخست", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم"]
    sent = [
        comment_create(page=voice_world.page, text=f"{OPINION} نکته {word}", address="10.0.0.9", by=voice_world.citizen)
        for word in ordinals[: FLOOD_HOLD + 1]
    ]
    assert [c.status for c in sent[:FLOOD_HOLD]] == [CommentStatus.PUBLISHED] * FLOOD_HOLD
    assert sent[FLOOD_HOLD].status == CommentStatus.PENDING and sent[FLOOD_HOLD].held_rules == "spam"
    # Another address is not held for this one's flood.
    other = comment_create(page=voice_world.page, text=f"{OPINION} نکته هشتم", address="10.0.0.10", by=None)
    assert other.status == CommentStatus.PUBLISHED
