"""Store-and-forward: the HMI keeps recording while the plant database is away.

`Outbox` is the local journal (outbox.sqlite in the data folder), every record hash-chained
to the one before (a per-HMI segment). `PlantLink` writes to the plant database while it
answers, journals locally while it does not (and until the journal is drained, so order
holds), shows offline-since, and forwards in order, exactly once (an idempotency key per
record, committed with it), each audit entry re-chained onto the plant chain with the local
hash kept beside it. Conflicts (a changeover that ran offline on a version obsoleted
meanwhile) are recorded on both sides for a person to resolve; nothing is resolved silently.
"""

from hmi.forward.link import ForwardResult, LinkStatus, PlantLink
from hmi.forward.outbox import OUTBOX_FILE, Outbox, OutboxItem

__all__ = ["OUTBOX_FILE", "ForwardResult", "LinkStatus", "Outbox", "OutboxItem", "PlantLink"]
