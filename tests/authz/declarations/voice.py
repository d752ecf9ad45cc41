"""Voice: public news and pages, comments and ratings (open to everyone), moderation queues (moderators of the
organization), the agency's answers (its managers and staff). In scope is A's news and queue, out of scope B's."""

from hamafza.organizations.roles import Role
from tests.authz.matrix import ADMIN, EVERYONE, NOBODY, OK, REDIRECT, SIGNED_IN, cells, having, operation, page, post

MODERATORS = having("voice.moderate")
PUBLISHERS = having("voice.publish")
RESPONDERS = having("voice.respond")
COMMENT = {"text": "سمن‌های شهر از این خبر درباره مناطق شهرداری استقبال می‌کنند.", "kind": "opinion"}
SEARCH = "%D8%B3%D8%A7%D8%B2%D9%85%D8%A7%D9%86"  # «سازمان»

ENTRIES = [
    page("voice:news_list", "/voice/", EVERYONE),
    page("voice:news_create", "/voice/news/new/", PUBLISHERS),
    page("voice:news_detail", "/voice/news/{news}/", EVERYONE, EVERYONE),
    page("voice:news_print", "/voice/news/{news}/print/", EVERYONE, EVERYONE),
    # Editing is for the publishers of the news' own agency: B's news is a 404 to A's publishers.
    page("voice:news_edit", "/voice/news/{news}/edit/", PUBLISHERS, ADMIN),
    page("news_short", "/n/{news}", EVERYONE, EVERYONE, ok=REDIRECT),
    # A news item's page is shown at the news item's own address.
    page("voice:page_detail", "/voice/pages/{voice_page}/", EVERYONE, EVERYONE, ok=REDIRECT),
    post("voice:comment_post", "/voice/pages/{voice_page}/comment/", EVERYONE, EVERYONE, data=COMMENT),
    post("voice:rate", "/voice/pages/{voice_page}/rate/", EVERYONE, EVERYONE, data={"stars": "4"}),
    # Only the author appeals, once; anyone else (a visitor too) finds no such comment.
    post(
        "voice:appeal",
        "/voice/comments/{rejected}/appeal/",
        {Role.CITIZEN},
        NOBODY,
        anonymous="404",
        data={"text": "اعتراض به رد"},
    ),
    page("voice:search", f"/voice/search/?q={SEARCH}", EVERYONE),
    page("voice:transparency", "/voice/transparency/", EVERYONE),
    # A person's own comments: every signed-in person has the page; it lists only what they wrote.
    page("voice:my_comments", "/voice/mine/", SIGNED_IN),
    # A moderator of one organization goes straight to its queue; the administrator chooses among all.
    page(
        "voice:moderation_index",
        "/voice/moderation/",
        MODERATORS,
        ok=REDIRECT,
        cells=cells([Role.SYSTEM_ADMIN], OK),
    ),
    page("voice:moderation_queue", "/voice/moderation/{org}/", MODERATORS, ADMIN),
    page("voice:moderation_log", "/voice/moderation/{org}/log/", MODERATORS, ADMIN),
    page("voice:responses_index", "/voice/responses/", RESPONDERS),
    page("voice:response_detail", "/voice/responses/{voice_case}/", RESPONDERS, ADMIN),
    operation("GET", "/api/v1/voice/pages", EVERYONE, probe="/api/v1/voice/pages"),
    operation("GET", "/api/v1/voice/pages/{page_id}", EVERYONE, EVERYONE, probe="/api/v1/voice/pages/{voice_page}"),
    operation(
        "GET",
        "/api/v1/voice/pages/{page_id}/comments",
        EVERYONE,
        EVERYONE,
        probe="/api/v1/voice/pages/{voice_page}/comments",
    ),
    operation(
        "POST",
        "/api/v1/voice/pages/{page_id}/comments",
        EVERYONE,
        EVERYONE,
        probe="/api/v1/voice/pages/{voice_page}/comments",
        body=COMMENT,
    ),
    operation("GET", "/api/v1/voice/news", EVERYONE, probe="/api/v1/voice/news"),
    operation("GET", "/api/v1/voice/answers", EVERYONE, probe="/api/v1/voice/answers"),
    operation(
        "POST",
        "/api/v1/voice/answers/{answer_id}",
        RESPONDERS,
        ADMIN,
        probe="/api/v1/voice/answers/{voice_case}",
        body={"status": "under_review", "answer": "", "version": 1},
    ),
    operation("GET", "/api/v1/voice/search", EVERYONE, probe=f"/api/v1/voice/search?q={SEARCH}"),
    operation("GET", "/api/v1/voice/transparency", EVERYONE, probe="/api/v1/voice/transparency"),
]


def build(world) -> None:
    from hamafza.organizations.models import Organization
    from hamafza.voice.models import AgencyResponse
    from hamafza.voice.services.comments import comment_create
    from hamafza.voice.services.moderation import comments_decide
    from hamafza.voice.services.pages import news_create

    admin = world.users[Role.SYSTEM_ADMIN]
    authors = {"in": world.users[Role.CITIZEN], "out": world.others["manager"]}
    for scope in ("in", "out"):
        org = Organization.objects.get(pk=world.ids[scope]["org"])
        item = news_create(
            organization=org,
            title=f"خبر مناطق {org.name}",
            body="<p>سازمان‌های مردم‌نهاد و مدیران مناطق شهرداری درباره ارزیابی مناطق گفت‌وگو کردند.</p>",
            by=admin,
        )
        critique = comment_create(
            page=item.page,
            text="مدیران مناطق شهرداری به سمن‌ها پاسخ نمی‌دهند و ارزیابی مناطق نمایشی است.",
            kind="critique",
        )
        insult = comment_create(page=item.page, text="مدیران احمق مناطق شهرداری", by=authors[scope])
        comments_decide(organization=org, comment_ids=[insult.pk], action="reject", rule="insult", by=admin)
        world.ids[scope].update(
            news=item.code,
            voice_page=item.page.pk,
            rejected=insult.pk,
            voice_case=AgencyResponse.objects.get(comment=critique).pk,
        )
