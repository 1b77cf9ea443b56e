"""Users, roles, electronic signatures and the hash-chained audit trail (Qt-free).

How the application uses it (the composition root wires it; the UI only calls):

    db = open_plant_db(config.security.url or default_url(data_dir()))
    security = build_security(db, config.security)
    if security.users.needs_first_administrator():
        ...  # first-start dialog -> security.users.create_first_administrator(...)
    user = security.users.authenticate(name, password, host)     # login dialog
    user = security.users.authenticate_badge(badge, pin, host)   # fast switch (operators)
    session = Session(security.users, config.security.idle_lock_minutes * 60, client_host=host)
    session.login(name, password) / session.switch_badge(badge, pin); session.touch() on input;
    session.locked -> show read-only; session.acting_user() -> the name for the calls below
    commands = CommandService(plc, security.policy, security.audit)   # hmi.core.commands
    await commands.write(user.username, [(tag, value)], reason=...)  # on the IoThread
    sig = security.signatures.sign(name, password, Meaning.APPROVED, "recipe_version",
                                   version_id, content_hash(record), reason,
                                   required_action=Action.RECIPE_APPROVE,
                                   distinct_from=earlier_signatures)
    security.audit.entries(since, until, username=..., action=...)  # audit viewer
    security.permissions.actions_of(role, station)  # which controls to offer

Threads: every call here is a short blocking database call (an argon2 check takes about
50 ms by design). Call them from a worker thread or the IoThread's executor, not on the Qt
GUI thread; the results are frozen dataclasses that may cross threads freely. Refusals are
exceptions whose `str()` is one line for the user: SecurityError subclasses here,
PermissionDenied and ReasonRequired from hmi.core.commands.
"""

from hmi.core.commands import PermissionDenied, ReasonRequired
from hmi.security.accounts import RoleGrant, User
from hmi.security.audit import AuditEntry, AuditTrail, ChainCheck
from hmi.security.audit_chain import content_hash
from hmi.security.errors import (
    AccountDisabled,
    AccountLocked,
    AuthenticationFailed,
    FirstAdministratorRequired,
    PasswordPolicyError,
    SecurityError,
    SessionLocked,
    SignatureError,
    UserError,
)
from hmi.security.passwords import Hasher
from hmi.security.permissions import PermissionTable
from hmi.security.policy import SecurityPolicy
from hmi.security.services import Security, build_security
from hmi.security.session import Session
from hmi.security.signatures import Meaning, Signature, SignatureService, require_different_signer
from hmi.security.users import UserStore

__all__ = [
    "AccountDisabled",
    "AccountLocked",
    "AuditEntry",
    "AuditTrail",
    "AuthenticationFailed",
    "ChainCheck",
    "FirstAdministratorRequired",
    "Hasher",
    "Meaning",
    "PasswordPolicyError",
    "PermissionDenied",
    "PermissionTable",
    "ReasonRequired",
    "RoleGrant",
    "Security",
    "SecurityError",
    "SecurityPolicy",
    "Session",
    "SessionLocked",
    "Signature",
    "SignatureError",
    "SignatureService",
    "User",
    "UserError",
    "UserStore",
    "build_security",
    "content_hash",
    "require_different_signer",
]
