"""Apply an edited line config to a running LineRuntime, restarting only what changed.

The composition root (hmi.app) builds the line once; this module changes a started one in
place: the PLC links (only the connections whose settings or tags changed restart, see
hmi.config.diff), the TagStore's expected periods, and `runtime.config`. What the screens,
the alarm engine and the historian were built from stays as it was until the HMI restarts:
`AppliedConfig.notes` says so, and the config editor shows it before the user applies.

With the embedded twin the file's endpoints are not where the twin listens: `as_running`
points a file config at the twin exactly as LineRuntime.start did, so the diff compares
like with like and an unchanged connection is recognised as unchanged.

Every apply is audited as the acting user, with the diff's summary. Blocking: call from a
worker thread (it waits on the IoThread).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hmi.config.diff import ConfigDiff, diff_configs
from hmi.config.schema import LineConfig, OpcUaConnection
from hmi.core.audit_event import AuditEvent, AuditSink
from hmi.plc.process_service import PlcProcessService
from hmi.plc.service import PlcService
from hmi.sim.replicate import retarget

if TYPE_CHECKING:
    from hmi.app import LineRuntime

APPLY_TIMEOUT_S = 60.0
# OPC UA settings the twin's client config pins (LineTwin.client_config): carried over so
# an unchanged connection compares equal to the running one.
_PINNED = ("security_mode", "security_policy", "server_certificate", "client_certificate",
           "client_private_key")


class ApplyRefused(Exception):
    """The config cannot be applied now; the text says why and what to do."""


@dataclass(frozen=True, slots=True)
class AppliedConfig:
    diff: ConfigDiff
    restarted: tuple[str, ...]  # connections whose link was rebuilt
    kept: tuple[str, ...]  # connections left running as they were
    notes: tuple[str, ...]  # what the apply did not change, for the user


def restart_scope(runtime: LineRuntime, diff: ConfigDiff) -> str:
    """What an apply of `diff` restarts on this runtime, in one line for the user."""
    if isinstance(runtime.service, PlcProcessService):
        return ("the PLC process restarts with the new config: every connection "
                f"({len(diff.kept) + len(diff.restart)}) reconnects")
    if not diff.restart and not diff.removed_connections:
        return "no connection restarts"
    parts = []
    if diff.restart:
        parts.append(f"restarts {', '.join(diff.restart)}")
    if diff.removed_connections:
        parts.append(f"stops {', '.join(diff.removed_connections)}")
    parts.append(f"keeps {', '.join(diff.kept) or 'no other connection'} running")
    return "; ".join(parts)


def as_running(runtime: LineRuntime, config: LineConfig) -> LineConfig:
    """`config` as the runtime would run it: pointed at the embedded twin if there is one."""
    twin = runtime.twin
    if twin is None:
        return config
    out = retarget(config, opcua_endpoint=twin.opcua_endpoint, modbus_host=twin.host,
                   modbus_port=twin.modbus_port)
    running = runtime.config
    template = next((c for c in running.connections if isinstance(c, OpcUaConnection)),
                    None) if running is not None else None
    if template is None:
        return out
    pinned = {name: getattr(template, name) for name in _PINNED}
    return out.model_copy(update={"connections": tuple(
        c.model_copy(update=pinned) if isinstance(c, OpcUaConnection) else c
        for c in out.connections)})


def plan(runtime: LineRuntime, config: LineConfig) -> ConfigDiff:
    """What applying `config` (as loaded from its file) would change on this runtime."""
    if runtime.config is None:
        raise ApplyRefused("the line is not running: start it before applying a config")
    return diff_configs(runtime.config, as_running(runtime, config))


def apply_config(runtime: LineRuntime, config: LineConfig, *, username: str,
                 full_name: str = "", role: str = "", audit: AuditSink | None = None,
                 source: str = "", client_host: str = "") -> AppliedConfig:
    """Run the line on `config`; only changed connections restart (in process). Raises
    ApplyRefused with the reason when it cannot."""
    service = runtime.service
    if runtime.config is None or service is None or not runtime.io.running:
        raise ApplyRefused("the line is not running: start it before applying a config")
    if runtime.twin is not None and config.line.id != runtime.twin.config.line.id:
        raise ApplyRefused(f"the embedded twin serves line {runtime.twin.config.line.id}, "
                           f"not {config.line.id}: open that line's config")
    new = as_running(runtime, config)
    diff = diff_configs(runtime.config, new)
    if diff.empty:
        raise ApplyRefused("nothing to apply: the config is the one running")
    if isinstance(service, PlcService):
        runtime.io.run(service.reconfigure(new, diff.restart), timeout=APPLY_TIMEOUT_S)
        restarted, kept = diff.restart, diff.kept
    elif isinstance(service, PlcProcessService):
        runtime.io.run(service.reconfigure(new), timeout=APPLY_TIMEOUT_S)
        restarted, kept = tuple(c.id for c in new.connections), ()
    else:
        raise ApplyRefused(f"this PLC service ({type(service).__name__}) cannot be "
                           "reconfigured: restart the HMI with the new config")
    runtime.config = new
    if audit is not None:
        audit.append(AuditEvent(
            username=username, full_name=full_name, role=role, action="apply_config",
            object_type="line_config", object_id=config.line.id, field=source,
            sent_value=diff.summary()[:2000], client_host=client_host,
            reason=f"restarted: {', '.join(restarted) or 'none'}; "
                   f"kept: {', '.join(kept) or 'none'}",
        ))
    notes = ("screens, alarms, trends and the historian keep the config they started with "
             "until the HMI restarts; the PLC links and staleness periods run on the new one",)
    return AppliedConfig(diff, restarted, kept, notes)
