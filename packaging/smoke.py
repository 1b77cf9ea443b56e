"""Smoke test of the built app, as a technician would meet it on a machine with no Python.

    python packaging/smoke.py dist/lineside dist/lineside-VERSION-linux-ARCH.tar.gz

Unpacks the tarball, installs it with its install.sh into a scratch prefix, and runs the
installed program (never the checkout): `config check` on the shipped demo line, then the HMI
on the offscreen platform with the embedded twin, twice, against a per-user data folder that
holds a plant database from an older Lineside (schema 0001). Checks: exit codes 0, a
screenshot that shows something, the old database migrated to this build's head, nothing
written into the install folder. Prints the figures the README reports; the last line is
JSON (build size, tarball size, seconds to the first live frame, cold and warm).
Exit 1 with the reason on the first failed check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from hmi.plantdb import default_url, open_plant_db
from hmi.plantdb.database import MIGRATIONS

FIRST_FRAME_LINE = "first live frame painted"
RUN_SECONDS = 12
OLD_REVISION = "0001_security"


class SmokeFailed(Exception):
    pass


def main(argv: list[str]) -> int:
    build, tarball = Path(argv[0]), Path(argv[1])
    try:
        result = smoke(build, tarball)
    except SmokeFailed as exc:
        print(f"smoke: FAILED: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


def smoke(build: Path, tarball: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="lineside-smoke-") as scratch:
        root = Path(scratch)
        program = install(tarball, root)
        bundle = program.resolve().parent
        before = listing(bundle)
        env = clean_env(root)
        demo = bundle / "_internal" / "resources" / "lines" / "demo_line.toml"
        check(run([str(program), "config", "check", str(demo)], env, 60), "config check")
        data = Path(env["XDG_DATA_HOME"]) / "lineside"
        make_old_database(data)
        cold = run_hmi(program, env, root / "cold.png")
        migrated = open_plant_db(default_url(data), upgrade=False)
        try:
            revision = migrated.revision()
        finally:
            migrated.close()
        shipped = shipped_head(bundle / "_internal" / "hmi" / "plantdb" / "migrations")
        if revision != shipped:
            raise SmokeFailed(f"old database left at {revision}, expected {shipped}")
        warm = run_hmi(program, env, root / "warm.png")
        if listing(bundle) != before:
            raise SmokeFailed(f"the app wrote into its install folder {bundle}")
        return {
            "build_mb": round(size_mb(build), 1),
            "tarball_mb": round(tarball.stat().st_size / 2**20, 1),
            "first_live_frame_cold_s": round(cold, 2),
            "first_live_frame_warm_s": round(warm, 2),
            "migrated_from": OLD_REVISION,
            "migrated_to": revision,
        }


def install(tarball: Path, root: Path) -> Path:
    with tarfile.open(tarball) as archive:
        archive.extractall(root / "unpacked", filter="data")
    (folder,) = (root / "unpacked").iterdir()
    env = {**os.environ, "PREFIX": str(root / "prefix")}
    check(subprocess.run(["sh", str(folder / "install.sh")], env=env, capture_output=True,
                         text=True, timeout=120), "install.sh")
    for made in ("share/applications/lineside.desktop",
                 "share/icons/hicolor/scalable/apps/lineside.svg", "bin/lineside"):
        if not (root / "prefix" / made).exists():
            raise SmokeFailed(f"install.sh did not create {made}")
    return root / "prefix" / "bin" / "lineside"


def clean_env(root: Path) -> dict[str, str]:
    """No virtualenv, no checkout on the path: only what a technician's machine has."""
    keep = ("PATH", "LANG", "LC_ALL", "TMPDIR")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    path = [p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p]
    env.update(PATH=os.pathsep.join(path), HOME=str(root / "home"),
               XDG_DATA_HOME=str(root / "home" / "data"), QT_QPA_PLATFORM="offscreen")
    return env


def make_old_database(data: Path) -> None:
    """A plant database as an older Lineside left it (the checkout's migrations, run part way)."""
    data.mkdir(parents=True)
    db = open_plant_db(default_url(data), upgrade=False)
    try:
        config = alembic_config(MIGRATIONS)
        with db.writing() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, OLD_REVISION)
    finally:
        db.close()


def shipped_head(migrations: Path) -> str:
    """The schema the build ships (its own migration scripts, not the checkout's)."""
    heads = ScriptDirectory.from_config(alembic_config(migrations)).get_heads()
    return "+".join(sorted(heads))


def alembic_config(migrations: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    return config


def run_hmi(program: Path, env: dict[str, str], shot: Path) -> float:
    """Run the HMI, return seconds from launch to its first painted live value."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [str(program), "run", "--screenshot", str(shot), "--quit-after", str(RUN_SECONDS)],
        env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    first: float | None = None
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line.rstrip())
        if first is None and FIRST_FRAME_LINE in line:
            first = time.monotonic() - started
    code = proc.wait(timeout=120)
    if code != 0:
        raise SmokeFailed(f"lineside run exited {code}: " + " | ".join(lines[-8:]))
    if first is None:
        raise SmokeFailed("no live value was ever painted: " + " | ".join(lines[-8:]))
    if not shot.exists() or shot.stat().st_size < 20_000:
        raise SmokeFailed(f"screenshot {shot} missing or blank")
    return first


def run(cmd: list[str], env: dict[str, str], timeout_s: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout_s)


def check(done: subprocess.CompletedProcess[str], what: str) -> None:
    if done.returncode != 0:
        raise SmokeFailed(f"{what} exited {done.returncode}: {done.stderr.strip()[-500:]}")


def listing(folder: Path) -> set[tuple[str, int]]:
    return {(str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*")
            if p.is_file()}


def size_mb(folder: Path) -> float:
    """Bytes on disk once: the bundle links some Qt libraries to each other."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
