"""The `[security]` table of a line config: plant database, password policy, permissions.

```toml
[security]
min_password_length = 12
reason_required = ["bypass", "shelve_alarm", "write_setpoint"]

[[security.permissions]]          # replaces the Operator's default grants
role = "Operator"
stations = ["coater", "winder"]
actions = ["view", "write_setpoint", "command", "ack_alarm"]
```
A role named in `permissions` has exactly the grants its rules list (least privilege); roles
not named keep the defaults of hmi.core.roles.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from hmi.core.roles import ADMIN_ACTIONS, ALL_STATIONS, DEFAULT_REASON_REQUIRED, Action, Role


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class PermissionRule(_Frozen):
    role: Role
    actions: tuple[Action, ...] = Field(min_length=1)
    stations: tuple[str, ...] = (ALL_STATIONS,)

    @model_validator(mode="after")
    def _admin_never_writes(self) -> PermissionRule:
        if self.role is Role.ADMINISTRATOR:
            extra = sorted(a.value for a in self.actions if a not in ADMIN_ACTIONS)
            if extra:
                raise ValueError(
                    f"the Administrator manages users and certificates, not the process: "
                    f"remove {', '.join(extra)} (give them to an operating role)"
                )
        return self


class SecurityConfig(_Frozen):
    url: str | None = Field(
        default=None, description="SQLAlchemy URL; None: plant.sqlite in the data folder"
    )
    min_password_length: int = Field(default=12, ge=8, le=128)
    min_pin_length: int = Field(default=6, ge=4, le=12)
    lockout_attempts: int = Field(default=5, ge=1, le=100)
    lockout_minutes: float = Field(default=15, gt=0, le=24 * 60)
    idle_lock_minutes: float = Field(default=15, gt=0, le=24 * 60)
    reason_required: tuple[Action, ...] = tuple(sorted(DEFAULT_REASON_REQUIRED))
    permissions: tuple[PermissionRule, ...] = ()

    @field_validator("url")
    @classmethod
    def _url_form(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            make_url(value)
        except ArgumentError:
            raise ValueError(
                f"{value!r} is not an SQLAlchemy URL like sqlite:////var/lib/lineside/plant.sqlite"
            ) from None
        return value
