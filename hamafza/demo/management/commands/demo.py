import io
import unicodedata
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from hamafza.demo.data import DEMO_PASSWORD
from hamafza.demo.foundation import DemoAccount, demo_accounts
from hamafza.demo.world import build_world

HEADERS = ("نام کاربری", "رمز عبور", "نقش", "محدوده")


def display_width(text: str) -> int:
    """Terminal columns: the zero-width non-joiner (نیم‌فاصله) and combining marks take none."""
    return sum(1 for char in text if char != "\u200c" and unicodedata.category(char) not in {"Mn", "Cf"})


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def account_lines(accounts: list[DemoAccount], password: str) -> list[str]:
    # The Latin columns come first and the Persian ones last, so the table stays aligned in terminals that
    # reorder right-to-left runs and in those that do not.
    rows = [HEADERS]
    for account in accounts:
        for index, (role, scope) in enumerate(zip(account.roles, account.scopes, strict=True)):
            first = index == 0
            rows.append((account.username if first else "", password if first else "", role, scope))
    widths = [max(display_width(row[column]) for row in rows) for column in range(len(HEADERS))]
    lines = ["  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


class Command(BaseCommand):
    help = "Build the demo world of the seeds' stories (organizations, one account per role); idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.HAMAFZA_ALLOW_DEMO:
            raise CommandError("The demo world publishes its passwords; production settings never build it.")
        if options["verbosity"] < 1:
            build_world(OutputWrapper(io.StringIO()))
            return
        build_world(self.stdout)
        self.stdout.write("")
        self.stdout.write(f"حساب‌های نمایشی — رمز عبور همه: {DEMO_PASSWORD}")
        for line in account_lines(demo_accounts(), DEMO_PASSWORD):
            self.stdout.write(line)
