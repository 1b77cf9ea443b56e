"""Secure OPC UA against the twin's secure endpoint, for real: trust, refusal, users, None."""

from __future__ import annotations

import logging
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.schema import LineConfig, OpcUaConnection
from hmi.core.tags import Quality
from hmi.core.tagstore import TagStore
from hmi.plc.passwords import PasswordStore
from hmi.plc.pki import PkiStore, TrustChange, thumbprint
from hmi.plc.service import PlcService
from hmi.sim.twin import LineTwin
from hmi.sim.twin_security import twin_certificates

from .helpers import quality, store_for, wait_until

pytestmark = pytest.mark.asyncio(loop_scope="module")

LIVE_TAG = "coater.web_tension_n"
USERS = {"operator": "right-password"}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def twin() -> AsyncIterator[LineTwin]:
    async with LineTwin(load_line_config(DEMO_LINE), users=USERS) as running:
        yield running


@pytest.fixture(scope="module")
def own_pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One installation certificate for the module (RSA key generation is slow)."""
    root = tmp_path_factory.mktemp("installation") / "pki"
    PkiStore(root).own()
    return root


@pytest.fixture
def data_dir(tmp_path: Path, own_pki: Path) -> Path:
    """A fresh data folder with the module's own certificate and nothing trusted yet."""
    shutil.copytree(own_pki, tmp_path / "pki")
    return tmp_path


def electrode_only(twin: LineTwin, **security: Any) -> LineConfig:
    """The twin's electrode PLC alone (plain endpoint config), with these security fields."""
    config = twin.client_config(secure=False)
    conn = config.connection("opcua_electrode")
    assert isinstance(conn, OpcUaConnection)
    # The demo file says None for `lineside sim`; these tests start from the secure default.
    conn = conn.model_copy(update={"security_mode": "SignAndEncrypt",
                                   "security_policy": "Aes256_Sha256_RsaPss", **security})
    stations = tuple(s for s in config.stations if s.connection == conn.id)
    ids = {s.id for s in stations}
    tags = tuple(t for t in config.tags if t.station in ids and t.connection is None)
    return config.model_copy(update={"connections": (conn,), "stations": stations,
                                     "tags": tags, "loops": (), "trends": ()})


def trust_twin(data_dir: Path) -> None:
    trusted = data_dir / "pki" / "trusted"
    shutil.copy(twin_certificates().server_cert, trusted / "lineside-twin.der")


@pytest_asyncio.fixture(loop_scope="module")
async def started() -> AsyncIterator[list[PlcService]]:
    services: list[PlcService] = []
    yield services
    for service in services:
        await service.stop()


async def start(started: list[PlcService], config: LineConfig,
                data_dir: Path) -> tuple[TagStore, PlcService]:
    store = store_for(config)
    service = PlcService(config, store, data_dir=data_dir)
    started.append(service)
    await service.start()
    return store, service


def last_error(service: PlcService) -> str:
    return service.health()["opcua_electrode"].last_error


# ---- secure connections -------------------------------------------------------------------
@pytest.mark.parametrize(("policy", "mode"), [
    ("Aes256_Sha256_RsaPss", "SignAndEncrypt"),
    ("Aes128_Sha256_RsaOaep", "SignAndEncrypt"),
    ("Basic256Sha256", "SignAndEncrypt"),
    ("Aes256_Sha256_RsaPss", "Sign"),
])
async def test_secure_connection_to_a_trusted_server_delivers_values(
    twin: LineTwin, data_dir: Path, started: list[PlcService], policy: str, mode: str
) -> None:
    trust_twin(data_dir)
    config = electrode_only(twin, security_policy=policy, security_mode=mode)
    store, service = await start(started, config, data_dir)
    assert await service.wait_connected(5.0), last_error(service)
    await wait_until(lambda: quality(store, LIVE_TAG) is Quality.GOOD, what="a good value")
    first = store.get(LIVE_TAG).value  # type: ignore[union-attr]
    await wait_until(lambda: store.get(LIVE_TAG).value != first,  # type: ignore[union-attr]
                     what="a moving value")
    result = await service.write("coater.web_tension_sp_n", 61.5)
    assert result.ok, result.message
    health = service.health()["opcua_electrode"]
    assert not health.insecure
    assert list((data_dir / "pki" / "rejected").iterdir()) == []


async def test_unknown_server_certificate_is_refused_until_trusted(
    twin: LineTwin, data_dir: Path, started: list[PlcService]
) -> None:
    store, service = await start(started, electrode_only(twin), data_dir)
    await wait_until(lambda: "not trusted" in last_error(service), what="a refusal")
    message = last_error(service)
    server_der = twin_certificates().server_cert.read_bytes()
    print_ = thumbprint(server_der)
    (rejected,) = (data_dir / "pki" / "rejected").iterdir()
    assert rejected.read_bytes() == server_der
    assert message.startswith("opcua_electrode: refused opcua_electrode at opc.tcp://")
    assert print_ in message and str(rejected) in message and "administrator" in message
    assert quality(store, LIVE_TAG) is Quality.COMM_LOST

    changes: list[TrustChange] = []
    change = PkiStore(data_dir / "pki").trust(print_[:12], on_change=changes.append)
    assert changes == [change]
    assert change.action == "trusted" and change.thumbprint == print_
    assert change.to_path.parent == data_dir / "pki" / "trusted" and not rejected.exists()
    assert await service.wait_connected(6.0), last_error(service)
    await wait_until(lambda: quality(store, LIVE_TAG) is Quality.GOOD, what="values after trust")


async def test_a_pinned_certificate_that_does_not_match_is_refused(
    twin: LineTwin, data_dir: Path, own_pki: Path, started: list[PlcService]
) -> None:
    config = electrode_only(twin, server_certificate=str(own_pki / "own" / "cert.der"))
    _, service = await start(started, config, data_dir)
    await wait_until(lambda: "pinned" in last_error(service), what="a pin refusal")
    assert "replace the pinned file" in last_error(service)


# ---- users --------------------------------------------------------------------------------
async def test_wrong_password_is_refused_with_a_clear_message(
    twin: LineTwin, data_dir: Path, started: list[PlcService], monkeypatch: pytest.MonkeyPatch
) -> None:
    trust_twin(data_dir)
    monkeypatch.setenv("LINESIDE_TEST_PLC_PW", "wrong-password")
    config = electrode_only(twin, username="operator", password_ref="env:LINESIDE_TEST_PLC_PW")
    _, service = await start(started, config, data_dir)
    await wait_until(lambda: "refused user" in last_error(service), what="a user refusal")
    assert last_error(service) == (
        f"opcua_electrode: {config.connections[0].endpoint} refused user 'operator' "  # type: ignore[union-attr]
        "(BadUserAccessDenied): check the user and the password kept under "
        "env:LINESIDE_TEST_PLC_PW"
    )


async def test_right_password_from_the_encrypted_store(
    twin: LineTwin, data_dir: Path, started: list[PlcService]
) -> None:
    trust_twin(data_dir)
    PasswordStore(data_dir).set("electrode", USERS["operator"])
    assert b"right-password" not in (data_dir / "secrets" / "plc-passwords.json").read_bytes()
    config = electrode_only(twin, username="operator", password_ref="store:electrode")
    _, service = await start(started, config, data_dir)
    assert await service.wait_connected(5.0), last_error(service)


async def test_a_missing_password_names_where_it_was_looked_for(
    twin: LineTwin, data_dir: Path, started: list[PlcService]
) -> None:
    trust_twin(data_dir)
    config = electrode_only(twin, username="operator", password_ref="store:nowhere")
    _, service = await start(started, config, data_dir)
    await wait_until(lambda: "store:nowhere" in last_error(service), what="a missing password")
    assert "lineside pki password set nowhere" in last_error(service)


async def test_certificate_user_token(
    twin: LineTwin, data_dir: Path, started: list[PlcService]
) -> None:
    trust_twin(data_dir)
    own = data_dir / "pki" / "own"
    config = electrode_only(twin, user_certificate=str(own / "cert.der"),
                            user_private_key=str(own / "private.pem"))
    _, service = await start(started, config, data_dir)
    assert await service.wait_connected(5.0), last_error(service)


# ---- None, when the config says so ----------------------------------------------------------
async def test_security_none_when_said_works_and_is_flagged_insecure(
    twin: LineTwin, data_dir: Path, started: list[PlcService], caplog: pytest.LogCaptureFixture
) -> None:
    config = electrode_only(twin, security_mode="None", security_policy="None")
    caplog.set_level(logging.WARNING, logger="hmi.plc.opcua_security")
    store, service = await start(started, config, data_dir)
    assert await service.wait_connected(5.0)
    await wait_until(lambda: quality(store, LIVE_TAG) is Quality.GOOD, what="a good value")
    assert service.health()["opcua_electrode"].insecure
    assert any("unsigned and unencrypted" in r.getMessage() for r in caplog.records)


async def test_the_twin_client_config_is_secure_and_pinned(twin: LineTwin) -> None:
    for conn in twin.client_config().connections:
        if isinstance(conn, OpcUaConnection):
            assert (conn.security_mode, conn.security_policy) == ("SignAndEncrypt",
                                                                  "Aes256_Sha256_RsaPss")
            assert conn.server_certificate == str(twin_certificates().server_cert)


async def test_an_unreadable_client_key_is_one_line(
    twin: LineTwin, data_dir: Path, started: list[PlcService]
) -> None:
    trust_twin(data_dir)
    broken = data_dir / "broken.pem"
    broken.write_text("not a key", encoding="utf-8")
    config = electrode_only(twin, client_certificate=str(data_dir / "pki" / "own" / "cert.der"),
                            client_private_key=str(broken))
    _, service = await start(started, config, data_dir)
    await wait_until(lambda: "cannot load the client certificate" in last_error(service),
                     what="a key error")
    assert str(broken) in last_error(service)
