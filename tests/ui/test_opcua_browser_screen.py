"""The OPC UA browser against the line twin's real OPC UA server on loopback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from hmi.config import DEMO_LINE, load_line_config
from hmi.core.iothread import IoThread
from hmi.sim.twin import LineTwin
from hmi.ui.opcua_browser_screen import OpcUaBrowserScreen

from .workbench_shots import grab


@pytest.fixture
def screen(qtbot, twin: LineTwin, tmp_path: Path) -> Iterator[OpcUaBrowserScreen]:  # type: ignore[no-untyped-def]
    config = tmp_path / "line.toml"
    shutil.copy(DEMO_LINE, config)
    with IoThread() as io:
        widget = OpcUaBrowserScreen(io, config, line_config=twin.client_config(secure=False))
        qtbot.addWidget(widget)
        widget.show()
        try:
            yield widget
        finally:
            widget.close()


def _expand(qtbot, screen: OpcUaBrowserScreen, *path: str) -> None:  # type: ignore[no-untyped-def]
    for depth in range(len(path)):
        item = screen.find_item(*path[: depth + 1])
        assert item is not None, path[: depth + 1]
        item.setExpanded(True)
        qtbot.waitUntil(lambda item=item: item.childCount() != 1
                        or item.child(0).text(0) != "…", timeout=5000)


def test_browse_expand_select_live_value(qtbot, screen: OpcUaBrowserScreen,  # type: ignore[no-untyped-def]
                                        twin: LineTwin, tmp_path: Path) -> None:
    assert screen.endpoint_field.text() == twin.opcua_endpoint  # the running line's
    screen.connect_endpoint()
    qtbot.waitUntil(lambda: screen.find_item("coater") is not None
                    or screen.status.abnormal, timeout=10000)
    qtbot.waitUntil(lambda: screen.endpoints.rowCount() > 0, timeout=5000)
    modes = {screen.endpoints.item(r, 1).text() for r in range(screen.endpoints.rowCount())}
    assert "None" in modes
    _expand(qtbot, screen, "coater")
    item = screen.find_item("coater", "web_tension_n")
    assert item is not None and item.text(1) == "Variable" and item.text(2) == "Double"
    screen.tree.setCurrentItem(item)
    qtbot.waitUntil(lambda: screen.live_value.text() not in ("-", ""), timeout=5000)
    first = screen.live_value.text()
    assert "Good" in screen.live_status.text()
    low, high = 0.0, 400.0
    assert low <= float(first) <= high
    # The tension moves with the PID loop: the subscription keeps the value coming.
    qtbot.waitUntil(lambda: screen.live_value.text() != first, timeout=5000)
    qtbot.waitUntil(lambda: screen.attributes.rowCount() > 0, timeout=5000)
    attributes = {screen.attributes.item(r, 0).text(): screen.attributes.item(r, 1).text()
                  for r in range(screen.attributes.rowCount())}
    assert attributes["DataType"].startswith("Double") and attributes["NodeClass"] == "Variable"
    references = {screen.references.item(r, 0).text() for r in
                  range(screen.references.rowCount())}
    assert "HasTypeDefinition" in references
    with qtbot.waitSignal(screen.trend_requested, timeout=2000) as signal:
        screen.trend_button.click()
    assert signal.args == ["coater.web_tension_n"]
    grab(screen, tmp_path, "opcua_browser_screen")


def test_add_a_node_to_the_line_config(qtbot, screen: OpcUaBrowserScreen,  # type: ignore[no-untyped-def]
                                       tmp_path: Path) -> None:
    config = tmp_path / "line.toml"
    screen.connect_endpoint()
    qtbot.waitUntil(lambda: screen.find_item("coater") is not None, timeout=10000)
    _expand(qtbot, screen, "coater")
    item = screen.find_item("coater", "web_tension_sp_n")
    assert item is not None
    screen.tree.setCurrentItem(item)
    panel = screen.add_panel
    assert panel.add_button.isEnabled() and panel.writable_box.isChecked()
    before = config.read_bytes()
    panel.tag_field.setText("coater.web_tension_sp_n")  # exists already: refused
    panel.add_button.click()
    qtbot.waitUntil(lambda: panel.status.abnormal, timeout=5000)
    assert "duplicate" in panel.status.text() and config.read_bytes() == before
    panel.tag_field.setText("coater.tension_sp_copy_n")
    panel.add_button.click()
    qtbot.waitUntil(lambda: "added to" in panel.status.text(), timeout=5000)
    tag = load_line_config(config).tag("coater.tension_sp_copy_n")
    assert tag.opcua is not None and tag.opcua.node_id == "ns=2;s=coater.web_tension_sp_n"
    assert tag.writable and tag.data_type == "float"


def test_a_secure_only_server_lists_its_endpoints_and_says_why_no_session(qtbot) -> None:  # type: ignore[no-untyped-def]
    from asyncua import Server, ua

    from hmi.core.net import free_tcp_port
    from hmi.sim.twin_security import twin_certificates

    endpoint = f"opc.tcp://127.0.0.1:{free_tcp_port()}/secure/"

    async def start() -> Server:
        server = Server()
        await server.init()
        server.set_endpoint(endpoint)
        certs = twin_certificates()
        await server.load_certificate(str(certs.server_cert))
        await server.load_private_key(str(certs.server_key))
        server.set_security_policy([ua.SecurityPolicyType.Basic256Sha256_SignAndEncrypt])
        await server.start()
        return server

    with IoThread("secure-server") as server_io, IoThread() as io:
        server = server_io.run(start(), timeout=30)
        try:
            screen = OpcUaBrowserScreen(io, endpoint=endpoint)
            qtbot.addWidget(screen)
            try:
                screen.connect_endpoint()
                qtbot.waitUntil(lambda: screen.status.abnormal, timeout=10000)
                assert screen.endpoints.rowCount() == 1
                assert screen.endpoints.item(0, 1).text() == "SignAndEncrypt"
                assert screen.endpoints.item(0, 2).text() == "Basic256Sha256"
                assert "offers only secure endpoints" in screen.status.text()
                assert screen.tree.topLevelItemCount() == 0
            finally:
                screen.close()
        finally:
            server_io.run(server.stop(), timeout=30)
