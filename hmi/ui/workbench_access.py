"""Who may use the commissioning workbench screens (browser, scanner, diagnostics).

They are the commissioning engineer's and the maintenance technician's tools: a Process
Engineer or Maintenance role at any station. Without a sign-in gate (tools, tests) they
are open, as the rest of the HMI is. PLC writes made from them are still checked by the
command service, whatever this says: this gate only keeps the tools off an operator panel.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication

from hmi.core.roles import Role
from hmi.security import User

WORKBENCH_ROLES = frozenset({Role.PROCESS_ENGINEER.value, Role.MAINTENANCE.value})


class Gate(Protocol):
    """What the screens need of hmi.ui.security_gate.SecurityGate."""

    def user(self) -> User | None: ...

    def locked(self) -> bool: ...


def workbench_refusal(gate: Gate | None, what: str) -> str | None:
    """None when the panel's user may do `what` (said in the language shown) here; else
    one line saying why not."""
    if gate is None:
        return None
    user = gate.user()
    if user is None:
        return QCoreApplication.translate(
            "workbench_access", "{0}: sign in as a Process Engineer or Maintenance user"
        ).format(what)
    if gate.locked():
        return QCoreApplication.translate(
            "workbench_access", "{0}: the panel is locked; sign in again").format(what)
    if not {g.role for g in user.grants} & WORKBENCH_ROLES:
        return QCoreApplication.translate(
            "workbench_access", "{0}: {1} ({2}) is not a Process Engineer or Maintenance user"
        ).format(what, user.username, user.grants_text)
    return None
