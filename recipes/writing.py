"""Write transactions that take the database's write lock at their start.

A transaction that reads and then writes (the next version number, the state to log) must
not begin deferred on SQLite: if another connection commits between its read and its first
write, SQLite refuses the upgrade at once ("database is locked", no busy wait). The plant
database (hmi.plantdb) begins a connection marked with this execution option as BEGIN
IMMEDIATE, which waits its turn instead; any other engine ignores the option. The name is
hmi.plantdb.dialect.WRITE_OPTION's (this package may not import hmi).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

WRITE_OPTION = "plantdb_write"


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            yield conn
