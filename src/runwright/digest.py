"""The digest of the lint cache's keys and of the lint settings' fingerprint: BLAKE2b,
32 bytes, as hexadecimal.

Taken from CPython's built-in ``_blake2`` module when it is there: importing :mod:`hashlib`
also loads OpenSSL, about 2 ms of every start-up, which a warm ``runwright lint`` (start-up
included, about 0.1 s) notices. :func:`sha256` (a runbook's content hash, kept in the journal
to tell when a runbook changed between a run and its resume, and a step's command digest) and
:func:`blake2b` (the run lock's advisory key, the spool's name) come from the built-in modules
the same way, so that ``runwright run`` does not load OpenSSL either. The parse cache, the
find index and the site use :mod:`hashlib`.
"""

from __future__ import annotations

from typing import Protocol

try:
    from _blake2 import blake2b as _blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b as _blake2b
try:
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found]  # Python 3.11
except ImportError:
    try:  # Python 3.12 and later
        from _sha2 import sha256 as _sha256  # type: ignore[import-not-found]
    except ImportError:
        from hashlib import sha256 as _sha256


class Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def digest(self) -> bytes: ...
    def hexdigest(self) -> str: ...


def sha256(data: bytes = b"") -> Hash:
    """A SHA-256 hash object, as ``hashlib.sha256(data)`` makes it."""
    made: Hash = _sha256(data)
    return made


def blake2b(data: bytes = b"", *, digest_size: int = 64) -> Hash:
    """A BLAKE2b hash object, as ``hashlib.blake2b(data, digest_size=...)`` makes it."""
    return _blake2b(data, digest_size=digest_size)


#: Bytes of digest (64 hexadecimal characters).
SIZE = 32


def hasher(data: bytes = b"") -> _blake2b:
    """A new hash object (``update()``, ``hexdigest()``), fed ``data``."""
    return _blake2b(data, digest_size=SIZE)


def hexdigest(data: bytes) -> str:
    return _blake2b(data, digest_size=SIZE).hexdigest()
