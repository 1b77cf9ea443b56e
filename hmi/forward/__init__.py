"""Store-and-forward: the HMI keeps recording while the plant database is away.

`Outbox` is the local journal (outbox.sqlite in the data folder), every record hash-chained
to the one before (a per-HMI segment). `PlantLink` writes to the plant database while it
answers, journals locally while it does not (and until the journal is drained, so order
holds), shows offline-since, and forwards in order, exactly once (an idempotency key per
record, committed with it), each audit entry re-chained onto the plant chain with the local
hash kept beside it. Conflicts (a changeover that ran offline on a version obsoleted
meanwhile) are recorded on both sides for a person to resolve; nothing is resolved silently.

Changeovers: `recipe_cache` keeps a copy of the Effective versions (and of who may sign)
in offline_plant.sqlite, a database of the plant's own schema; `offline_changeover` runs
the unchanged engine on it and sends each finished changeover as one unit; `offline_line`
is what hmi.app builds of them; `conflicts.resolve_signed` is a person's signed decision.
"""

from hmi.forward.link import ForwardResult, LinkStatus, PlantLink
from hmi.forward.outbox import OUTBOX_FILE, Outbox, OutboxItem

__all__ = ["OUTBOX_FILE", "ForwardResult", "LinkStatus", "Outbox", "OutboxItem", "PlantLink"]
