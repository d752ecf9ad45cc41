"""Browser tests drive Debian's chromium against a real server, prepared the way ``make run`` prepares one.

The server runs in its own process on its own database (an SQLite file, or ``<DATABASE_URL>_e2e_<worker>`` on
PostgreSQL, one per pytest-xdist worker), a copy of the ``places`` template (tests/template_db.py: migrated, Iran's
divisions loaded, built once), then loaded by ``hamafza setup``: migrations (none left), places (none missing),
static files and the demo world. Screenshots go to ``var/screenshots`` so a person can look at them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.template_db import installation_database, postgres_drop

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # Under `--dist loadgroup` every browser test runs on one worker: one `hamafza setup`, one gunicorn.
            item.add_marker(pytest.mark.xdist_group("browser"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    var = tmp_path_factory.mktemp("e2e-var")
    env = {**os.environ, "HAMAFZA_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "hamafza.settings"}
    env.pop("DEBUG", None)
    # Starts from the places template (migrated, Iran's divisions loaded): `hamafza setup` then migrates nothing,
    # adds no place, collects the static files and builds the demo world, as on a machine set up before.
    database_url = installation_database("places", var, "e2e")
    if database_url:
        env["DATABASE_URL"] = database_url
    try:
        yield from _serve(var, env)
    finally:
        if database_url:
            postgres_drop(database_url)


def _serve(var: Path, env: dict[str, str]) -> Iterator[str]:
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "hamafza"), "setup"], env=env, check=True, cwd=ROOT, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "hamafza.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    # Gunicorn's workers import Django: on a shared, busy machine that can take more than half a minute.
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310 — our own server
                if response.status == 200:
                    break
        except OSError as error:
            if server.poll() is not None or time.monotonic() > deadline:
                # Stop it first: reading the pipe of a server still running would wait for ever.
                server.kill()
                _, stderr = server.communicate(timeout=10)
                raise RuntimeError(f"server did not start: {(stderr or b'').decode()[-2000:]}") from error
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def page(browser: Any, live_url: str) -> Iterator[Any]:
    # bypass_csp: Playwright evaluates its own helpers (wait_for_function with a string) in the page, which the
    # site's policy rightly forbids; the production smoke test checks the policy with chromium separately.
    context = browser.new_context(base_url=live_url, locale="fa-IR", timezone_id="Asia/Tehran", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser: Any, live_url: str) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_url,
        locale="fa-IR",
        timezone_id="Asia/Tehran",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
