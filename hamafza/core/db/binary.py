"""Whole columns of numbers between PostgreSQL and numpy without a Python object per value.

Out: a query aggregates its rows into one ``bytea`` of fixed-size big-endian records (``string_agg`` of
``int8send(..) || float8send(..)``), read with one ``np.frombuffer``. Row by row through the driver, 465,000
answers cost more than the rest of a national re-score together. In: binary ``COPY`` from arrays, one write.

Fixed-size records cannot hold a NULL: callers send ``COALESCE(x, 'NaN')`` or a sentinel and turn it back.
"""

from __future__ import annotations

import struct
import time
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

# PostgreSQL type → the big-endian numpy type of its binary send format.
_TYPES = {"int2": ">i2", "int4": ">i4", "int8": ">i8", "float8": ">f8", "bool": "?"}
_HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
_TRAILER = struct.pack(">h", -1)


def fetch_records(cursor: Any, query: str, params: Sequence[Any], columns: Sequence[tuple[str, str]]) -> np.ndarray:
    """Run ``query``, whose one row and column is a ``bytea`` of records laid out as ``columns`` ((name, pg_type)
    pairs, e.g. ``string_agg(int8send(id) || float8send(x), ''::bytea)``); a structured array of them."""
    record = np.dtype([(name, _TYPES[pg_type]) for name, pg_type in columns])
    cursor.execute(query, params)
    row = cursor.fetchone()
    data = bytes(row[0]) if row and row[0] is not None else b""  # string_agg of no rows is NULL
    if len(data) % record.itemsize:
        raise ValueError("the records are not of the declared layout (a NULL in a column?)")
    return np.frombuffer(data, dtype=record)


def copy_in(cursor: Any, table: str, columns: Mapping[str, tuple[str, np.ndarray]]) -> int:
    """``COPY table (columns) FROM STDIN`` in binary from equal-length arrays ``{name: (pg_type, values)}``."""
    fields: list[tuple[str, str]] = [("_count", ">i2")]
    for name, (pg_type, _) in columns.items():
        fields += [(f"_len_{name}", ">i4"), (name, _TYPES[pg_type])]
    size = len(next(iter(columns.values()))[1])
    rows = np.empty(size, dtype=np.dtype(fields))
    rows["_count"] = len(columns)
    for name, (pg_type, values) in columns.items():
        rows[f"_len_{name}"] = np.dtype(_TYPES[pg_type]).itemsize
        rows[name] = values
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT binary)"
    started = time.monotonic()
    with cursor.cursor.copy(sql) as copy:  # the psycopg 3 cursor under Django's wrapper
        copy.write(_HEADER + rows.tobytes() + _TRAILER)
    # COPY goes round Django's cursor wrapper: it is logged the same way, so query counts in tests include it.
    if cursor.db.queries_logged:
        cursor.db.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
    return size
