"""A production deployment in a temporary directory, and a visitor that talks to it over HTTP like a browser.

Used by the production smoke test. The visitor keeps its own cookies (production's are ``Secure`` and the test
talks plain HTTP to gunicorn while claiming ``X-Forwarded-Proto: https``, as a TLS proxy would), sends the
``Origin``/``Referer`` that Django's CSRF check demands over HTTPS, and follows only same-site links.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from tests.template_db import installation_database, postgres_drop

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
SECRET_KEY = "production-smoke-test-" + "k" * 40
# Not pages: files, the JSON API, the admin (its own app), and logging out (a POST anyway).
SKIPPED_PREFIXES = ("/static/", "/media/", "/api/", "/admin/", "/accounts/logout/")


@dataclass
class ProductionSite:
    port: int
    var_dir: Path


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    path: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def is_html(self) -> bool:
        return self.headers.get("content-type", "").startswith("text/html")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.csrf_token = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "input" and values.get("name") == "csrfmiddlewaretoken":
            self.csrf_token = values.get("value") or ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


@contextmanager
def start_production_site(var_dir: Path) -> Iterator[ProductionSite]:
    """The demo world under gunicorn with the production settings.

    The database starts as a copy of the ``places`` template (tests/template_db.py: migrated, Iran's divisions
    loaded; built once, not 60 s per site), on PostgreSQL a database of its own per xdist worker. Then the way an
    operator would: ``migrate`` (nothing left to apply) and ``demo`` with the embedded settings, while
    ``collectstatic`` (20 s, no database) runs beside them under the production settings.
    """
    hamafza = str(Path(sys.executable).parent / "hamafza")
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    env["HAMAFZA_VAR_DIR"] = str(var_dir)
    database_url = installation_database("places", var_dir, "prod")
    if database_url:
        env["DATABASE_URL"] = database_url
    try:
        production = {
            **env,
            "DJANGO_SETTINGS_MODULE": "hamafza.settings_production",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": HOST,
        }
        # Production refuses to start without an audit key, which the demo below creates on its first audit entry;
        # collecting static files signs nothing, so it runs meanwhile on a throw-away key.
        collect_env = {**production, "HAMAFZA_AUDIT_KEY": "collectstatic:" + "c" * 40}
        collect = subprocess.Popen(
            [hamafza, "collectstatic", "--no-input"],
            env=collect_env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            # The data comes the embedded way: production refuses to build the demo world, by design.
            embedded = {**env, "DJANGO_SETTINGS_MODULE": "hamafza.settings"}
            for command in (["migrate", "--no-input"], ["demo"]):
                _run([hamafza, *command], embedded)
        except BaseException:
            collect.kill()
            collect.wait()
            raise
        collected, _ = collect.communicate(timeout=600)
        assert collect.returncode == 0, f"collectstatic failed:\n{collected}"
        yield from _serve(var_dir, production)
    finally:
        if database_url:
            postgres_drop(database_url)


def _serve(var_dir: Path, production: dict[str, str]) -> Iterator[ProductionSite]:
    port = _free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "hamafza.wsgi", "--bind", f"{HOST}:{port}", "--workers", "2", "--threads", "4"],
        env=production,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    site = ProductionSite(port=port, var_dir=var_dir)
    try:
        _wait_until_healthy(site, server)
        yield site
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait_until_healthy(site: ProductionSite, server: subprocess.Popen[bytes]) -> None:
    # Gunicorn's workers import Django: on a shared, busy machine that can take more than a minute.
    deadline = time.monotonic() + 120
    while True:
        try:
            if Visitor(site).get("/healthz", follow=False).status == 200:
                return
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            _, stderr = server.communicate(timeout=20)
            raise RuntimeError(f"production server did not start: {(stderr or b'').decode()[-2000:]}")
        time.sleep(0.3)


@dataclass
class Visitor:
    site: ProductionSite
    https: bool = True
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"https://{HOST}:{self.site.port}"

    @property
    def base_url(self) -> str:
        """Where the TLS proxy would forward to: gunicorn itself, over plain HTTP."""
        return f"http://{HOST}:{self.site.port}"

    def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> Response:
        connection = http.client.HTTPConnection(HOST, self.site.port, timeout=60)
        sent = {"Host": f"{HOST}:{self.site.port}", **(headers or {})}
        if self.https:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            connection.request(method, path, body=body or None, headers=sent)
            raw = connection.getresponse()
            payload = raw.read()
            for header, value in raw.getheaders():
                if header.lower() == "set-cookie":
                    self._remember(value)
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, payload, path)
        finally:
            connection.close()

    def _remember(self, set_cookie: str) -> None:
        name, _, rest = set_cookie.partition("=")
        value = rest.split(";", 1)[0]
        if value in {"", '""'} or re.search(r"max-age=0\b", set_cookie, re.I):
            self.cookies.pop(name.strip(), None)
        else:
            self.cookies[name.strip()] = value

    def get(self, path: str, *, follow: bool = True) -> Response:
        response = self.request("GET", path)
        for _ in range(5):
            if not follow or response.status not in {301, 302, 303, 307, 308}:
                break
            target = self._same_site_path(urljoin(response.path, response.headers.get("location", "")))
            if target is None:
                break
            response = self.request("GET", target)
        return response

    def login(self, username: str, password: str) -> None:
        form = self.get("/accounts/login/")
        parser = _Links()
        parser.feed(form.text)
        assert form.status == 200 and parser.csrf_token, "the login form has no CSRF token"
        body = urlencode({"csrfmiddlewaretoken": parser.csrf_token, "username": username, "password": password})
        response = self.request(
            "POST",
            "/accounts/login/",
            body.encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": f"{self.origin}/accounts/login/",
            },
        )
        location = response.headers.get("location", "")
        assert response.status == 302 and "/accounts/login/" not in location, f"login failed for {username}"

    def _same_site_path(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme not in {"", "http", "https"} or parts.netloc not in {"", f"{HOST}:{self.site.port}"}:
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def crawl(self, seeds: list[str], per_view: int = 2, limit: int = 150) -> tuple[list[str], list[str]]:
        """Follow every same-site link from the seeds; at most ``per_view`` pages of one view, ``limit`` in all."""
        from django.urls import Resolver404, resolve

        queue: deque[tuple[str, str]] = deque((seed, "(start)") for seed in seeds)
        seen: set[str] = set()
        per_name: Counter[str] = Counter()
        failures: list[str] = []
        visited: list[str] = []
        while queue and len(visited) < limit:
            path, referrer = queue.popleft()
            if path in seen or path.startswith(SKIPPED_PREFIXES):
                continue
            seen.add(path)
            try:
                name = resolve(urlsplit(path).path).view_name
            except Resolver404:
                failures.append(f"no such page {path} (linked from {referrer})")
                continue
            if per_name[name] >= per_view:
                continue
            per_name[name] += 1
            response = self.get(path)
            visited.append(path)
            if response.status != 200:
                failures.append(f"{response.status} {path} → {response.path} (linked from {referrer})")
                continue
            if not response.is_html:
                continue
            parser = _Links()
            parser.feed(response.text)
            for href in parser.links:
                target = self._same_site_path(urljoin(response.path, href.split("#", 1)[0]))
                if target and target not in seen:
                    queue.append((target, path))
        return failures, visited
