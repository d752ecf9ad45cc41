"""What voice adds to the shared registries: menu entries, notification kinds, a portal section, work items."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse


def register_all() -> None:
    from hamafza.core.navigation import NavEntry, register
    from hamafza.core.portal import PortalSection, register_section
    from hamafza.core.work import register_notes, register_work
    from hamafza.notifications.kinds import register_kind
    from hamafza.organizations import permissions

    register(NavEntry("اخبار و نظرها", "voice:news_list", "megaphone", lambda user: True, order=50))
    register(NavEntry("جستجو", "voice:search", "search", lambda user: True, order=55))
    register(NavEntry("شفافیت دستگاه‌ها", "voice:transparency", "bar-chart", lambda user: True, order=56))
    register(
        NavEntry(
            "بررسی نظرها",
            "voice:moderation_index",
            "shield-check",
            lambda user: permissions.can_anywhere(user, "voice.moderate"),
            order=60,
        )
    )
    register(
        NavEntry(
            "انتقادها و پیشنهادهای مردم",
            "voice:responses_index",
            "chat-square-quote",
            lambda user: permissions.can_anywhere(user, "voice.respond"),
            order=61,
        )
    )
    register_kind("voice.response", "پاسخ دستگاه به انتقاد یا پیشنهاد شما")
    register_section(PortalSection("تازه‌ترین خبرها", "voice/portal_news.html", portal_news, order=30))
    register_work(moderation_work, order=50)
    register_work(response_work, order=51)
    register_work(my_comments_work, order=52)
    register_notes(citizen_note, order=10)
    _connect_public_pages()
    _host_public_pages()


def _host_public_pages() -> None:
    """Voice hosts the public pages of modules it may not import (evaluation, on the same layer): they
    announce ``PageSpec``s through ``hamafza.core.public_pages``, voice makes the pages and says where they are."""
    from hamafza.core import public_pages

    public_pages.register_sink(pages_announced)
    public_pages.register_locator(page_url_of)


def pages_announced(specs: list[Any]) -> None:
    from hamafza.voice.services.pages import public_pages_ensure

    public_pages_ensure(specs)


def page_url_of(target: Any) -> str | None:
    from django.contrib.contenttypes.models import ContentType

    from hamafza.voice.models import PublicPage

    pk = (
        PublicPage.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk), is_public=True
        )
        .values_list("pk", flat=True)
        .first()
    )
    return reverse("voice:page_detail", args=[pk]) if pk else None


def _connect_public_pages() -> None:
    """A published program is a public page: it takes comments and ratings and is found by search. The
    programs module knows nothing of voice (it is a layer below), so voice follows its saves."""
    from django.db.models.signals import post_save

    from hamafza.programs.models import Program

    post_save.connect(program_saved, sender=Program, dispatch_uid="voice.program_page")


def program_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    from hamafza.voice.models import PageKind, PublicPage
    from hamafza.voice.services.pages import public_page_ensure

    if kwargs.get("raw"):
        return  # loading fixtures: no side effects
    has_page = PublicPage.objects.filter(kind=PageKind.PROGRAM, object_id=str(instance.pk)).exists()
    if not instance.is_published and not has_page:
        return
    public_page_ensure(
        target=instance,
        organization=instance.owner,
        kind=PageKind.PROGRAM,
        title=instance.title,
        url=reverse("programs:detail", args=[instance.pk]),
        text=f"{instance.goals}\n{instance.challenge}".strip(),
        is_public=instance.is_published,
        published_at=instance.published_at,
    )


def portal_news(request: HttpRequest) -> dict[str, Any] | None:
    from hamafza.voice.models import NewsItem

    items = list(
        NewsItem.objects.filter(published_at__isnull=False).select_related("organization").order_by("-published_at")[:5]
    )
    return {"news": items} if items else None


def moderation_work(user: Any) -> Iterable[Any]:
    from hamafza.core.work import WorkItem
    from hamafza.voice import permissions
    from hamafza.voice.models import Comment, CommentStatus

    for organization in permissions.moderation_roots(user)[:5]:
        count = Comment.objects.filter(
            page__organization__path__startswith=organization.path, status=CommentStatus.PENDING
        ).count()
        yield WorkItem(
            label=f"نظرهای در انتظار بررسی — {organization.name}",
            count=count,
            url=reverse("voice:moderation_queue", args=[organization.pk]),
            icon="shield-check",
            group="بررسی نظرها",
        )


def response_work(user: Any) -> Iterable[Any]:
    from django.utils import timezone

    from hamafza.core.work import WorkItem
    from hamafza.voice import permissions
    from hamafza.voice.models import ResponseStatus

    open_cases = permissions.responses_for(user).filter(
        status__in=[ResponseStatus.RECEIVED, ResponseStatus.UNDER_REVIEW]
    )
    first = open_cases.order_by("due_on").values_list("due_on", flat=True).first()
    yield WorkItem(
        label="انتقادها و پیشنهادهای بی‌پاسخ",
        count=open_cases.count(),
        url=reverse("voice:responses_index"),
        due_at=first,
        is_overdue=bool(first and first < timezone.localdate()),
        icon="chat-square-quote",
        group="پاسخ به مردم",
    )


def my_comments_work(user: Any) -> Iterable[Any]:
    """A writer's own: answers from agencies not yet seen, and unpublished comments that may still be appealed.
    Two counts over indexed columns (the notification bell's index, comment author)."""
    from hamafza.core.work import WorkItem
    from hamafza.notifications.models import Notification
    from hamafza.voice.models import Comment, CommentStatus
    from hamafza.voice.services.responses import NOTIFY_KIND

    mine = reverse("voice:my_comments")
    answers = Notification.objects.filter(recipient=user, kind=NOTIFY_KIND, read_at__isnull=True).count()
    yield WorkItem(
        label="پاسخ تازه دستگاه‌ها به انتقادها و پیشنهادهای شما",
        count=answers,
        url=mine,
        icon="chat-square-text",
        group="نظرهای من",
    )
    appealable = Comment.objects.filter(author=user, status=CommentStatus.REJECTED, appealed_at__isnull=True).count()
    yield WorkItem(
        label="نظرهای منتشرنشده شما که می‌توانید به آن‌ها اعتراض کنید",
        count=appealable,
        url=f"{mine}?status=rejected",
        icon="flag",
        group="نظرهای من",
    )


def citizen_note(user: Any) -> Iterable[Any]:
    """What a citizen's home holds and where to go from it."""
    from hamafza.core.work import RoleNote
    from hamafza.organizations import permissions
    from hamafza.organizations.roles import Role

    if not any(grant.role == Role.CITIZEN for grant in permissions.grants_of(user)):
        return
    yield RoleNote(
        role=Role.CITIZEN.label,
        text=(
            "نظرها، انتقادها و پیشنهادهای شما و پاسخ دستگاه‌ها به آن‌ها در «نظرهای من» است؛ هر انتقاد یا "
            "پیشنهادِ منتشرشده به دستگاه مسئول می‌رود و باید در مهلت مقرر پاسخ بگیرد. کارنامه و رتبه دستگاه‌ها را "
            "در پایین همین صفحه ببینید، خبرها را بخوانید و نظر بدهید."
        ),
        links=(("نظرهای من", reverse("voice:my_comments")), ("اخبار و نظرها", reverse("voice:news_list"))),
    )
