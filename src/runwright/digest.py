"""The digest of the lint cache's keys and of the lint settings' fingerprint: BLAKE2b,
32 bytes, as hexadecimal.

Taken from CPython's built-in ``_blake2`` module when it is there: importing :mod:`hashlib`
also loads OpenSSL, about 2 ms of every start-up, which a warm ``runwright lint`` (start-up
included, about 0.1 s) notices. The other digests (a runbook's content hash, the parse cache,
the find index, the site) are SHA-256 from :mod:`hashlib`; a runbook's content hash is kept
in the journal to tell when a runbook changed between a run and its resume.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b as _blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b as _blake2b

#: Bytes of digest (64 hexadecimal characters).
SIZE = 32


def hasher(data: bytes = b"") -> _blake2b:
    """A new hash object (``update()``, ``hexdigest()``), fed ``data``."""
    return _blake2b(data, digest_size=SIZE)


def hexdigest(data: bytes) -> str:
    return _blake2b(data, digest_size=SIZE).hexdigest()
