"""triage() on ≥ 300 hand-written comments: precision and recall per rule, printed as a table."""

from __future__ import annotations

import time

from hamafza.moderation import RULES, triage

from .conftest import REPORT, Labeled

TARGETS = {  # rule: (minimum precision, minimum recall)
    "insult": (0.9, 0.9),
    "non_persian": (0.9, 0.9),
    "unrelated": (0.0, 0.8),
    "spam": (0.0, 0.8),
}


def _table(labeled: list[Labeled], pages: dict[str, str]) -> tuple[dict[str, tuple[float, float, int]], float, list]:
    results = [(item, triage(item.text, pages[item.page])) for item in labeled]
    scores = {}
    for rule in RULES:
        true_positive = sum(1 for item, got in results if rule in item.rules and rule in got.rules)
        predicted = sum(1 for _, got in results if rule in got.rules)
        actual = sum(1 for item, _ in results if rule in item.rules)
        precision = true_positive / predicted if predicted else 1.0
        recall = true_positive / actual if actual else 1.0
        scores[rule] = (precision, recall, actual)
    ordinary = [got for item, got in results if item.category in ("ordinary", "critique")]
    held_share = sum(got.held for got in ordinary) / len(ordinary)
    mistakes = [(item, got.rules) for item, got in results if set(got.rules) != set(item.rules)]
    return scores, held_share, mistakes


def test_the_labeled_set_is_large_and_covers_every_kind(labeled: list[Labeled]) -> None:
    assert len(labeled) >= 300
    categories = {item.category for item in labeled}
    assert categories >= {
        "ordinary",
        "critique",
        "insult",
        "obfuscated",
        "english",
        "arabic",
        "finglish",
        "unrelated",
        "spam",
    }
    assert sum(item.category == "critique" for item in labeled) >= 30


def test_triage_reaches_the_published_precision_and_recall(labeled: list[Labeled], pages: dict[str, str]) -> None:
    scores, held_share, mistakes = _table(labeled, pages)
    lines = ["rule          precision  recall   comments"]
    for rule, (precision, recall, actual) in scores.items():
        lines.append(f"{rule:<13} {precision:>9.3f}  {recall:>6.3f}   {actual:>8}")
    lines.append(f"ordinary and critique comments held: {held_share:.1%} of {len(labeled)} labeled comments")
    lines.append(f"disagreements with the labels: {len(mistakes)}")
    lines += [f"  expected {sorted(item.rules) or '-'} got {list(got) or '-'}: {item.text}" for item, got in mistakes]
    REPORT[:0] = lines
    print("\n" + "\n".join(lines))
    for rule, (min_precision, min_recall) in TARGETS.items():
        precision, recall, _ = scores[rule]
        assert precision >= min_precision, rule
        assert recall >= min_recall, rule
    assert held_share <= 0.05


def test_harsh_critique_of_officials_is_published(labeled: list[Labeled], pages: dict[str, str]) -> None:
    critique = [item for item in labeled if item.category == "critique"]
    held = [item.text for item in critique if triage(item.text, pages[item.page]).held]
    assert len(held) <= len(critique) * 0.05, held


def test_triage_of_the_labeled_set_reports_its_rate(labeled: list[Labeled], pages: dict[str, str]) -> None:
    # Distinct texts each round, so the per-word caches help as they would in production but do not do all the work.
    texts = [(f"{item.text} {round_}", pages[item.page]) for round_ in range(20) for item in labeled]
    # CPU time of this process: the machine the tests run on is shared, and wall time would measure the others.
    started = time.process_time()
    verdicts = [triage(text, page).rules for text, page in texts]
    rate = len(texts) / (time.process_time() - started)
    REPORT.append(f"triage: {rate:,.0f} comments/s on one core (CPU time, {len(texts)} comments; target ≥ 5,000)")
    print(REPORT[-1])
    # The rate is reported, not asserted: a test's speed depends on the machine it lands on (one run gave 4,385/s
    # on a slower core). `hamafza bench` measures it against its target as «comment triage». What is asserted is
    # that the caches change no verdict: a number added at the end judges a comment as the comment alone.
    alone = {item.text: triage(item.text, pages[item.page]).rules for item in labeled}
    assert verdicts == [alone[item.text] for _ in range(20) for item in labeled]
