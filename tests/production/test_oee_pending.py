"""A flush the plant database refused goes back in front of what came since (OEE records
while a server is away): order kept, a minute's output added up, nothing shared."""

from __future__ import annotations

from datetime import UTC, datetime

from hmi.core.packml import PackMLState
from hmi.production.oee_store import Pending

T = datetime(2026, 11, 27, 14, 2, tzinfo=UTC)
M = T.replace(second=0)


def test_the_failed_flush_goes_first_and_minutes_add_up() -> None:
    failed = Pending(states=[("coater", T, PackMLState.STOPPED, 7)],
                     counts={("coater", M): [10.0, 9.0]})
    since = Pending(states=[("coater", T.replace(second=5), PackMLState.EXECUTE, None)],
                    counts={("coater", M): [2.0, 2.0], ("winder", M): [1.0, 1.0]})
    joined = failed.then(since)
    assert [s[2] for s in joined.states] == [PackMLState.STOPPED, PackMLState.EXECUTE]
    assert joined.counts == {("coater", M): [12.0, 11.0], ("winder", M): [1.0, 1.0]}
    assert failed.counts[("coater", M)] == [10.0, 9.0]  # the parts are left as they were
    assert since.counts[("coater", M)] == [2.0, 2.0]
