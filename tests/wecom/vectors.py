"""WeCom's official callback samples (../shared/wecom/FACTS.md): set A (the docs) and set B."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Signed:
    """One signed value as WeCom sent it, and what it decrypts to."""

    msg_signature: str
    timestamp: str
    nonce: str
    encrypt: str
    plaintext: str


@dataclass(frozen=True)
class SampleApp:
    """An app's callback settings and a verification GET and a message POST it received."""

    token: str
    encoding_aes_key: str
    corp_id: str
    get: Signed
    post: Signed


SET_B = SampleApp(
    token="hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
    encoding_aes_key="6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
    corp_id="ww1436e0e65a779aee",
    get=Signed(
        msg_signature="012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
        timestamp="1476416373",
        nonce="47744683",
        encrypt=(
            "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b"
            "+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA=="
        ),
        plaintext="1288432023552776189",
    ),
    post=Signed(
        msg_signature="0c3914025cb4b4d68103f6bfc8db550f79dcf48e",
        timestamp="1476422779",
        nonce="1597212914",
        encrypt=(
            "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3Nye"
            "TkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfd"
            "e0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pF"
            "rdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84"
            "EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+"
        ),
        plaintext=(
            "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun"
            "</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType>"
            "<Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>"
        ),
    ),
)

SET_A = SampleApp(
    token="QDG6eK",
    encoding_aes_key="jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
    corp_id="wx5823bf96d3bd56c7",
    get=Signed(
        msg_signature="5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
        timestamp="1409659589",
        nonce="263014780",
        encrypt=(
            "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld"
            "1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="
        ),
        plaintext="1616140317555161061",
    ),
    post=Signed(
        msg_signature="477715d11cdb4164915debcba66cb864d751f3e6",
        timestamp="1409659813",
        nonce="1372623149",
        encrypt=(
            "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3Qc"
            "zcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJ"
            "s8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s"
            "4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLV"
            "MNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1p"
            "tDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q=="
        ),
        plaintext=(
            "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n"
            "<FromUserName><![CDATA[mycreate]]></FromUserName>\n"
            "<CreateTime>1409659813</CreateTime>\n"
            "<MsgType><![CDATA[text]]></MsgType>\n"
            "<Content><![CDATA[hello]]></Content>\n"
            "<MsgId>4561255354251345929</MsgId>\n"
            "<AgentID>218</AgentID>\n"
            "</xml>"
        ),
    ),
)
