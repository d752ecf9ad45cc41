"""Persian text, digits, collation, Jalali dates and Iranian identifiers: pure Python, no Django.

Everything a person types passes through here before it is stored, searched, sorted or shown:

* ``index_terms`` / ``query_terms`` / ``query_plan`` are the search analyzer (one for every database);
* ``normalize`` gives the one stored form of a text, ``search_key`` the form of search columns and queries;
* ``collation_key`` / ``collation_key_str`` sort in Persian alphabetical order (in Python / in a database);
* ``parse_jalali_date`` … read Jalali dates typed in any digits, ``format_jalali_date`` … write them;
* ``normalize_national_id`` and ``normalize_mobile`` read Iranian identifiers;
* ``add_working_days`` / ``working_days_between`` count working days (weekend and holidays given by the caller);
* bad input raises a ``PersianInputError`` (a ``ValueError``); its ``str()`` is a Persian message to show.
"""

from hamafza.persian.analyzer import QueryPlan, index_terms, matches, query_plan, query_terms
from hamafza.persian.collation import PERSIAN_ALPHABET, collation_key, collation_key_str
from hamafza.persian.digits import format_number, to_latin_digits, to_persian_digits
from hamafza.persian.errors import InvalidJalaliDate, InvalidMobile, InvalidNationalId, PersianInputError
from hamafza.persian.identity import is_valid_national_id, normalize_mobile, normalize_national_id
from hamafza.persian.jalali import (
    JALALI_MONTHS,
    JALALI_WEEKDAYS,
    days_in_month,
    format_jalali_date,
    format_jalali_datetime,
    is_leap_year,
    parse_jalali_date,
    parse_jalali_datetime,
    to_jalali,
)
from hamafza.persian.text import ZWNJ, normalize, search_key
from hamafza.persian.workdays import IRAN_WEEKEND, add_working_days, is_working_day, working_days_between

__all__ = [
    "IRAN_WEEKEND",
    "JALALI_MONTHS",
    "JALALI_WEEKDAYS",
    "PERSIAN_ALPHABET",
    "ZWNJ",
    "InvalidJalaliDate",
    "InvalidMobile",
    "InvalidNationalId",
    "PersianInputError",
    "QueryPlan",
    "add_working_days",
    "collation_key",
    "collation_key_str",
    "days_in_month",
    "format_jalali_date",
    "format_jalali_datetime",
    "format_number",
    "index_terms",
    "is_leap_year",
    "is_valid_national_id",
    "is_working_day",
    "matches",
    "normalize",
    "normalize_mobile",
    "normalize_national_id",
    "parse_jalali_date",
    "parse_jalali_datetime",
    "query_plan",
    "query_terms",
    "search_key",
    "to_jalali",
    "to_latin_digits",
    "to_persian_digits",
    "working_days_between",
]
