"""ISA-18.2 alarm engine and journal (Qt-free; DOMAIN.md 3).

Build and run (the composition root does this; see hmi.alarms.build):

    engine = build_alarm_engine(config, store, plant_db, security.audit,
                                authorizer=commands)      # subscribes to the TagStore
    remove = engine.add_listener(on_summary)             # AlarmSummary after every change
    engine.stop()                                        # before the PLC service stops

Definitions come from the line config's [[alarms]] (hmi.config.alarms.AlarmDef): limit
(HH/H/L/LL), deviation from a setpoint tag, rate of change, discrete bit and quality (comm
loss, sensor failure) alarms, with priority 1-4, deadband, on/off delays, latching, trip
groups (first-out), suppression by design and rationalisation text.

Alarms other services raise (hmi.alarms.external): one defined, rationalised discrete
alarm per SPC characteristic ("spc_<id>" on the virtual tag <station>.spc.<id>), set by the
SPC monitor through `engine.raise_external(alarm_id, active, message)` (the message, naming
the rule, is the alarm's value); otherwise like any alarm. At start-up a comm-loss alarm
waits until its connection first answers (at most 30 s): links connecting are no fault.

Reading (any thread): `engine.summary()` -> AlarmSummary: `active` (annunciated alarms,
priority 1 first, newest first within a priority), `unacked_by_priority` {1..4: n},
`worst_unacked()` for the banner, `shelved`, `suppressed`, `out_of_service`, `first_out`
{trip group: alarm id}. `engine.view(id)` -> AlarmView (state, flags, rationalisation,
`procedure` to offer a restore). Listeners are plain callables called on the thread that
made the change (the engine's worker thread "lineside-alarms", or the caller of an action),
outside the engine's lock: marshal to Qt (a queued signal), do not block.

Operator actions (blocking database calls: call them off the GUI thread). Each checks the
user's role at the alarm's station through the authorizer (hmi.core.commands.
CommandService), journals and audits in one transaction, and raises CommandRefused
(PermissionDenied, ReasonRequired, AlarmActionRefused) with a one-line message:

    engine.acknowledge(user, [id, ...])             # one, or a page; -> ids acknowledged
    engine.reset(user, [id, ...])                    # latched alarms, cleared and acked
    engine.shelve(user, id, reason=..., duration_s=..., one_shot=False)
    engine.unshelve(user, id, reason=...)
    engine.remove_from_service(user, id, reason=...) / engine.return_to_service(user, id, ...)

Journal and KPIs: AlarmJournal(plant_db).rows(since, until, alarm_id=, console=) and
hmi.alarms.kpi.compute_kpis(rows, ...) per console; `lineside alarms list|journal|kpi`.
"""

from hmi.alarms.build import build_alarm_engine
from hmi.alarms.engine import IllegalTransition
from hmi.alarms.journal import AlarmJournal, JournalRow
from hmi.alarms.model import (
    AlarmState,
    AlarmSummary,
    AlarmView,
    Event,
    OutOfService,
    ShelveKind,
    Shelving,
)
from hmi.alarms.service import AlarmActionRefused, AlarmEngine, Authorizer

__all__ = [
    "AlarmActionRefused",
    "AlarmEngine",
    "AlarmJournal",
    "AlarmState",
    "AlarmSummary",
    "AlarmView",
    "Authorizer",
    "Event",
    "IllegalTransition",
    "JournalRow",
    "OutOfService",
    "ShelveKind",
    "Shelving",
    "build_alarm_engine",
]
