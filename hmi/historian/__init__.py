"""The historian: every tag value kept, any range trended in milliseconds, gaps explicit.

Qt-free and protocol-free. How to use it (the composition root does the wiring):

    historian = Historian.from_config(config, data_dir)   # [historian] and each tag's history
    historian.start()                                     # opens/creates the SQLite file
    historian.attach(store)                               # TagStore batches -> the queue
    ...
    banner = historian.status().problem()                 # poll for a UI banner (None: fine)
    ...
    historian.stop()                                      # detaches, drains, marks the end

    reader = HistoryReader(historian.settings.url)        # its own connection; any thread
    pens = reader.query(tag_ids, start, end, pixels=plot_width_px)
    x, y = pens["coater.web_tension_n"].line()            # NaN where the tag was not live

Threads: `attach`'s callback runs on the TagStore's thread (the IoThread) and only appends
the batch to a bounded queue (`record` does the same from any thread); it never blocks.
One writer thread ("historian-writer") owns the database: it applies deadband and
heartbeat per tag, writes raw rows and the 1 s / 1 min rollups in one transaction per
batch (with a backlog, each COMMIT on a helper thread while it judges the next batch), and
deletes expired rows in small chunks between batches. A full queue drops (and
counts, logs and marks as a gap) instead of blocking. `status`, `flush` and `stop` may be
called from any thread. A HistoryReader may be used from any thread, one call at a time,
or from another process (WAL); it never blocks the writer for long.

Gaps: a value recorded with a quality other than GOOD or UNCERTAIN starts a gap that lasts
until the next live value; the historian adds NO_DATA rows where it was not recording
(stopped, crashed, queue overflow). Silence alone is not a gap: a tag reported by
exception keeps its value until the next row.
"""

from hmi.historian.errors import HistoryError, HistoryUnavailable
from hmi.historian.export import export_csv
from hmi.historian.reader import HistoryReader
from hmi.historian.series import RawSeries, RollupSeries, TagSeries
from hmi.historian.settings import HistorianSettings, TagPolicy, settings_from_config
from hmi.historian.stats import HistoryStats, history_stats
from hmi.historian.status import HistorianStatus
from hmi.historian.tables import NO_DATA, QUALITY_NAMES, default_url, quality_name
from hmi.historian.writer import Historian

__all__ = [
    "NO_DATA",
    "QUALITY_NAMES",
    "Historian",
    "HistorianSettings",
    "HistorianStatus",
    "HistoryError",
    "HistoryReader",
    "HistoryStats",
    "HistoryUnavailable",
    "RawSeries",
    "RollupSeries",
    "TagPolicy",
    "TagSeries",
    "default_url",
    "export_csv",
    "history_stats",
    "quality_name",
    "settings_from_config",
]
