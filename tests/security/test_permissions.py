"""Least privilege in the default table (DOMAIN.md 7.1) and config rules replacing a row."""

from __future__ import annotations

from hmi.config.security import PermissionRule, SecurityConfig
from hmi.core.roles import ADMIN_ACTIONS, Action, Role
from hmi.security import PermissionTable

PROCESS = {Action.WRITE_SETPOINT, Action.COMMAND, Action.BYPASS, Action.RESTORE,
           Action.CHANGEOVER}


def test_default_roles_least_privilege() -> None:
    table = PermissionTable.from_config()
    assert table.actions_of("Viewer", "coater") == {Action.VIEW}
    assert table.actions_of("Administrator", "coater") == ADMIN_ACTIONS
    assert not table.actions_of("Administrator", "coater") & PROCESS
    assert table.permits("Operator", "coater", Action.WRITE_SETPOINT)
    assert not table.permits("Operator", "coater", Action.RECIPE_APPROVE)
    assert table.permits("Lead", "coater", Action.RECIPE_VERIFY)
    assert table.permits("QA", "*", Action.RECIPE_RELEASE)
    assert not table.permits("QA", "coater", Action.WRITE_SETPOINT)
    assert table.permits("ProcessEngineer", "*", Action.RECIPE_EDIT)
    assert not table.permits("ProcessEngineer", "*", Action.RECIPE_APPROVE)
    assert table.permits("Maintenance", "dry_room", Action.BYPASS)
    assert not table.permits("Operator", "dry_room", Action.BYPASS)
    assert not table.permits("Superuser", "coater", Action.VIEW)
    assert not table.permits("Operator", "coater", "format_disk")
    assert table.reason_required("coater", Action.BYPASS)
    assert not table.reason_required("coater", Action.WRITE_SETPOINT)


def test_a_rule_replaces_only_its_role() -> None:
    config = SecurityConfig(permissions=(
        PermissionRule(role=Role.OPERATOR, actions=(Action.VIEW, Action.WRITE_SETPOINT),
                       stations=("coater",)),
        PermissionRule(role=Role.OPERATOR, actions=(Action.VIEW,), stations=("winder",)),
    ))
    table = PermissionTable.from_config(config)
    assert table.actions_of("Operator", "coater") == {Action.VIEW, Action.WRITE_SETPOINT}
    assert table.actions_of("Operator", "winder") == {Action.VIEW}
    assert table.actions_of("Operator", "dry_room") == frozenset()
    assert table.permits("Lead", "dry_room", Action.WRITE_SETPOINT)  # untouched default
