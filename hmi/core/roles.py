"""The security vocabulary every layer shares: roles, actions and the default permissions.

It lives in hmi.core (not hmi.security) because the config schema validates role and action
names and the command service checks them, and neither may import hmi.security.
Least privilege (DOMAIN.md 7.1): a role may do only what its grants name; the Administrator
manages users and certificates and never writes to the process.
"""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    VIEWER = "Viewer"
    OPERATOR = "Operator"
    LEAD = "Lead"  # shift lead: verifies (second person) and shelves alarms
    PROCESS_ENGINEER = "ProcessEngineer"  # authors recipes
    QA = "QA"  # approves and releases recipes
    MAINTENANCE = "Maintenance"  # out-of-service, bypass requests, loop restores
    ADMINISTRATOR = "Administrator"  # users and certificates only


class Action(enum.StrEnum):
    VIEW = "view"
    WRITE_SETPOINT = "write_setpoint"
    COMMAND = "command"  # PackML start/stop/hold/reset, mode changes
    ACK_ALARM = "ack_alarm"
    SHELVE_ALARM = "shelve_alarm"
    BYPASS = "bypass"  # interlock bypass / out of service
    RESTORE = "restore"  # run a loop-restore procedure
    CHANGEOVER = "changeover"
    RECIPE_EDIT = "recipe_edit"
    RECIPE_VERIFY = "recipe_verify"
    RECIPE_APPROVE = "recipe_approve"
    RECIPE_RELEASE = "recipe_release"
    MANAGE_USERS = "manage_users"
    MANAGE_CERTIFICATES = "manage_certificates"
    AUDIT_EXPORT = "audit_export"


# What the Administrator may ever be granted: separation of duties, no process writes.
ADMIN_ACTIONS = frozenset(
    {Action.VIEW, Action.MANAGE_USERS, Action.MANAGE_CERTIFICATES, Action.AUDIT_EXPORT}
)

_OPERATOR = frozenset(
    {
        Action.VIEW,
        Action.WRITE_SETPOINT,
        Action.COMMAND,
        Action.ACK_ALARM,
        Action.CHANGEOVER,
        Action.RESTORE,
    }
)

# Grants per role at every station; a [security] permissions rule replaces a role's row.
DEFAULT_PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.VIEWER: frozenset({Action.VIEW}),
    Role.OPERATOR: _OPERATOR,
    Role.LEAD: _OPERATOR | {Action.SHELVE_ALARM, Action.RECIPE_VERIFY},
    Role.PROCESS_ENGINEER: frozenset({Action.VIEW, Action.RECIPE_EDIT}),
    Role.QA: frozenset(
        {Action.VIEW, Action.RECIPE_APPROVE, Action.RECIPE_RELEASE, Action.AUDIT_EXPORT}
    ),
    Role.MAINTENANCE: frozenset(
        {Action.VIEW, Action.COMMAND, Action.ACK_ALARM, Action.BYPASS, Action.RESTORE}
    ),
    Role.ADMINISTRATOR: ADMIN_ACTIONS,
}

# Actions whose audit entry must say why (Annex 11 §9: reason for change, where GMP-relevant).
DEFAULT_REASON_REQUIRED: frozenset[Action] = frozenset(
    {
        Action.SHELVE_ALARM,
        Action.BYPASS,
        Action.RECIPE_APPROVE,
        Action.RECIPE_RELEASE,
        Action.MANAGE_USERS,
        Action.MANAGE_CERTIFICATES,
    }
)

ALL_STATIONS = "*"
