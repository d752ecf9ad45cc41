#!/usr/bin/env bash
# Run pytest the way `make test` does: in parallel (pytest-xdist), then judge pytest's own summary line.
# Fails when pytest fails, when no test ran at all, and — with HAMAFZA_NO_SKIPS=1, as in CI — when any test was
# skipped: a missing browser or database there is a failure, never a quiet skip.
set -uo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON_BIN:-.venv/bin/python}
cores=$(nproc 2>/dev/null || echo 2)
# Two workers a core, up to 4: a third of the cores sat idle with one a core (the tests wait on the gunicorn,
# chromium and PostgreSQL they start). On 2 cores 4 workers took the SQLite pass from 11:42 to 10:20 and the
# PostgreSQL pass from 12:26–14:14 to 11:19.
jobs=${TEST_JOBS:-$(( cores * 2 < 4 ? cores * 2 : 4 ))}
log=$(mktemp)
# Every PostgreSQL connection of the run (the suite, the servers and installations it starts, pg_dump) commits
# without waiting for the WAL to reach the disk: 0.13 ms a commit instead of 2.1 ms on these machines. What a
# crash would lose is a test database; the tests see the same data and the same isolation.
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c synchronous_commit=off"
trap 'rm -f "$log"' EXIT

# loadgroup: the browser tests (one `hamafza setup` and one gunicorn) and the production smoke test each stay on
# one worker; every other test is dealt out one by one.
"$python" -m pytest -n "$jobs" --dist loadgroup --durations=25 -rfExX "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The last line like "=== 812 passed, 2 skipped in 301.2s ===" (without the bars under -q).
summary=$(grep -E '([0-9]+ (passed|failed|errors?|skipped|deselected|xfailed|xpassed)|no tests ran).* in [0-9.]+s' "$log" | tail -n 1)
echo "pytest summary: ${summary:-none}"
if [[ $status -eq 0 && ! "$summary" =~ [0-9]+\ passed ]]; then
  echo "no test ran: make test fails" >&2
  exit 1
fi
if [[ $status -eq 0 && "${HAMAFZA_NO_SKIPS:-0}" == "1" && "$summary" =~ [0-9]+\ skipped ]]; then
  echo "tests were skipped, which CI does not allow: $summary" >&2
  exit 1
fi
exit "$status"
