"""Typed exceptions for Tarn's problem documents (RFC 9457 with a stable ``code``)."""

from __future__ import annotations

from typing import Any, Dict, Optional


class TarnError(Exception):
    """A request Tarn refused or failed; carries the problem document."""

    def __init__(self, status: int, code: str, detail: str, request_id: Optional[str] = None,
                 problem: Optional[Dict[str, Any]] = None):
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail
        self.request_id = request_id
        self.problem = problem or {}


class BadRequest(TarnError):
    """400: the request is malformed or invalid (``invalid_name``, ``malformed_json``, ...)."""


class Unauthenticated(TarnError):
    """401: no valid token, or wrong credentials at login."""


class Forbidden(TarnError):
    """403: the caller lacks a privilege or role."""


class NotFound(TarnError):
    """404: absent, or hidden from the caller."""


class Conflict(TarnError):
    """409: already exists, not empty, a running crawler, the last lake administrator..."""


class PreconditionFailed(TarnError):
    """412: the ``If-Match`` version is stale; read the table again and retry."""


class TooManyRequests(TarnError):
    """429: slow down (``Retry-After`` says for how long)."""


class ServerError(TarnError):
    """5xx: quote ``problem['error_id']`` when reporting it."""


_BY_STATUS = {400: BadRequest, 401: Unauthenticated, 403: Forbidden, 404: NotFound, 409: Conflict,
              412: PreconditionFailed, 429: TooManyRequests}


def from_response(status: int, body: bytes) -> TarnError:
    """The exception for an error response."""
    import json

    try:
        problem = json.loads(body)
    except ValueError:
        problem = {}
    if not isinstance(problem, dict):
        problem = {}
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else TarnError)
    return cls(status, str(problem.get("code", "error")), str(problem.get("detail", body[:200])),
               problem.get("request_id"), problem)
