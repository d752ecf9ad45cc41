"""The pages of ``hamafza bench`` under load: the app under gunicorn with production settings on the bench's
database, driven from a separate load process (``hamafza.demo.loadgen``) on 127.0.0.1, each page against a bare
Django view on the same stack (and each signed-in page also against a bare signed-in view)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, models

from hamafza.accounts.models import User
from hamafza.demo.benchmarks import ROOT, Figure, bench_admin, figure, largest_round
from hamafza.evaluation.models import RoundUnit

if TYPE_CHECKING:
    from hamafza.demo.world import Output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _session_cookie(user: User) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def _worker_rss_mb(master: int) -> list[float]:
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def _load(url: str, duration: float, connections: int, headers: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "hamafza.demo.loadgen", "--url", url, "--duration", str(duration)]
    command += ["--connections", str(connections)]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)  # noqa: S603
    return json.loads(result.stdout)


def _pages() -> list[tuple[str, str, bool]]:
    round_ = largest_round()
    unit = RoundUnit.objects.filter(round=round_).order_by("rank", "id").first()
    return [
        ("public home", "/", False),
        ("ranking of the largest round", f"/evaluation/rounds/{round_.pk}/results/", False),
        ("a unit's result", f"/evaluation/units/{unit.pk if unit else 0}/results/", False),
        ("organization search", "/organizations/?q=" + urllib.request.quote("بهزیستی"), True),
        ("the evaluator's dashboard", "/evaluation/", True),
        ("API list (organizations)", "/api/v1/organizations/", True),
        *_module_pages(),
    ]


def _module_pages() -> list[tuple[str, str, bool]]:
    """Each module's own busiest pages, once the scale world holds its data."""
    from hamafza.voice.models import Comment, NewsItem

    pages: list[tuple[str, str, bool]] = []
    busiest = (
        Comment.objects.filter(page__news_item__isnull=False)
        .values("page__news_item__code")
        .annotate(n=models.Count("id"))
        .order_by("-n")
        .first()
    )
    if busiest:
        pages.append(("news list", "/voice/", False))
        pages.append(
            (
                f"the busiest news page ({busiest['n']:,} comments)",
                f"/voice/news/{busiest['page__news_item__code']}/",
                False,
            )
        )
        pages.append(("search of comments", "/voice/search/?q=" + urllib.request.quote("پسماند"), False))
    if NewsItem.objects.exists():
        pages.append(("stakeholder registry", "/engagement/stakeholders/?q=" + urllib.request.quote("انجمن"), True))
        pages.append(("activities", "/engagement/activities/", True))
    return pages


def http_figures(*, duration: float, connections: int, out: Output, only: Sequence[str] = ()) -> list[Figure]:
    evaluator = User.objects.get(username="scale_evaluator")
    admin = bench_admin()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hamafza.settings_production",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "HAMAFZA_BENCH": "1",
        # One load process on one address would hit the API's per-address and per-person limits in seconds: the
        # bench measures the pages, not the throttle.
        "HAMAFZA_API_RATE_ANON": "1000000/m",
        "HAMAFZA_API_RATE_USER": "1000000/m",
    }
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{settings.DATABASES['default']['NAME']}"
    bin_dir = Path(sys.executable).parent
    subprocess.run(  # noqa: S603
        [str(bin_dir / "hamafza"), "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT
    )
    port = _free_port()
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(  # noqa: S603
            [str(bin_dir / "gunicorn"), "hamafza.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--threads", "4"],
            env=env, cwd=ROOT, stdout=log, stderr=log,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        try:
            _wait_healthy(base, headers, server)
            cookies = {False: "", True: _session_cookie(evaluator)}
            admin_cookie = _session_cookie(admin)
            bare = _load(f"{base}/bench/bare", duration, connections, headers)
            out.write(f"bare view: {bare['rps']:.0f} req/s")
            figures = [figure("bare Django view", bare["rps"], "req/s", "reference", None)]
            figures.append(figure("bare Django view p95", bare["p95"], "ms", "reference", None))
            errors = bare["errors"]
            # What a signed-in page pays before any work of its own (the session and the person): a reference
            # that shows how much of a signed-in page's cost is its own.
            signed_in_bare = _load(
                f"{base}/bench/bare-signed-in", duration, connections, {**headers, "Cookie": cookies[True]}
            )
            errors += signed_in_bare["errors"]
            figures.append(figure("bare signed-in view", signed_in_bare["rps"], "req/s", "reference", None))
            for name, path, signed_in in _pages():
                if only and not any(part in name for part in only):
                    continue
                cookie = admin_cookie if path.startswith(("/organizations", "/engagement")) else cookies[signed_in]
                page_headers = {**headers, **({"Cookie": cookie} if cookie else {})}
                result = _load(f"{base}{path}", duration, connections, page_headers)
                share = result["rps"] / bare["rps"] if bare["rps"] else 0.0
                ok = result["errors"] == 0
                errors += result["errors"]
                out.write(f"{name}: {result['rps']:.0f} req/s, statuses {result['statuses']}")
                figures.append(
                    figure(f"{name}: share of the bare view's req/s", share * 100, "%", "≥ 25", ok and share >= 0.25)
                )
                if signed_in and signed_in_bare["rps"]:
                    own = result["rps"] / signed_in_bare["rps"] * 100
                    figures.append(
                        figure(f"{name}: share of the bare signed-in view's req/s", own, "%", "reference", None)
                    )
                figures.append(
                    figure(
                        f"{name}: p95 (p50 {result['p50']:.0f} ms, p99 {result['p99']:.0f} ms)",
                        result["p95"],
                        "ms",
                        f"≤ {3 * bare['p95']:.0f} (3× bare)",
                        ok and result["p95"] <= 3 * bare["p95"],
                    )
                )
            figures.append(figure("responses other than 200 under load", errors, "responses", "= 0", errors == 0))
            rss = _worker_rss_mb(server.pid)
            if rss:
                figures.append(figure("worker RSS (largest worker)", max(rss), "MB", "≤ 250", max(rss) <= 250))
        finally:
            server.terminate()
            server.wait(timeout=20)
    return figures


def _wait_healthy(base: str, headers: dict[str, str], server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    request = urllib.request.Request(f"{base}/healthz", headers=headers)  # noqa: S310 — our own loopback server
    while True:
        try:
            with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the benchmark server did not start")
        time.sleep(0.3)
