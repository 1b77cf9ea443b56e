"""The twin's certificates and users: a secure endpoint that tests and the demo use for real.

The twin makes its own server certificate and, for the clients it configures itself
(`LineTwin.client_config()`), a client certificate, once per process in a private temp
folder removed at exit (RSA key generation costs 40-100 ms: not once per test). Its client
configs pin the twin's server certificate, so no administrator has to trust a certificate
that is made anew on every start.
"""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asyncua.crypto.permission_rules import User, UserRole
from asyncua.server.user_managers import UserManager

from hmi.plc.pki import generate_certificate

TWIN_URI = f"urn:{socket.gethostname()}:lineside:twin"


@dataclass(frozen=True, slots=True)
class TwinCertificates:
    server_cert: Path
    server_key: Path
    client_cert: Path  # what the twin's own client configs present
    client_key: Path


_lock = threading.Lock()
_made: TwinCertificates | None = None


def twin_certificates() -> TwinCertificates:
    global _made
    with _lock:
        if _made is None:
            folder = Path(tempfile.mkdtemp(prefix="lineside-twin-pki-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            host = socket.gethostname()
            made = TwinCertificates(folder / "server.der", folder / "server.pem",
                                    folder / "client.der", folder / "client.pem")
            generate_certificate(made.server_cert, made.server_key, common_name="Lineside twin",
                                 uri=TWIN_URI, host=host, server=True)
            generate_certificate(made.client_cert, made.client_key,
                                 common_name=f"Lineside twin client@{host}",
                                 uri=f"urn:{host}:lineside", host=host)
            _made = made
        return _made


class TwinUserManager(UserManager):
    """Anonymous and certificate users may read and write (as on the None endpoint);
    a user name must match its password when `users` is given, else any name passes."""

    def __init__(self, users: Mapping[str, str] | None) -> None:
        self._users = dict(users) if users is not None else None

    def get_user(self, iserver: Any, username: str | None = None, password: str | None = None,
                 certificate: Any = None) -> User | None:
        if (username is not None and self._users is not None
                and self._users.get(username) != password):
            return None  # asyncua answers BadUserAccessDenied
        # Secure endpoints let an Anonymous role do nothing at all: every session is a User.
        return User(role=UserRole.User, name=username)
