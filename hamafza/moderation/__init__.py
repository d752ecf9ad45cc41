"""Persian auto-triage of citizens' comments: pure Python, no Django.

``triage(text, page_text)`` names every published rule a comment breaks (``insult``, ``non_persian``,
``unrelated``, ``spam``); a held comment waits for a moderator, who decides. Nothing here deletes anything.
"""

from hamafza.moderation.triage import RULE_LABELS, RULES, Triage, triage

__all__ = ["RULES", "RULE_LABELS", "Triage", "triage"]
