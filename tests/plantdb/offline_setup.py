"""One line HMI with its plant link, its copy of the Effective versions and the people who
sign, on a private PostgreSQL (the offline changeover and conflict tests start here)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hmi.core.roles import Role
from hmi.forward import Outbox, PlantLink
from hmi.forward.offline_changeover import FORWARDED_TABLES, OfflineChangeovers
from hmi.forward.recipe_cache import EffectiveCache
from hmi.plantdb import PlantDb, open_plant_db
from hmi.security import Hasher, Security, build_security
from recipes import RecipeContent, RecipeStore, RecipeVersion
from tests.recipes.helpers import make_effective

PASSWORD = "line side password 1"
LIGHT = Hasher(time_cost=1, memory_cost_kib=1024)  # argon2id still; tests stay fast


@dataclass
class LineHmi:
    plant: PlantDb
    security: Security  # on the plant database
    cache: EffectiveCache
    local: Security  # on the copy: who signs while the plant database is away
    outbox: Outbox
    link: PlantLink
    offline: OfflineChangeovers
    version: RecipeVersion  # Effective on the plant database, cached here


def people(security: Security) -> None:
    admin = security.users.create_first_administrator("admin", "Ada Admin", PASSWORD)
    for name, full, role in (("olga", "Olga Operator", Role.OPERATOR),
                             ("lena", "Lena Lead", Role.LEAD), ("quinn", "Quinn QA", Role.QA)):
        security.users.add_user(admin, name, full, PASSWORD, role, ("*",), reason="shift")


@contextmanager
def line_hmi(pg_url: str, tmp_path: Path, content: RecipeContent) -> Iterator[LineHmi]:
    plant = open_plant_db(pg_url)
    security = build_security(plant, hasher=LIGHT)
    people(security)
    version = make_effective(RecipeStore(plant.engine), content)
    cache = EffectiveCache(tmp_path)
    outbox = Outbox(tmp_path / "outbox.sqlite")
    link = PlantLink(plant, outbox, security.audit, hmi="line-1", tables=FORWARDED_TABLES)
    offline = OfflineChangeovers(cache, plant, link, hmi="line-1")
    try:
        yield LineHmi(plant, security, cache, build_security(cache.db, hasher=LIGHT), outbox,
                      link, offline, version)
    finally:
        offline.close()
        outbox.close()
        cache.close()
        plant.close()
