"""Slack-compatible webhook notifications (``notify.webhook``): run start, failure and end.

A notification that cannot be delivered is reported once on the terminal and never stops a
run. The payload is ``{"text": ...}`` plus a ``runwright`` object with the run's fields.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


class Notifier:
    def __init__(self, webhook: str | None, timeout: float = 5.0,
                 warn: Callable[[str], None] | None = None) -> None:
        self.webhook = webhook
        self.timeout = timeout
        self.warn = warn
        self.failed = False

    def send(self, event: str, text: str, **fields: Any) -> bool:
        """POST one message; False (and a warning, once) when it cannot be delivered."""
        if not self.webhook or self.failed:
            return False
        import urllib.error
        import urllib.request
        body = json.dumps({"text": text, "runwright": {"event": event, **fields}},
                          default=str).encode("utf-8")
        request = urllib.request.Request(self.webhook, data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
            return True
        except (urllib.error.URLError, OSError, ValueError) as exc:
            self.failed = True
            if self.warn is not None:
                self.warn(f"notification not delivered ({exc}); later ones are skipped")
            return False
