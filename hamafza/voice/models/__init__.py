from hamafza.voice.models.comments import (
    COMMENT_LIMIT,
    Comment,
    CommentKind,
    CommentStatus,
    DecisionAction,
    ModerationDecision,
    Rating,
    Rule,
)
from hamafza.voice.models.pages import NewsItem, PageKind, PublicPage
from hamafza.voice.models.responses import RESPONSE_ORDER, RESPONSE_WORKING_DAYS, AgencyResponse, ResponseStatus
from hamafza.voice.models.search import SearchEntry

__all__ = [
    "COMMENT_LIMIT",
    "RESPONSE_ORDER",
    "RESPONSE_WORKING_DAYS",
    "AgencyResponse",
    "Comment",
    "CommentKind",
    "CommentStatus",
    "DecisionAction",
    "ModerationDecision",
    "NewsItem",
    "PageKind",
    "PublicPage",
    "Rating",
    "ResponseStatus",
    "Rule",
    "SearchEntry",
]
