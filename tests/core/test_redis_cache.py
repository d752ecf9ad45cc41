"""The Redis cache production uses (hamafza.core.cache): one client made once, against the real Redis on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid

import pytest

from hamafza.core.cache import RedisCache

REDIS = os.environ.get("HAMAFZA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15").rsplit("/", 1)[0] + "/13"


@pytest.fixture
def redis_cache():
    cache = RedisCache(REDIS, {"KEY_PREFIX": f"cache-{uuid.uuid4().hex}"})
    yield cache
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
    if keys:
        client.delete(*keys)


def test_every_operation_shares_one_client_and_still_reaches_redis(redis_cache) -> None:
    first = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is first
    redis_cache.set("person", {"نام": "زهرا"}, 30)
    assert redis_cache.get("person") == {"نام": "زهرا"}
    assert redis_cache.add("person", "another", 30) is False
    redis_cache.set("count", 1, 30)
    assert redis_cache.incr("count", 4) == 5
    assert redis_cache.get_many(["person", "count", "missing"]) == {"person": {"نام": "زهرا"}, "count": 5}
    assert redis_cache.delete("person") is True
    assert redis_cache.get("person") is None
    assert redis_cache._cache.get_client() is first


def test_threads_of_one_worker_share_the_client_without_mixing_their_answers(redis_cache) -> None:
    errors: list[str] = []

    def work(n: int) -> None:
        for i in range(50):
            key = f"thread-{n}-{i}"
            redis_cache.set(key, (n, i), 30)
            if redis_cache.get(key) != (n, i):
                errors.append(key)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({id(redis_cache._cache.get_client()) for _ in range(10)}) == 1


def test_the_settings_name_this_cache_when_redis_is_configured() -> None:
    code = (
        "import django, os; os.environ['REDIS_URL'] = 'redis://127.0.0.1:6379/13'; "
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'hamafza.settings'; django.setup(); "
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "hamafza.core.cache.RedisCache"
