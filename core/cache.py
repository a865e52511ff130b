"""The shared cache in Redis, so every web process sees the same throttle counts (no
state in a web process). While Redis is away the cache behaves as empty instead of
failing the request: a throttle lets the request through and the site keeps serving,
as it does for everything else that Redis carries (docs/drift.md)."""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

_FEJL = (RedisConnectionError, RedisTimeoutError, OSError)


def _taalsom(default=None):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except _FEJL as exc:
                log.warning("cache unavailable (%s): %s", method.__name__, type(exc).__name__)
                fallback = kwargs.get("default", default)
                if method.__name__ == "get" and len(args) > 1:
                    fallback = args[1]
                return fallback

        return wrapper

    return decorate


class TaalsomRedisCache(RedisCache):
    get = _taalsom()(RedisCache.get)
    get_many = _taalsom({})(RedisCache.get_many)
    has_key = _taalsom(False)(RedisCache.has_key)
    set = _taalsom()(RedisCache.set)
    set_many = _taalsom([])(RedisCache.set_many)
    add = _taalsom(False)(RedisCache.add)
    touch = _taalsom(False)(RedisCache.touch)
    delete = _taalsom(False)(RedisCache.delete)
    delete_many = _taalsom()(RedisCache.delete_many)
    incr = _taalsom(0)(RedisCache.incr)
    clear = _taalsom()(RedisCache.clear)
