"""PLC passwords by reference: a line config says where a password is, never what it is.

- `keyring:SERVICE/NAME`: the OS keyring (Windows Credential Manager, macOS Keychain, Secret
  Service), through the `keyring` package when it is installed.
- `env:VARIABLE`: an environment variable (services, CI).
- `store:NAME`: Lineside's own encrypted file, `<data dir>/secrets/plc-passwords.json`.
  A line-side panel is usually a kiosk account with no desktop session, where the Linux
  keyring has no backend to talk to; this store works there. Each entry is a Fernet token
  (AES-128-CBC + HMAC-SHA256) whose key is derived from a random machine secret kept
  owner-only beside it and the OS machine id, so a copied data folder alone does not open it
  on another machine. Written with `lineside pki password set NAME`.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

STORE_FILE = "plc-passwords.json"
SECRET_FILE = "machine.key"
MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


class PasswordError(Exception):
    """A password that cannot be found: the message says where it was looked for."""


def resolve(ref: str, data_dir: Path | None) -> str:
    kind, _, name = ref.partition(":")
    if kind == "env":
        value = os.environ.get(name)
        if value is None:
            raise PasswordError(f"password_ref {ref}: the environment variable {name} is not set")
        return value
    if kind == "keyring":
        return _from_keyring(ref, name)
    if kind == "store":
        if data_dir is None:
            raise PasswordError(f"password_ref {ref}: no data folder to read the store from")
        return PasswordStore(data_dir).get(name)
    raise PasswordError(f"password_ref {ref}: use keyring:SERVICE/NAME, env:VAR or store:NAME")


def _from_keyring(ref: str, name: str) -> str:
    service, _, user = name.partition("/")
    try:
        keyring = importlib.import_module("keyring")
    except ImportError:
        raise PasswordError(
            f"password_ref {ref}: the keyring package is not installed here; install it, or "
            "use store:NAME (`lineside pki password set NAME`)"
        ) from None
    try:
        value = keyring.get_password(service, user)
    except Exception as exc:  # no backend (headless Linux), locked keyring, ...
        raise PasswordError(f"password_ref {ref}: the OS keyring cannot be read ({exc}); "
                            "use store:NAME on a panel without a desktop session") from None
    if value is None:
        raise PasswordError(f"password_ref {ref}: no entry {user!r} for service {service!r} in "
                            f"the OS keyring (`keyring set {service} {user}` stores it)")
    return str(value)


class PasswordStore:
    """The encrypted `store:` file of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "secrets"
        self.path = self.folder / STORE_FILE

    def get(self, name: str) -> str:
        entries = self._entries()
        if name not in entries:
            raise PasswordError(f"password_ref store:{name}: no such entry in {self.path} "
                                f"(`lineside pki password set {name}` stores it)")
        try:
            return self._fernet().decrypt(entries[name].encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise PasswordError(
                f"password_ref store:{name}: {self.path} was written on another machine or "
                f"its key changed; store the password again here"
            ) from None

    def set(self, name: str, password: str) -> None:
        entries = self._entries()
        entries[name] = self._fernet().encrypt(password.encode("utf-8")).decode("ascii")
        _write_private(self.path, json.dumps(entries, indent=1, sort_keys=True).encode())

    def names(self) -> list[str]:
        return sorted(self._entries())

    def _entries(self) -> dict[str, str]:
        if not self.path.is_file():
            return {}
        data = json.loads(self.path.read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()}

    def _fernet(self) -> Fernet:
        secret_path = self.folder / SECRET_FILE
        if not secret_path.is_file():
            _write_private(secret_path, os.urandom(32))
        machine = b""
        for candidate in MACHINE_ID_FILES:
            if candidate.is_file():
                machine = candidate.read_bytes().strip()
                break
        key = hashlib.sha256(secret_path.read_bytes() + b"|" + machine).digest()
        return Fernet(base64.urlsafe_b64encode(key))


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(staging, path)
