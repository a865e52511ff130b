"""Opt-in CPU timing per request, for the load benchmark (MENTORSAG_CPU_TIMING=1).

CPU time moves less with a shared machine's noise than wall time, so the benchmark compares
pages by it. Only this process's Python time is counted (PostgreSQL's work is its own
process). The header carries one number and nothing about the user.
"""

import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed


class CpuTimingMiddleware:
    """`Server-Timing: cpu;dur=<ms>`: this thread's CPU time for the whole request."""

    def __init__(self, get_response):
        # Off (the default): Django drops the middleware from the chain; it costs nothing.
        if not settings.CPU_TIMING:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        start = time.thread_time()
        response = self.get_response(request)
        ms = (time.thread_time() - start) * 1000
        response["Server-Timing"] = f"cpu;dur={ms:.2f}"
        return response
