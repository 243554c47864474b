"""Tarn's Python client.

``tarn.api`` is generated from ``openapi/openapi.json`` (one module per operation); the
``Tarn`` class adds what the generated layer cannot: login, paginated iterators, queries to
Arrow, streamed uploads and typed exceptions.
"""

from .client import Tarn
from .errors import (BadRequest, Conflict, Forbidden, NotFound, PreconditionFailed, ServerError, TarnError,
                     TooManyRequests, Unauthenticated)

__all__ = ["Tarn", "TarnError", "BadRequest", "Unauthenticated", "Forbidden", "NotFound", "Conflict",
           "PreconditionFailed", "TooManyRequests", "ServerError"]
