"""Browser tests drive Debian's chromium against a real server, prepared the way ``make run`` prepares one.

The server runs in its own process on its own database (a fresh SQLite file, or ``<DATABASE_URL>_e2e`` on
PostgreSQL), loaded by ``hamafza setup``: migrations, Iran's divisions and the demo world. Screenshots go to
``var/screenshots`` so a person can look at them.
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _e2e_database_url(env: dict[str, str]) -> str | None:
    url = env.get("DATABASE_URL")
    if not url:
        return None
    import psycopg

    base, _, name = url.rpartition("/")
    e2e = f"{name}_e2e"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{e2e}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{e2e}"')
    return f"{base}/{e2e}"


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    var = tmp_path_factory.mktemp("e2e-var")
    env = {**os.environ, "HAMAFZA_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "hamafza.settings"}
    env.pop("DEBUG", None)
    database_url = _e2e_database_url(env)
    if database_url:
        env["DATABASE_URL"] = database_url
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
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 — our own server
                if response.status == 200:
                    break
        except OSError as error:
            if server.poll() is not None or time.monotonic() > deadline:
                message = server.stderr.read().decode() if server.stderr else ""
                raise RuntimeError(f"server did not start: {message}") from error
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is required for browser tests (apt-get install chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=live_url, locale="fa-IR", timezone_id="Asia/Tehran")
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
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
