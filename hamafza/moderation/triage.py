"""``triage``: every published rule a comment breaks, so a moderator sees why it waits."""

from __future__ import annotations

from dataclasses import dataclass

from hamafza.moderation.insult import insult_words
from hamafza.moderation.language import is_non_persian
from hamafza.moderation.relevance import is_unrelated
from hamafza.moderation.spam import is_spam
from hamafza.persian.text import normalize

RULES = ("insult", "non_persian", "unrelated", "spam")
# The published rules in the words of seed 000's comment box, one per rule.
RULE_LABELS = {
    "insult": "توهین یا افترا به اشخاص یا سازمان‌ها",
    "non_persian": "نظر به زبانی جز فارسی",
    "unrelated": "نامرتبط با مطلب",
    "spam": "تبلیغ، پیوند یا تکرار (هرزنامه)",
}


@dataclass(frozen=True, slots=True)
class Triage:
    held: bool
    rules: tuple[str, ...]
    insult_words: tuple[str, ...] = ()


def triage(text: str, page_text: str = "") -> Triage:
    """The rules ``text`` breaks (in ``RULES`` order); ``held`` when there is any. ``page_text`` enables
    the relevance rule: without the page there is nothing to be unrelated to."""
    normal = normalize(text)
    found = insult_words(normal, normalized=True)
    rules: list[str] = []
    if found:
        rules.append("insult")
    non_persian = is_non_persian(text)
    if non_persian:
        rules.append("non_persian")
    spam = is_spam(text)
    # «Unrelated» is the rule of last resort: an advert or an insult is off the subject by nature, and the
    # moderator is better served by the specific reason; relevance is also measured on Persian terms only.
    if not rules and not spam and page_text and is_unrelated(normal, page_text, normalized=True):
        rules.append("unrelated")
    if spam:
        rules.append("spam")
    return Triage(held=bool(rules), rules=tuple(rules), insult_words=tuple(found))
