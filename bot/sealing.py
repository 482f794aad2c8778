"""Interaction tokens sealed at rest: the store never writes one in clear (DESIGN.md §7).

A sealed token is `v1:` + base64url(nonce || AES-256-GCM ciphertext and tag), with a fresh
12-byte random nonce per seal and the job id as associated data, so a sealed value opens only
in its own job's row. The key comes from a secret through HKDF-SHA256; a sealer without a
configured secret uses a random key that lives as long as the process.

A value without the `v1:` prefix is a plaintext token written by an older version; it is
returned as it is, and erased like any other when its job ends.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

log = logging.getLogger(__name__)

PREFIX: Final = "v1:"
NONCE_BYTES: Final = 12
KEY_BYTES: Final = 32
# Changing it changes every derived key: sealed tokens of unfinished jobs become unreadable.
HKDF_INFO: Final = b"sdxl-bot interaction tokens v1"
# AES-GCM appends a 16-byte tag: anything shorter than nonce + tag cannot be a sealed value.
_TAG_BYTES: Final = 16


class TokenSealer:
    """Seals and unseals interaction tokens with one AES-256-GCM key (never shown)."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"a token key is {KEY_BYTES} bytes")
        self._aead = AESGCM(key)

    @classmethod
    def from_secret(cls, secret: str) -> TokenSealer:
        """A sealer whose key is derived from `secret` (the same secret gives the same key)."""
        if not secret:
            raise ValueError("the secret to derive a token key from is empty")
        hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=HKDF_INFO)
        return cls(hkdf.derive(secret.encode("utf-8")))

    @classmethod
    def ephemeral(cls) -> TokenSealer:
        """A sealer with a random key: what it seals opens only in this process."""
        return cls(AESGCM.generate_key(bit_length=KEY_BYTES * 8))

    def seal(self, token: str, job_id: str) -> str:
        """`token` encrypted for the row of `job_id`: `v1:` + base64url(nonce || ciphertext)."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, token.encode("utf-8"), job_id.encode("utf-8"))
        return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def unseal(self, sealed: str, job_id: str) -> str | None:
        """The token sealed for `job_id`, or None if it cannot be opened (another key,
        altered, another job's); a value without the `v1:` prefix is returned as it is."""
        if not sealed.startswith(PREFIX):
            return sealed
        try:
            data = base64.b64decode(sealed[len(PREFIX) :], altchars=b"-_", validate=True)
        except (binascii.Error, ValueError):
            data = b""
        if len(data) < NONCE_BYTES + _TAG_BYTES:
            log.info("The interaction token of job %s is malformed; it is not used", job_id)
            return None
        try:
            plain = self._aead.decrypt(
                data[:NONCE_BYTES], data[NONCE_BYTES:], job_id.encode("utf-8")
            )
        except InvalidTag:
            log.info(
                "The interaction token of job %s cannot be opened (another key, or altered);"
                " it is not used",
                job_id,
            )
            return None
        # Authentic means sealed by seal(), from a str: always UTF-8.
        return plain.decode("utf-8")

    def __repr__(self) -> str:
        return "TokenSealer(key=[hidden])"
