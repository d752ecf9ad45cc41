"""``/api/v1/voice``: public pages, news, comments (created with the same checks as the form), the agencies'
answers, search and the transparency figures. Reads are public; answering needs an agency role."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from hamafza.core.errors import DomainError
from hamafza.core.pagination import PageNumberPagination, Rows
from hamafza.voice import permissions, selectors
from hamafza.voice.models import COMMENT_LIMIT, AgencyResponse, CommentKind, NewsItem, ResponseStatus
from hamafza.voice.services import comments as comment_services
from hamafza.voice.services import pages as page_services
from hamafza.voice.services import responses as response_services
from hamafza.voice.services import search as search_services

router = Router(tags=["voice"])
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    url: str
    organization: str
    published_at: datetime | None
    comments_open: bool


class PageDetailOut(PageOut):
    rating_average: float | None
    rating_count: int


class NewsOut(Schema):
    code: int
    kind: str
    title: str
    lead: str
    body: str
    organization: str
    published_at: datetime | None
    view_count: int
    page_id: int | None
    short_url: str


class AnswerOut(Schema):
    id: int
    status: str
    status_label: str
    organization: str
    due_on: date
    answer: str
    answered_at: datetime | None


class CommentOut(Schema):
    id: int
    parent_id: int | None
    author: str
    kind: str
    kind_label: str
    text: str
    status: str
    created_at: datetime
    answer: AnswerOut | None


class CommentIn(Schema):
    text: str = Field(..., max_length=5000, description=f"متن نظر؛ پس از یکسان‌سازی حداکثر {COMMENT_LIMIT} نویسه")
    kind: CommentKind = CommentKind.OPINION
    author_name: str = Field("", max_length=80)
    parent_id: int | None = None


class CommentCreatedOut(Schema):
    id: int
    status: str
    message: str


class ResponseIn(Schema):
    status: ResponseStatus
    answer: str = Field("", max_length=3000)
    version: int = Field(..., ge=1)


class SearchHitOut(Schema):
    title: str
    url: str
    is_comment: bool
    snippet: str
    highlights: list[str]


class SearchIn(Schema):
    q: str = Field(..., max_length=200, description="عبارت جستجو؛ واژه آخر پیشوند هم حساب می‌شود")
    page: int = Field(1, ge=1, le=10_000)


class SearchOut(Schema):
    total: int = Field(..., description="تعداد نتیجه‌ها؛ شمارش در ۱۰۰۱ می‌ایستد (total_capped)")
    total_capped: bool = Field(False, description="بیش از ۱۰۰۰ نتیجه")
    page: int
    results: list[SearchHitOut]


class AgencyFiguresOut(Schema):
    organization: str
    received: int
    held: int
    held_by_rule: dict[str, int]
    cases: int
    answered: int
    answered_on_time: int
    overdue: int
    response_rate: float | None
    median_response_days: float | None
    rating_average: float | None
    rating_count: int


def _page_out(page: Any) -> dict[str, Any]:
    return {
        "id": page.pk,
        "kind": page.kind,
        "kind_label": page.get_kind_display(),
        "title": page.title,
        "url": page.url,
        "organization": page.organization.name,
        "published_at": page.published_at,
        "comments_open": page.comments_open,
    }


def _answer_out(case: Any) -> dict[str, Any]:
    return {
        "id": case.pk,
        "status": case.status,
        "status_label": case.get_status_display(),
        "organization": case.organization.name,
        "due_on": case.due_on,
        "answer": case.answer,
        "answered_at": case.answered_at,
    }


def _comment_out(comment: Any) -> dict[str, Any]:
    case = getattr(comment, "response", None)
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "author": comment.display_name,
        "kind": comment.kind,
        "kind_label": comment.get_kind_display(),
        "text": comment.text,
        "status": comment.status,
        "created_at": comment.created_at,
        "answer": _answer_out(case) if case else None,
    }


@router.get("/pages", response=list[PageOut], auth=None, summary="صفحه‌های عمومی")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def page_list(request: HttpRequest) -> Rows:
    pages = permissions.pages_visible_to(request.user).filter(is_public=True).select_related("organization")
    return Rows(pages.order_by("-published_at", "-id"), _page_out)


@router.get("/pages/{page_id}", response=PageDetailOut, auth=None, summary="یک صفحه عمومی")
def page_detail(request: HttpRequest, page_id: int) -> dict[str, Any]:
    page = permissions.get_page_or_404(request.user, page_id)
    rating = selectors.rating_summary(page)
    return {**_page_out(page), "rating_average": rating["average"], "rating_count": rating["count"]}


@router.get("/pages/{page_id}/comments", response=list[CommentOut], auth=None, summary="نظرهای منتشرشده یک صفحه")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def comment_list(request: HttpRequest, page_id: int) -> Rows:
    page = permissions.get_page_or_404(request.user, page_id)
    comments = (
        permissions.comments_visible_to(request.user)
        .filter(page=page)
        .select_related("author", "response__organization")
        .order_by("created_at", "id")
    )
    return Rows(comments, _comment_out)


@router.post(
    "/pages/{page_id}/comments",
    response={201: CommentCreatedOut},
    auth=None,
    summary="ثبت نظر (همان بررسی‌های فرم: ۵۰۰ نویسه، قواعد انتشار، محدودیت نشانی)",
)
def comment_create(request: HttpRequest, page_id: int, payload: CommentIn) -> Status:
    page = permissions.get_page_or_404(request.user, page_id)
    parent = None
    if payload.parent_id is not None:
        parent = permissions.comments_visible_to(request.user).filter(pk=payload.parent_id, page=page).first()
        if parent is None:
            raise DomainError("نظری که به آن پاسخ می‌دهید پیدا نشد.")
    comment = comment_services.comment_create(
        page=page,
        text=payload.text,
        kind=payload.kind,
        author_name=payload.author_name,
        parent=parent,
        address=request.META.get("REMOTE_ADDR", ""),
        by=request.user,
    )
    message = "نظر شما منتشر شد." if comment.status == "published" else "نظر شما ثبت شد و پس از بررسی ناظر منتشر می‌شود."
    return Status(201, {"id": comment.pk, "status": comment.status, "message": message})


@router.get("/news", response=list[NewsOut], auth=None, summary="اخبار و اطلاعیه‌ها")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def news_list(request: HttpRequest) -> Rows:
    items = (
        permissions.news_visible_to(request.user)
        .filter(published_at__isnull=False)
        .select_related("organization")
        .order_by("-published_at", "-id")
    )
    return Rows(items, _news_out, prepare=page_services.with_pending_views)


def _news_out(item: NewsItem) -> dict[str, Any]:
    return {
        "code": item.code,
        "kind": item.kind,
        "title": item.title,
        "lead": item.lead,
        "body": item.body,
        "organization": item.organization.name,
        "published_at": item.published_at,
        "view_count": item.view_count,
        "page_id": item.page_id,
        "short_url": f"/n/{item.code}",
    }


@router.get("/answers", response=list[AnswerOut], auth=None, summary="پاسخ‌های دستگاه‌ها به انتقاد و پیشنهاد")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def answer_list(request: HttpRequest, organization_id: int | None = None) -> Rows:
    cases = AgencyResponse.objects.filter(comment__status="published", comment__page__is_public=True)
    if organization_id:
        cases = cases.filter(organization_id=organization_id)
    return Rows(cases.select_related("organization").order_by("-received_at", "-id"), _answer_out)


@router.post("/answers/{answer_id}", response=AnswerOut, summary="به‌روزرسانی وضعیت و پاسخ دستگاه")
def answer_update(request: HttpRequest, answer_id: int, payload: ResponseIn) -> dict[str, Any]:
    case = permissions.get_response_or_404(request.user, answer_id)
    case = response_services.response_update(
        response=case, status=payload.status, answer=payload.answer, version=payload.version, by=request.user
    )
    return _answer_out(case)


@router.get("/search", response=SearchOut, auth=None, summary="جستجوی فارسی در صفحه‌ها و نظرها")
def search(request: HttpRequest, filters: Query[SearchIn]) -> dict[str, Any]:
    results = search_services.search(filters.q, page=filters.page, per_page=PAGE_SIZE)
    return {
        "total": results.total,
        "total_capped": results.is_capped,
        "page": filters.page,
        "results": [
            {
                "title": hit.entry.title,
                "url": hit.entry.page.url + (f"#comment-{hit.entry.comment_id}" if hit.entry.comment_id else ""),
                "is_comment": hit.entry.comment_id is not None,
                "snippet": "".join(text for text, _ in hit.snippet),
                "highlights": [text for text, found in hit.snippet if found],
            }
            for hit in results.hits
        ],
    }


@router.get("/transparency", response=list[AgencyFiguresOut], auth=None, summary="شفافیت دستگاه‌ها")
def transparency(request: HttpRequest, province_id: int | None = None) -> list[dict[str, Any]]:
    return [
        {
            "organization": f.organization.name,
            "received": f.received,
            "held": f.held,
            "held_by_rule": dict(f.held_by_rule),
            "cases": f.cases,
            "answered": f.answered,
            "answered_on_time": f.answered_on_time,
            "overdue": f.overdue,
            "response_rate": f.response_rate,
            "median_response_days": f.median_days,
            "rating_average": f.rating_average,
            "rating_count": f.rating_count,
        }
        for f in selectors.transparency(province_id=province_id)
    ]
