"""Engagement's capabilities live in the one table of capabilities, whether or not engagement is imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hamafza.engagement import permissions
from hamafza.organizations.roles import CAPABILITY_ROLES, Capability, Role


def test_engagement_capabilities_are_in_the_roles_table():
    assert permissions.MANAGE == Capability.ENGAGEMENT_MANAGE == "engagement.manage"
    assert permissions.ESCALATE == Capability.ENGAGEMENT_ESCALATE == "engagement.escalate"
    assert CAPABILITY_ROLES[Capability.ENGAGEMENT_MANAGE] == {Role.AGENCY_STAFF, Role.AGENCY_MANAGER, Role.GOVERNOR}
    assert CAPABILITY_ROLES[Capability.ENGAGEMENT_ESCALATE] == {Role.AGENCY_MANAGER}


def test_roles_table_is_complete_without_importing_engagement():
    # A fresh interpreter that imports only organizations.roles: no module adds capabilities at import time.
    code = (
        "import sys; from hamafza.organizations.roles import CAPABILITY_ROLES, Capability; "
        "assert 'hamafza.engagement' not in sys.modules; "
        "assert set(CAPABILITY_ROLES) == set(Capability.values), set(Capability.values) ^ set(CAPABILITY_ROLES); "
        "print(len(CAPABILITY_ROLES))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == len(Capability.values)


def test_no_module_adds_capabilities_elsewhere():
    root = Path(__file__).resolve().parents[2] / "hamafza"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "CAPABILITY_ROLES.setdefault" in path.read_text(encoding="utf-8")
        or ("CAPABILITY_ROLES[" in path.read_text(encoding="utf-8") and path.name != "roles.py")
    ]
    assert offenders == []
