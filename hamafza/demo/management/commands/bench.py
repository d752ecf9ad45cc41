"""``hamafza bench``: the speed targets, measured in one run (never asserted as timings in tests).

It seeds the chosen profile if it is missing, then measures against this database:
* pages: the app under gunicorn with the production settings, driven by a separate load process on 127.0.0.1,
  against a bare Django view on the same stack in the same run;
* round re-scoring of the largest round vs a naive ORM loop; organization search latency and variant recall;
  framework import rows/s; worker memory.
It prints a Markdown table and, with ``--json PATH``, writes ``[{"figure", "value", "unit", "target", "met"}]``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hamafza.demo import bench_http, benchmarks
from hamafza.demo.scale import PROFILES, settle


class Command(BaseCommand):
    help = "Measure pages, scoring, search, imports and memory against the targets; print a table."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", choices=sorted(PROFILES), default="small")
        parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per page")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--json", dest="json_path", default="")
        parser.add_argument("--skip-http", action="store_true", help="only the in-process figures")
        parser.add_argument("--skip-in-process", action="store_true", help="only the pages under load")
        parser.add_argument(
            "--page", action="append", default=[], help="measure only the pages whose name holds this (repeatable)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        figures = benchmarks.in_process_figures(options["profile"], self.stdout, measure=not options["skip_in_process"])
        if not options["skip_http"]:
            # The in-process figures leave rolled-back rows behind (imports, re-scores): cleared, as autovacuum would.
            settle(self.stdout)
            figures += bench_http.http_figures(
                duration=options["duration"],
                connections=options["connections"],
                out=self.stdout,
                only=options["page"],
            )
        self.stdout.write(benchmarks.markdown(figures, vendor=benchmarks.vendor()))
        if options["json_path"]:
            Path(options["json_path"]).write_text(json.dumps(figures, ensure_ascii=False, indent=1), "utf-8")
