from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hamafza.settings_production",
        "HAMAFZA_AUDIT_KEY": "prod-check:" + "a" * 40,
        **env,
    }
    environment.pop("DEBUG", None)
    # The suite lifts Django's async guard for itself (tests/conftest.py); a deployment never does, and the
    # deploy check says so: the check runs as a deployment would.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-m", "hamafza.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_check(
        SECRET_KEY="x" * 20 + "production-secret-key-for-the-check-0123456789", ALLOWED_HOSTS="hamafza.example"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(SECRET_KEY="", ALLOWED_HOSTS="hamafza.example")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_demo_world_is_never_built_in_production():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hamafza.settings_production",
        "SECRET_KEY": "y" * 60,
        "HAMAFZA_AUDIT_KEY": "prod-check:" + "a" * 40,
        "ALLOWED_HOSTS": "hamafza.example",
    }
    result = subprocess.run(
        [sys.executable, "-m", "hamafza.cli", "demo"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "demo" in (result.stdout + result.stderr).lower()


def test_production_keeps_the_audit_anchors_outside_the_data_directory(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hamafza.settings_production",
        "SECRET_KEY": "z" * 60,
        "HAMAFZA_AUDIT_KEY": "prod-check:" + "a" * 40,
        "ALLOWED_HOSTS": "hamafza.example",
        "HAMAFZA_VAR_DIR": str(tmp_path / "var"),
    }
    environment.pop("HAMAFZA_AUDIT_ANCHOR_DIR", None)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.HAMAFZA_AUDIT_ANCHOR_DIR); print(settings.VAR_DIR)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    anchors, var = (Path(line).resolve() for line in result.stdout.split())
    assert var != anchors and var not in anchors.parents
    assert anchors.parent == var.parent

    environment["HAMAFZA_AUDIT_ANCHOR_DIR"] = str(tmp_path / "elsewhere")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )
    assert Path(result.stdout.split()[0]) == tmp_path / "elsewhere"
