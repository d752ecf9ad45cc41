"""`make test` brings what it needs and says what it did: the system packages, pytest's summary, no silent pass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_tests(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHON_BIN": sys.executable, "TEST_JOBS": "0", "HAMAFZA_NO_SKIPS": "0", **env}
    return subprocess.run(
        [str(ROOT / "scripts" / "run-tests.sh"), "-p", "no:randomly", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_test_fails_when_no_test_ran_and_prints_the_summary(tmp_path: Path):
    result = run_tests("tests/persian/test_persian_digits.py", "-k", "no_test_has_this_name")
    assert result.returncode != 0
    assert "pytest summary:" in result.stdout and "deselected" in result.stdout
    assert "no test ran" in result.stderr or result.returncode == 5


def test_a_skipped_test_fails_the_run_only_where_skips_are_forbidden(tmp_path: Path):
    test_file = tmp_path / "test_needs_a_browser.py"
    test_file.write_text(
        "import pytest\n\ndef test_it():\n    pytest.skip('no browser here')\n\ndef test_ok():\n    pass\n"
    )
    relaxed = run_tests(str(test_file), "-p", "no:django")
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "1 passed, 1 skipped" in relaxed.stdout
    strict = run_tests(str(test_file), "-p", "no:django", HAMAFZA_NO_SKIPS="1")
    assert strict.returncode != 0
    assert "skipped" in strict.stderr


def check_packages(listing: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "packages.txt"
    path.write_text(listing)
    return subprocess.run(
        [str(ROOT / "scripts" / "system-packages.sh")],
        env={**os.environ, "SYSTEM_PACKAGES_LIST": str(path), "SYSTEM_PACKAGES_INSTALL": "0"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_missing_system_package_stops_make_test_naming_it(tmp_path: Path):
    result = check_packages("# comment\nno-such-package-hamafza   false\n", tmp_path)
    assert result.returncode == 1
    assert "no-such-package-hamafza" in result.stderr


def test_make_test_and_ci_check_the_same_list_of_system_packages(tmp_path: Path):
    assert check_packages("", tmp_path).returncode == 0
    makefile, ci = (ROOT / "Makefile").read_text(), (ROOT / ".ci" / "run").read_text()
    assert "scripts/system-packages.sh" in makefile and "scripts/system-packages.sh" in ci
    listed = {
        line.split()[0]
        for line in (ROOT / "scripts/system-packages.txt").read_text().splitlines()
        if line[:1].isalpha()
    }
    assert {"chromium", "poppler-utils", "fonts-noto-core", "libpango-1.0-0", "postgresql-client"} <= listed
