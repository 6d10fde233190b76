"""WeCom's callback crypto (加解密方案说明): SHA1 signatures and AES-256-CBC message bodies.

A message body is base64 of AES-256-CBC (key = base64 of the EncodingAESKey, IV = its first
16 bytes) over 16 random bytes, the message length as 4 big-endian bytes, the message, and
the receive id (the corp id for an app's callbacks), padded PKCS#7-style to 32-byte blocks.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

KEY_LENGTH = 43  # characters of EncodingAESKey: base64 of 32 bytes without its "="
RANDOM_LENGTH = 16
# WeCom pads to 32-byte blocks, so a pad is 1 to 32 bytes, not AES's 1 to 16.
PAD_BLOCK = 32
AES_BLOCK = 16
_LENGTH = struct.Struct(">I")


class CallbackRejected(Exception):
    """A callback that is not WeCom's: the reason in words, never the token or the key."""


class WeComCrypto:
    """Signs, checks, decrypts and encrypts callback bodies for one app's token and key."""

    def __init__(self, token: str, encoding_aes_key: str, receive_id: str) -> None:
        if not token:
            raise ValueError("the WeCom callback token is empty")
        self._token = token
        self._key = aes_key(encoding_aes_key)
        self._receive_id = receive_id.encode()

    def __repr__(self) -> str:
        # The token and key stay out of reprs, and so out of tracebacks and logs.
        return f"WeComCrypto(receive_id={self._receive_id.decode()!r})"

    def sign(self, timestamp: str, nonce: str, encrypt: str) -> str:
        """The msg_signature WeCom sends: SHA1 hex of the four values sorted and joined."""
        joined = "".join(sorted([self._token, timestamp, nonce, encrypt]))
        return hashlib.sha1(joined.encode()).hexdigest()

    def check(self, msg_signature: str, timestamp: str, nonce: str, encrypt: str) -> None:
        """Raise CallbackRejected unless msg_signature signs these values."""
        if not msg_signature.isascii():
            raise CallbackRejected("the signature is not hexadecimal")
        expected = self.sign(timestamp, nonce, encrypt)
        if not hmac.compare_digest(expected, msg_signature):
            raise CallbackRejected("the signature does not match")

    def decrypt(self, encrypt: str) -> str:
        """The message inside an Encrypt value; CallbackRejected if it is not one for us."""
        try:
            sealed = base64.b64decode(encrypt, validate=True)
        except (binascii.Error, ValueError) as error:
            raise CallbackRejected("the encrypted body is not base64") from error
        if not sealed or len(sealed) % AES_BLOCK:
            raise CallbackRejected("the encrypted body is not whole AES blocks")
        decryptor = self._cipher().decryptor()
        plain = decryptor.update(sealed) + decryptor.finalize()
        body = _unpad(plain)
        if len(body) < RANDOM_LENGTH + _LENGTH.size:
            raise CallbackRejected("the decrypted body is too short")
        (length,) = _LENGTH.unpack_from(body, RANDOM_LENGTH)
        start = RANDOM_LENGTH + _LENGTH.size
        if start + length > len(body):
            raise CallbackRejected("the message length runs past the body")
        message, receive_id = body[start : start + length], body[start + length :]
        if not hmac.compare_digest(receive_id, self._receive_id):
            raise CallbackRejected("the receive id is not this app's")
        try:
            return message.decode()
        except UnicodeDecodeError as error:
            raise CallbackRejected("the message is not UTF-8") from error

    def encrypt(self, plaintext: str, random_prefix: bytes | None = None) -> str:
        """An Encrypt value for plaintext, as WeCom builds one (for emulators and tests)."""
        prefix = secrets.token_bytes(RANDOM_LENGTH) if random_prefix is None else random_prefix
        if len(prefix) != RANDOM_LENGTH:
            raise ValueError(f"the random prefix must be {RANDOM_LENGTH} bytes")
        message = plaintext.encode()
        body = prefix + _LENGTH.pack(len(message)) + message + self._receive_id
        encryptor = self._cipher().encryptor()
        sealed = encryptor.update(_pad(body)) + encryptor.finalize()
        return base64.b64encode(sealed).decode()

    def _cipher(self) -> Cipher[modes.CBC]:
        return Cipher(algorithms.AES(self._key), modes.CBC(self._key[:AES_BLOCK]))


def aes_key(encoding_aes_key: str) -> bytes:
    """The 32-byte AES key an EncodingAESKey stands for; ValueError if it is not one."""
    if len(encoding_aes_key) != KEY_LENGTH:
        raise ValueError(f"the EncodingAESKey must be {KEY_LENGTH} characters")
    try:
        key = base64.b64decode(encoding_aes_key + "=", validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError("the EncodingAESKey is not base64") from error
    if len(key) != 32:
        raise ValueError("the EncodingAESKey does not stand for 32 bytes")
    return key


def _pad(body: bytes) -> bytes:
    size = PAD_BLOCK - len(body) % PAD_BLOCK
    return body + bytes([size]) * size


def _unpad(plain: bytes) -> bytes:
    size = plain[-1]
    if not 1 <= size <= PAD_BLOCK or size > len(plain):
        raise CallbackRejected("the padding is not WeCom's")
    if plain[-size:] != bytes([size]) * size:
        raise CallbackRejected("the padding is not WeCom's")
    return plain[:-size]
