"""A small HTTP load generator for ``hamafza bench``; stdlib only, run as its own process.

``python -m hamafza.demo.loadgen --url http://127.0.0.1:PORT/path --duration 5 --connections 8`` prints one JSON
object: requests, errors, requests per second and latency percentiles in milliseconds. Keep-alive connections,
one thread each. It only ever talks to the loopback address it is given, and stops by itself after
``--duration`` seconds or ``--max-requests`` requests, whichever comes first.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(share * (len(sorted_values) - 1))))
    return sorted_values[index]


def run(url: str, *, duration: float, connections: int, max_requests: int, headers: dict[str, str]) -> dict:
    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise SystemExit("loadgen only sends traffic to this machine's loopback address")
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.perf_counter() + duration
    budget = [max_requests]

    def worker() -> None:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=30)
        local: list[float] = []
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            started = time.perf_counter()
            try:
                conn.request("GET", target, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=30)
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status != 200:
                    errors[0] += 1
            local.append(elapsed)
        conn.close()
        with lock:
            latencies.extend(local)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + 60)
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "url": url,
        "requests": len(latencies),
        "errors": errors[0],
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "rps": len(latencies) / wall if wall else 0.0,
        "p50": _percentile(latencies, 0.50),
        "p95": _percentile(latencies, 0.95),
        "p99": _percentile(latencies, 0.99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--header", action="append", default=[], help="Name: value")
    args = parser.parse_args()
    headers = dict(h.split(": ", 1) for h in args.header)
    result = run(
        args.url,
        duration=min(args.duration, 120.0),
        connections=max(1, min(args.connections, 64)),
        max_requests=args.max_requests,
        headers=headers,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
