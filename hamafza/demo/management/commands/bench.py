"""``hamafza bench``: the speed targets, measured (never asserted as timings in tests).

Everything it creates lives in one transaction that is rolled back, so it can run against any database.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from hamafza.demo.evaluation_data import SOCIAL_DISTRICTS
from hamafza.evaluation.models import Answer, AnswerSource, Round, RoundState, RoundUnit
from hamafza.evaluation.services.frameworks import framework_version_create
from hamafza.evaluation.services.scoring import round_rescore
from hamafza.organizations.models import Organization
from hamafza.organizations.services import organization_create


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure set-based work: scoring a round of N units (time and query count)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, default=1000)

    def handle(self, *args: Any, **options: Any) -> None:
        units = options["units"]
        try:
            with transaction.atomic():
                self._bench_scoring(units)
                raise Rollback
        except Rollback:
            pass

    def _bench_scoring(self, count: int) -> None:
        office = organization_create(by=None, code="bench-office", name="دفتر سنجش", kind="agency")
        version = framework_version_create(by=None, owner=office, code="bench", title="سنجش", axes=SOCIAL_DISTRICTS)
        round_ = Round.objects.create(
            office=office, framework_version=version, code="bench-round", title="سنجش", state=RoundState.REVIEW
        )
        started = time.perf_counter()
        orgs = Organization.objects.bulk_create(
            [Organization(code=f"bench-{n}", name=f"واحد {n}", kind="agency", path=f"b{n}/") for n in range(count)]
        )
        round_units = RoundUnit.objects.bulk_create([RoundUnit(round=round_, unit=org) for org in orgs])
        items = list(version.items.all())
        answers = [
            Answer(round_unit=ru, item=item, source=AnswerSource.SELF, value_number=float((ru.pk * 7 + item.pk) % 10))
            for ru in round_units
            for item in items
        ]
        Answer.objects.bulk_create(answers, batch_size=5000)
        self.stdout.write(f"setup: {count} units × {len(items)} items in {time.perf_counter() - started:.2f}s")
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            round_rescore(round_=round_)
            elapsed = time.perf_counter() - started
        self.stdout.write(f"round_rescore: {count} units in {elapsed:.3f}s with {len(queries)} queries")
