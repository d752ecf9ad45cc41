"""The labeled comments and the seed pages they sit under."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

# The seed articles the labeled set was written against (copies of the workspace's shared/seeds), kept with
# the tests so a fresh clone anywhere runs them.
HERE = Path(__file__).parent
SEEDS = HERE / "seed_pages"


@dataclass(frozen=True)
class Labeled:
    rules: frozenset[str]
    category: str
    page: str
    text: str


def seed_pages() -> dict[str, str]:
    pages = {}
    for path in sorted(SEEDS.glob("*.txt")):
        pages[path.name[:3]] = path.read_text(encoding="utf-8")
    return pages


def labeled_comments() -> list[Labeled]:
    rows = []
    with (HERE / "labeled_comments.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#"):
                continue
            rules, category, page, text = row
            rows.append(Labeled(frozenset() if rules == "-" else frozenset(rules.split(",")), category, page, text))
    return rows


@pytest.fixture(scope="session")
def pages() -> dict[str, str]:
    found = seed_pages()
    assert found, f"the seed articles are missing from {SEEDS}"
    return found


@pytest.fixture(scope="session")
def labeled() -> list[Labeled]:
    return labeled_comments()


# What the labeled-set test measured, shown after the run even without `-s`.
REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("moderation: precision and recall on the labeled comments")
        for line in REPORT:
            terminalreporter.write_line(line)
