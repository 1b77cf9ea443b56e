"""One call that builds the security services on an open plant database."""

from __future__ import annotations

from dataclasses import dataclass

from hmi.config.security import SecurityConfig
from hmi.core.tags import utc_now
from hmi.plantdb import PlantDb
from hmi.security.audit import AuditTrail, Clock
from hmi.security.passwords import Hasher
from hmi.security.permissions import PermissionTable
from hmi.security.policy import SecurityPolicy
from hmi.security.signatures import SignatureService
from hmi.security.users import UserStore


@dataclass(frozen=True)
class Security:
    config: SecurityConfig
    permissions: PermissionTable
    audit: AuditTrail
    users: UserStore
    signatures: SignatureService
    policy: SecurityPolicy


def build_security(
    db: PlantDb,
    config: SecurityConfig | None = None,
    *,
    clock: Clock = utc_now,
    hasher: Hasher | None = None,
) -> Security:
    config = config or SecurityConfig()
    permissions = PermissionTable.from_config(config)
    audit = AuditTrail(db, clock)
    users = UserStore(db, audit, permissions, config, clock=clock, hasher=hasher)
    return Security(
        config=config,
        permissions=permissions,
        audit=audit,
        users=users,
        signatures=SignatureService(db, users, audit, clock),
        policy=SecurityPolicy(users, permissions),
    )
