"""Production collects its static files with whitenoise's manifest storage, which refuses a dangling reference."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_MAP = re.compile(r"sourceMappingURL=([^\s*]+)")


def test_every_source_map_a_static_file_names_is_vendored_beside_it():
    dangling = [
        f"{path.relative_to(ROOT)} → {match}"
        for path in (ROOT / "static").rglob("*")
        if path.suffix in {".js", ".css"}
        for match in SOURCE_MAP.findall(path.read_text(errors="ignore"))
        if not (path.parent / match).exists()
    ]
    assert dangling == []


def test_production_collects_static_files_into_a_manifest(tmp_path: Path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hamafza.settings_production",
        "SECRET_KEY": "s" * 60,
        "HAMAFZA_AUDIT_KEY": "static-check:" + "a" * 40,
        "HAMAFZA_VAR_DIR": str(tmp_path),
    }
    environment.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "hamafza.cli", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert "vendor/chartjs/chart.umd.min.js" in manifest["paths"]
    assert "vendor/bootstrap/bootstrap.bundle.min.js" in manifest["paths"]
