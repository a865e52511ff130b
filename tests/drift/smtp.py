"""A real SMTP server for the tests (aiosmtpd), on a free local port in a thread.

It refuses every message with a temporary error while `refuse_with` is set, the way a
mail server that is overloaded or restarting does, and records what it accepted.
"""

from __future__ import annotations

import email
import socket
import threading

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Postkasse:
    def __init__(self):
        self.port = free_port()
        self.accepted: list[email.message.Message] = []
        self.refused = 0
        self.refuse_with: str | None = None
        self.refuse_first = 0  # refuse this many messages with a 451 before accepting
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def start(self) -> Postkasse:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self._lock:
            if self.refuse_with or self.refused < self.refuse_first:
                self.refused += 1
                return self.refuse_with or "451 4.3.0 Prøv igen senere"
            message = email.message_from_bytes(envelope.content)
            for rcpt in envelope.rcpt_tos:
                message["X-Envelope-To"] = rcpt
            self.accepted.append(message)
        return "250 OK"

    def recipients(self) -> list[str]:
        with self._lock:
            return [m["X-Envelope-To"] for m in self.accepted]
