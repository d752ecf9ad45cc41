"""The package as a whole: its public names, its errors, and its independence from Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hamafza.persian as persian
from hamafza.persian import InvalidJalaliDate, InvalidMobile, InvalidNationalId, PersianInputError

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_package_loads_no_django_module() -> None:
    # A fresh interpreter: in this one pytest-django may already have imported Django.
    check = "import sys, hamafza.persian; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_no_module_of_the_package_mentions_django_in_an_import() -> None:
    for module in (ROOT / "hamafza" / "persian").glob("*.py"):
        for line in module.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")):
                assert "django" not in stripped, f"{module.name}: {stripped}"


def test_every_name_in_all_is_importable() -> None:
    for name in persian.__all__:
        assert getattr(persian, name) is not None, name


def test_persian_input_errors_are_value_errors_whose_text_is_the_persian_message() -> None:
    for error_class in (InvalidJalaliDate, InvalidNationalId, InvalidMobile):
        error = error_class("پیام فارسی")
        assert isinstance(error, PersianInputError) and isinstance(error, ValueError)
        assert str(error) == error.message == "پیام فارسی"


def test_each_kind_of_persian_input_error_has_its_own_code() -> None:
    codes = {PersianInputError.code, InvalidJalaliDate.code, InvalidNationalId.code, InvalidMobile.code}
    assert len(codes) == 4
