"""HTTP authentication sent with the first byte: Basic, or Digest (RFC 7616, MD5, qop=auth) once the
server's challenge is known.

urllib answers a challenge only after the server has refused a request, which means sending a large
body twice — and Virtuoso resets the connection when a large unauthenticated body arrives. So the
challenge is fetched once with a HEAD request and every later request carries its own Authorization.
"""

from __future__ import annotations

import base64
import hashlib
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()  # noqa: S324 - what Digest authentication is


@dataclass
class Credentials:
    user: str
    password: str
    scheme: str = ""  # "basic" | "digest" | "" (not learnt yet)
    challenge: dict[str, str] = field(default_factory=dict)
    count: int = 0

    def learn(self, header: str) -> None:
        """Take the server's WWW-Authenticate challenge."""
        scheme, _, rest = header.strip().partition(" ")
        self.scheme = scheme.lower()
        items = urllib.request.parse_http_list(rest)
        self.challenge = {k.lower(): v for k, v in urllib.request.parse_keqv_list(items).items()}
        self.count = 0

    def header(self, method: str, url: str) -> str:
        if self.scheme != "digest":
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
            return f"Basic {token}"
        parts = urllib.parse.urlsplit(url)
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        c = self.challenge
        self.count += 1
        nc, cnonce = f"{self.count:08x}", os.urandom(8).hex()
        ha1 = _md5(f"{self.user}:{c.get('realm', '')}:{self.password}")
        ha2 = _md5(f"{method}:{uri}")
        qop = "auth" if "auth" in c.get("qop", "").split(",") else ""
        if qop:
            response = _md5(f"{ha1}:{c['nonce']}:{nc}:{cnonce}:{qop}:{ha2}")
        else:
            response = _md5(f"{ha1}:{c['nonce']}:{ha2}")
        fields = {"username": self.user, "realm": c.get("realm", ""), "nonce": c.get("nonce", ""), "uri": uri,
                  "response": response, "algorithm": "MD5"}
        if "opaque" in c:
            fields["opaque"] = c["opaque"]
        text = ", ".join(f'{k}="{v}"' for k, v in fields.items())
        return f"Digest {text}" + (f', qop={qop}, nc={nc}, cnonce="{cnonce}"' if qop else "")


def discover(opener: urllib.request.OpenerDirector, url: str, creds: Credentials, timeout: float) -> None:
    """Learn how the server wants to be authenticated, with a bodiless HEAD request."""
    try:
        with opener.open(urllib.request.Request(url, method="HEAD"), timeout=timeout):
            creds.scheme = creds.scheme or "basic"
    except urllib.error.HTTPError as err:
        challenge = err.headers.get("WWW-Authenticate") if err.code == 401 else None
        if challenge:
            creds.learn(challenge)
        else:
            creds.scheme = "basic"
    except OSError:
        creds.scheme = "basic"  # the real request will say what is wrong


def with_auth(request: urllib.request.Request, creds: Credentials | None) -> Any:
    if creds is not None:
        request.add_header("Authorization", creds.header(request.get_method(), request.full_url))
    return request
