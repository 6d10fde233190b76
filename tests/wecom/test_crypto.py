"""WeCom's callback crypto on its official samples, and every way a forged body fails."""

from __future__ import annotations

import base64
import struct

import pytest
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from handlers.wecom.crypto import CallbackRejected, WeComCrypto, aes_key
from handlers.wecom.inbound import parse_xml
from tests.wecom.vectors import SET_A, SET_B, SampleApp

PREFIX = bytes(range(16))


def crypto_of(app: SampleApp, receive_id: str | None = None) -> WeComCrypto:
    return WeComCrypto(app.token, app.encoding_aes_key, receive_id or app.corp_id)


def seal(app: SampleApp, raw: bytes) -> str:
    """Raw bytes encrypted with the app's key as they stand: no length, no padding added."""
    key = aes_key(app.encoding_aes_key)
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(raw) + encryptor.finalize()).decode()


def opened(app: SampleApp, encrypt: str) -> bytes:
    key = aes_key(app.encoding_aes_key)
    decryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    return decryptor.update(base64.b64decode(encrypt)) + decryptor.finalize()


@pytest.mark.parametrize("app", [SET_A, SET_B], ids=["set A", "set B"])
def test_the_official_verification_get_is_checked_and_decrypted(app: SampleApp) -> None:
    crypto, get = crypto_of(app), app.get
    assert crypto.sign(get.timestamp, get.nonce, get.encrypt) == get.msg_signature
    crypto.check(get.msg_signature, get.timestamp, get.nonce, get.encrypt)
    assert crypto.decrypt(get.encrypt) == get.plaintext


@pytest.mark.parametrize("app", [SET_A, SET_B], ids=["set A", "set B"])
def test_the_official_message_post_is_checked_and_decrypted(app: SampleApp) -> None:
    crypto, post = crypto_of(app), app.post
    crypto.check(post.msg_signature, post.timestamp, post.nonce, post.encrypt)
    plain = crypto.decrypt(post.encrypt)
    assert plain == post.plaintext
    assert parse_xml(plain)["MsgType"] == "text"


def test_set_b_decrypts_to_its_chinese_text() -> None:
    fields = parse_xml(crypto_of(SET_B).decrypt(SET_B.post.encrypt))
    assert fields["Content"] == "你好"
    assert fields["FromUserName"] == "ChenJiaShun"
    assert fields["MsgId"] == "1456453720"


def test_the_key_is_the_encoding_aes_key_decoded_with_its_missing_equals_sign() -> None:
    key = aes_key(SET_A.encoding_aes_key)
    assert len(key) == 32
    assert key[:3] == bytes([0x8D, 0x69, 0x98])  # "jWmY"
    # Set A's key sets bits base64 leaves unused ("C" where a canonical encoder writes "A"):
    # a strict decoder would refuse the docs' own key.
    canonical = base64.b64encode(key).decode()
    assert canonical[:42] == SET_A.encoding_aes_key[:42] and canonical[42:] == "A="
    assert aes_key(canonical[:43]) == key
    assert len(aes_key(SET_B.encoding_aes_key)) == 32


@pytest.mark.parametrize("app", [SET_A, SET_B], ids=["set A", "set B"])
def test_a_message_round_trips_and_is_built_as_wecom_builds_it(app: SampleApp) -> None:
    crypto = crypto_of(app)
    message = "<xml><Content><![CDATA[厂区停电，请协调]]></Content></xml>"
    sealed = crypto.encrypt(message, PREFIX)
    assert crypto.decrypt(sealed) == message
    assert crypto.encrypt(message, PREFIX) == sealed  # the prefix is the only randomness
    raw = opened(app, sealed)
    body = message.encode()
    assert raw[:16] == PREFIX
    assert struct.unpack(">I", raw[16:20]) == (len(body),)
    assert raw[20 : 20 + len(body)] == body
    assert len(raw) % 32 == 0
    assert crypto.encrypt(message) != crypto.encrypt(message)


def test_padding_runs_to_32_byte_blocks_that_a_16_byte_unpadder_rejects() -> None:
    # Set B's POST ends in 22 bytes of padding: valid for WeCom, too long for PKCS#7 on AES.
    raw = opened(SET_B, SET_B.post.encrypt)
    assert raw[-1] == 22
    unpadder = padding.PKCS7(128).unpadder()
    with pytest.raises(ValueError):
        unpadder.update(raw)
        unpadder.finalize()
    assert crypto_of(SET_B).decrypt(SET_B.post.encrypt) == SET_B.post.plaintext


def test_a_body_of_whole_blocks_gets_a_whole_block_of_padding() -> None:
    crypto = crypto_of(SET_B)
    # 16 + 4 + 20 + 18 (the corp id) = 58 bytes; 6 more make 64, so pad 32 to stay unambiguous.
    message = "x" * (64 - 16 - 4 - len(SET_B.corp_id))
    raw = opened(SET_B, crypto.encrypt(message))
    assert len(raw) == 96 and raw[-32:] == bytes([32]) * 32
    assert crypto.decrypt(crypto.encrypt(message)) == message


@pytest.mark.parametrize(
    "forged",
    [
        "0" * 40,
        SET_B.post.msg_signature[:-1],
        SET_B.post.msg_signature.upper(),
        "",
        "０c3914025cb4b4d68103f6bfc8db550f79dcf48e",
    ],
)
def test_a_tampered_signature_is_rejected(forged: str) -> None:
    post = SET_B.post
    with pytest.raises(CallbackRejected, match="signature"):
        crypto_of(SET_B).check(forged, post.timestamp, post.nonce, post.encrypt)


def test_the_signature_covers_timestamp_nonce_body_and_token() -> None:
    post, crypto = SET_B.post, crypto_of(SET_B)
    for timestamp, nonce, encrypt in [
        (str(int(post.timestamp) + 1), post.nonce, post.encrypt),
        (post.timestamp, post.nonce + "1", post.encrypt),
        (post.timestamp, post.nonce, SET_B.get.encrypt),
    ]:
        with pytest.raises(CallbackRejected):
            crypto.check(post.msg_signature, timestamp, nonce, encrypt)
    other = WeComCrypto("another-token", SET_B.encoding_aes_key, SET_B.corp_id)
    with pytest.raises(CallbackRejected):
        other.check(post.msg_signature, post.timestamp, post.nonce, post.encrypt)


def test_a_wrong_receive_id_is_rejected() -> None:
    with pytest.raises(CallbackRejected, match="receive id"):
        crypto_of(SET_B, receive_id="ww0000000000000000").decrypt(SET_B.post.encrypt)
    sealed = crypto_of(SET_B, receive_id=SET_B.corp_id + "x").encrypt("hello")
    with pytest.raises(CallbackRejected, match="receive id"):
        crypto_of(SET_B).decrypt(sealed)


_BODY = PREFIX + struct.pack(">I", 2) + b"hi" + SET_B.corp_id.encode()  # 40 bytes


@pytest.mark.parametrize(
    "raw",
    [
        _BODY + bytes(23) + bytes([0]),
        _BODY + bytes(23) + bytes([33]),
        _BODY + bytes(20) + bytes([5, 5, 5, 4]),
        bytes([32]) * 16,
    ],
    ids=["zero", "over 32", "uneven", "longer than the body"],
)
def test_bad_padding_is_rejected(raw: bytes) -> None:
    with pytest.raises(CallbackRejected, match="padding"):
        crypto_of(SET_B).decrypt(seal(SET_B, raw))


def test_a_length_running_past_the_body_is_rejected() -> None:
    body = PREFIX + struct.pack(">I", 4096) + b"hi" + SET_B.corp_id.encode()
    size = 32 - len(body) % 32
    with pytest.raises(CallbackRejected, match="length"):
        crypto_of(SET_B).decrypt(seal(SET_B, body + bytes([size]) * size))


def test_a_body_too_short_for_its_header_is_rejected() -> None:
    with pytest.raises(CallbackRejected, match="too short"):
        crypto_of(SET_B).decrypt(seal(SET_B, bytes([1]) * 12 + bytes([20]) * 20))


@pytest.mark.parametrize(
    "encrypt",
    ["not base64!", "", "QUJD", SET_B.post.encrypt + "!", SET_B.post.encrypt[:-4]],
    ids=["symbols", "empty", "not whole blocks", "trailing junk", "cut short"],
)
def test_bad_base64_or_a_partial_block_is_rejected(encrypt: str) -> None:
    with pytest.raises(CallbackRejected):
        crypto_of(SET_B).decrypt(encrypt)


@pytest.mark.parametrize(
    "key",
    [SET_B.encoding_aes_key[:-1], SET_B.encoding_aes_key + "A", "!" * 43, ""],
    ids=["42 characters", "44 characters", "not base64", "empty"],
)
def test_a_malformed_encoding_aes_key_is_refused(key: str) -> None:
    with pytest.raises(ValueError, match="EncodingAESKey"):
        WeComCrypto(SET_B.token, key, SET_B.corp_id)


def test_the_token_and_key_stay_out_of_reprs_and_rejections() -> None:
    crypto = crypto_of(SET_B)
    assert SET_B.token not in repr(crypto) and SET_B.encoding_aes_key not in repr(crypto)
    with pytest.raises(CallbackRejected) as caught:
        crypto.check("0" * 40, "1", "2", "3")
    assert SET_B.token not in str(caught.value)
