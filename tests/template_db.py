"""Databases already migrated (and already loaded with Iran's divisions) for the tests that start installations.

On this machine ``hamafza migrate`` on an empty database takes about 30 s and ``hamafza load-places`` another 30 s
(100k rows). The tests that start throw-away installations in subprocesses (the backup round trip, the production
site, the browser server, the benchmark) start from a copy of a template instead of paying that each time:

* ``migrated``: an empty database after ``hamafza migrate --no-input``;
* ``places``: that database after ``hamafza load-places``.

The templates are built by the real commands, run as subprocesses, so the commands stay exercised, and only when
missing: they are kept between runs under a key that covers everything their content depends on (``KEYED`` below,
the installed packages, Python and SQLite), so a stale one is never used. Building takes an exclusive lock and
copying a shared one, so pytest-xdist workers (and concurrent runs) build each template once and never copy or
clone one that is being built or pruned.

* SQLite: files in ``var/test-templates/<key>/``, built in a scratch directory beside them, switched out of WAL
  (so the file is whole, with no side files) after the builder has exited, then renamed into place. An
  installation gets a copy as ``hamafza.sqlite3`` in its var directory. Lock: ``flock`` on
  ``var/test-templates/lock``.
* PostgreSQL: databases ``<name>_tmpl_<key>_migrated`` and ``…_places`` beside the suite's ``<name>`` (from
  ``DATABASE_URL``), built under a ``_wip`` name and renamed when complete, then marked as templates that refuse
  connections, so nothing is ever connected to them when an installation's database is made with
  ``CREATE DATABASE … TEMPLATE``. Lock: a PostgreSQL advisory lock, so that it holds across checkouts too.

Templates of other keys are removed when new ones are built. To throw them away by hand: ``rm -rf
var/test-templates`` and ``DROP DATABASE`` the ``<name>_tmpl_…`` databases (``ALTER DATABASE … IS_TEMPLATE false``
first).
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.metadata
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[1]
HAMAFZA = str(Path(sys.executable).parent / "hamafza")
TEMPLATES = ROOT / "var" / "test-templates"
SQLITE_NAME = "hamafza.sqlite3"  # settings.py: the default database is VAR_DIR / "hamafza.sqlite3"

Kind = Literal["migrated", "places"]

# What ``migrate`` and ``load-places`` write depends on: the migrations and what their data migrations import, the
# models (the post_migrate hook names the permissions after their verbose names), the places loader with its
# normalization, the settings (the installed apps), and this module. The data set of the places is a package,
# covered with every other installed package by its version.
KEYED = (
    "hamafza/*/migrations/**/*.py",
    "hamafza/*/models.py",
    "hamafza/*/models/**/*.py",
    "hamafza/*/apps.py",
    "hamafza/core/localization.py",
    "hamafza/core/audit*.py",
    "hamafza/core/db/**/*.py",
    "hamafza/holidays/calendar_data.py",
    "hamafza/places/**/*.py",
    "hamafza/persian/**/*.py",
    "hamafza/locale/**/*.po",
    "hamafza/settings.py",
    "tests/template_db.py",
)


@cache
def key() -> str:
    digest = hashlib.sha256()
    for path in sorted({path for pattern in KEYED for path in ROOT.glob(pattern) if path.is_file()}):
        digest.update(f"{path.relative_to(ROOT).as_posix()}\0".encode() + path.read_bytes() + b"\0")
    packages = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    digest.update("\n".join([sys.version, sqlite3.sqlite_version, *packages]).encode())
    return digest.hexdigest()[:12]


def _command_env(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"HAMAFZA_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "hamafza.settings"})
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _build_command(kind: Kind, var_dir: Path, database_url: str | None) -> None:
    args = ["load-places"] if kind == "places" else ["migrate", "--no-input"]
    env = _command_env(var_dir, database_url)
    result = subprocess.run([HAMAFZA, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(
            f"building the {kind} template: hamafza {' '.join(args)} failed\n{result.stdout}\n{result.stderr}"
        )


def _ensure_and_use(
    lock: Callable[[bool], Any],
    exists: Callable[[Kind], bool],
    build: Callable[[Kind], None],
    kind: Kind,
    use: Callable[[], object],
) -> None:
    """Use the template under the shared lock; when it is missing, build it under the exclusive lock first."""
    while True:
        with lock(False):
            if exists(kind):
                use()
                return
        with lock(True):
            if not exists(kind):
                if kind == "places" and not exists("migrated"):
                    build("migrated")
                build(kind)


# SQLite ---------------------------------------------------------------------------------------------------------


@contextmanager
def _sqlite_lock(exclusive: bool) -> Iterator[None]:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    with open(TEMPLATES / "lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite_template(kind: Kind) -> Path:
    return TEMPLATES / key() / f"{kind}.sqlite3"


def _sqlite_build(kind: Kind) -> None:
    directory = TEMPLATES / key()
    for other in TEMPLATES.iterdir():
        if other.is_dir() and other.name != key():
            shutil.rmtree(other)
    directory.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=directory))
    try:
        database = scratch / SQLITE_NAME
        if kind == "places":
            shutil.copyfile(_sqlite_template("migrated"), database)
        _build_command(kind, scratch, None)
        # The builder has exited; leaving WAL checkpoints every committed page into the file and removes the -wal
        # and -shm files, so the template is one whole file (installations switch back to WAL when they open it).
        conn = sqlite3.connect(database)
        try:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            conn.close()
        side_files = [p.name for p in scratch.iterdir() if p.name.startswith(f"{SQLITE_NAME}-")]
        assert mode == "delete" and not side_files, (mode, side_files)
        os.replace(database, _sqlite_template(kind))
    finally:
        shutil.rmtree(scratch)


def sqlite_copy(kind: Kind, var_dir: Path) -> None:
    """Put a copy of the template in ``var_dir`` as the installation's SQLite database."""
    var_dir.mkdir(parents=True, exist_ok=True)
    target = var_dir / SQLITE_NAME
    for stale in (target, var_dir / f"{SQLITE_NAME}-wal", var_dir / f"{SQLITE_NAME}-shm"):
        stale.unlink(missing_ok=True)
    _ensure_and_use(
        _sqlite_lock,
        lambda k: _sqlite_template(k).is_file(),
        _sqlite_build,
        kind,
        lambda: shutil.copyfile(_sqlite_template(kind), target),
    )


# PostgreSQL -----------------------------------------------------------------------------------------------------


def _split(url: str) -> tuple[str, str]:
    server, _, name = url.rpartition("/")
    return server, name


def _template_name(base: str, kind: Kind) -> str:
    return f"{base}_tmpl_{key()}_{kind}"


def _template_pattern(base: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(base)}_tmpl_[0-9a-f]{{12}}_(migrated|places)(_wip)?")


def _drop(conn: Any, name: str) -> None:
    exists = conn.execute("SELECT datistemplate FROM pg_database WHERE datname = %s", [name]).fetchone()
    if exists and exists[0]:
        conn.execute(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE false')
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _database_exists(conn: Any, name: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


@contextmanager
def _admin(suite_url: str) -> Iterator[Any]:
    import psycopg

    server, _ = _split(suite_url)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        yield conn


def _postgres_build(conn: Any, suite_url: str, kind: Kind) -> None:
    server, base = _split(suite_url)
    pattern = _template_pattern(base)
    current = {_template_name(base, "migrated"), _template_name(base, "places")}
    for (name,) in conn.execute("SELECT datname FROM pg_database").fetchall():
        if pattern.fullmatch(name) and name not in current:
            _drop(conn, name)
    final = _template_name(base, kind)
    work = f"{final}_wip"
    _drop(conn, work)
    source = f' TEMPLATE "{_template_name(base, "migrated")}"' if kind == "places" else ""
    conn.execute(f'CREATE DATABASE "{work}"{source}')
    try:
        with tempfile.TemporaryDirectory(prefix=f"hamafza-{kind}-") as var_dir:
            _build_command(kind, Path(var_dir), f"{server}/{work}")
    except BaseException:
        _drop(conn, work)
        raise
    # The builder has exited (PostgreSQL waits a few seconds for its backend to go before a rename or a clone). Under
    # its final name the template is complete and refuses connections, so it is never in use when it is cloned.
    conn.execute(f'ALTER DATABASE "{work}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false')
    conn.execute(f'ALTER DATABASE "{work}" RENAME TO "{final}"')


def postgres_create(kind: Kind, suite_url: str, name: str) -> str:
    """A new database ``name`` (dropped first if it is there) cloned from the template; its URL."""
    server, base = _split(suite_url)
    longest = f"{_template_name(base, 'migrated')}_wip"
    assert len(longest) <= 63 and len(name) <= 63, f"PostgreSQL names are at most 63 bytes: {longest}, {name}"
    lock_key = int(hashlib.sha256(f"hamafza-test-templates:{base}".encode()).hexdigest()[:15], 16)

    with _admin(suite_url) as conn:

        @contextmanager
        def lock(exclusive: bool) -> Iterator[None]:
            conn.execute(f"SELECT pg_advisory_lock{'' if exclusive else '_shared'}(%s)", [lock_key])
            try:
                yield
            finally:
                conn.execute(f"SELECT pg_advisory_unlock{'' if exclusive else '_shared'}(%s)", [lock_key])

        def clone() -> None:
            _drop(conn, name)
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_template_name(base, kind)}"')

        _ensure_and_use(
            lock,
            lambda k: _database_exists(conn, _template_name(base, k)),
            lambda k: _postgres_build(conn, suite_url, k),
            kind,
            clone,
        )
    return f"{server}/{name}"


def postgres_drop(url: str) -> None:
    with _admin(url) as conn:
        _drop(conn, _split(url)[1])


# For the tests ------------------------------------------------------------------------------------------------


def worker_database_name(suffix: str) -> str:
    """``<DATABASE_URL's name>_<suffix>_<xdist worker>``: each worker's installation has a database of its own."""
    _, base = _split(os.environ["DATABASE_URL"])
    return f"{base}_{suffix}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def prepare_test_database(connection: Any) -> Callable[[], None]:
    """Make the test database of ``connection`` (pytest-django's, this worker's) a copy of the places template.

    Django's ``setup_databases`` then takes it as it is (``keepdb``): ``migrate`` finds nothing to apply and
    ``places_loaded`` finds the places there. Each worker migrated and loaded its own before (about a minute on
    this machine, twice a run), and the templates were built besides for the installations. Returns what removes
    the copy's directory on SQLite after Django has dropped the database.

    * PostgreSQL: ``CREATE DATABASE test_<name>_<worker> TEMPLATE <name>_tmpl_<key>_places``.
    * SQLite: a file in a directory of its own under the system's temporary directory, named as the test
      database (``TEST.NAME``), instead of Django's in-memory one.
    """
    if connection.vendor == "postgresql":
        postgres_create("places", os.environ["DATABASE_URL"], connection.creation._get_test_db_name())
        return lambda: None
    directory = Path(tempfile.mkdtemp(prefix="hamafza-test-db-"))
    sqlite_copy("places", directory)
    connection.settings_dict["TEST"]["NAME"] = str(directory / SQLITE_NAME)
    return lambda: shutil.rmtree(directory, ignore_errors=True)


def installation_database(kind: Kind, var_dir: Path, suffix: str) -> str | None:
    """Give the installation in ``var_dir`` a database that starts as the ``kind`` template.

    On PostgreSQL (``DATABASE_URL`` set) a database of its own, ``worker_database_name(suffix)``, whose URL is
    returned (drop it with ``postgres_drop``); otherwise a copy of the SQLite template in ``var_dir`` (None).
    """
    suite_url = os.environ.get("DATABASE_URL")
    if suite_url:
        var_dir.mkdir(parents=True, exist_ok=True)
        return postgres_create(kind, suite_url, worker_database_name(suffix))
    sqlite_copy(kind, var_dir)
    return None
