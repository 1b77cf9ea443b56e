"""The operator panel built from a running LineRuntime: sign-in gate, PLC bridge, every
screen the runtime can feed, and the main window holding them.

`lineside run` builds it this way, and the UI tests build the same panel, so what they
check is what the operator gets. Screens that need the plant database (recipes,
changeover, alarms, restore) exist only when the runtime has one.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from hmi.alarms import AlarmJournal
from hmi.app import LineRuntime
from hmi.commission.io_checkout import IoCheckoutStore
from hmi.config import DEMO_LINE
from hmi.config.schema import ModbusConnection
from hmi.forward.conflicts import conflicts_open, resolve_signed
from hmi.plc.parameter_io import PlcParameterIO
from hmi.ui.alarm_feed import AlarmFeed
from hmi.ui.alarm_history_screen import AlarmHistoryScreen
from hmi.ui.alarm_screen import AlarmScreen
from hmi.ui.bridge import PlcBridge
from hmi.ui.changeover_screen import ChangeoverScreen
from hmi.ui.config_editor_screen import ConfigEditorScreen
from hmi.ui.conflict_view import ConflictView
from hmi.ui.diagnostics_screen import DiagnosticsScreen
from hmi.ui.history_source import HistorySource
from hmi.ui.io_checkout_screen import IoCheckoutScreen
from hmi.ui.lineage_screen import LineageScreen
from hmi.ui.main_window import PRODUCTION, RECORDS, WORKBENCH, MainWindow
from hmi.ui.modbus_screen import ModbusScreen
from hmi.ui.navigation import NavItem
from hmi.ui.oee_screen import OeeScreen
from hmi.ui.opcua_browser_screen import OpcUaBrowserScreen
from hmi.ui.recipe_screen import RecipeScreen
from hmi.ui.restore_screen import RestoreScreen
from hmi.ui.security_gate import SecurityGate
from hmi.ui.spc_screen import SpcScreen
from recipes.changeover import ChangeoverJournal

T = TypeVar("T")
SAMPLE_RECIPES = DEMO_LINE.parent.parent / "recipes"  # shipped with the demo line


@dataclass
class Panel:
    window: MainWindow
    bridge: PlcBridge
    gate: SecurityGate
    screens: dict[str, QWidget] = field(default_factory=dict)
    alarm_feed: AlarmFeed | None = None

    def close(self) -> None:
        """Before the runtime stops: nothing of the panel listens to it afterwards."""
        for screen in self.screens.values():
            screen.close()  # timers, workers and sessions of each screen end here
        if self.alarm_feed is not None:
            self.alarm_feed.close()
        self.bridge.close()
        self.window.close()
        self.gate.close()


def build_panel(runtime: LineRuntime, folder: Path, gate: SecurityGate | None = None) -> Panel:
    """The panel for a started, secure runtime; ``folder`` holds exports and the operator's
    recipe imports; ``gate``: one already made (a test signs someone in first)."""
    assert runtime.config is not None and runtime.store is not None
    assert runtime.service is not None and runtime.security is not None
    assert runtime.recipes is not None and runtime.plant_db is not None
    assert runtime.commands is not None
    config = runtime.config
    if gate is None:
        gate = SecurityGate(runtime.security, config.security.idle_lock_minutes * 60)
    bridge = PlcBridge(runtime.store, runtime.service, runtime.io,
                       history_status=runtime.historian_status,
                       commands=runtime.commands, acting_user=gate.acting_user)
    recipes = RecipeScreen(runtime.recipes, runtime.plant_db.engine, gate, runtime.commands,
                           import_dirs=(SAMPLE_RECIPES, folder / "recipes"),
                           plc=(runtime.io, PlcParameterIO(runtime.service)))
    offline = runtime.offline  # a server: this line's changeovers run on its copy
    changeover = ChangeoverScreen(runtime.recipes, runtime.changeover_engine, gate,
                                  runtime.io, runtime.commands,
                                  offline.journal if offline is not None
                                  else ChangeoverJournal(runtime.plant_db.engine),
                                  holds=runtime.holds, variance=runtime.variance,
                                  cached_at=offline.cached_at if offline is not None else None)
    screens: dict[str, QWidget] = {"recipes": recipes, "changeover": changeover}
    feed = None
    if runtime.alarms is not None:
        feed = AlarmFeed(runtime.alarms)
        screens["alarms"] = AlarmScreen(runtime.alarms, feed, gate, config)
        stations = {a: runtime.alarms.view(a).station for a in runtime.alarms.alarm_ids}
        screens["alarm_history"] = AlarmHistoryScreen(
            # With the link: while the plant database is away, the rows kept on this HMI.
            AlarmJournal(runtime.plant_db, recorder=runtime.plant_link), config, stations)
    if runtime.restore is not None:
        production = runtime.production
        screens["restore"] = RestoreScreen(
            runtime.restore, gate, runtime.io, runtime.plant_db,
            open_lots=production.open_lots if production is not None else tuple)
    extra = _production(runtime, gate, folder) + _workbench(runtime, gate, folder)
    screens.update((item.name, widget) for item, widget in extra)
    url = runtime.history_url()
    window = MainWindow(config, bridge, history=HistorySource(url) if url else None,
                        export_dir=folder / "exports", gate=gate, recipes=recipes,
                        changeover=changeover, alarm_feed=feed,
                        alarms=_of(screens, "alarms", AlarmScreen),
                        alarm_history=_of(screens, "alarm_history", AlarmHistoryScreen),
                        restore=_of(screens, "restore", RestoreScreen), extra=extra)
    oee = _of(screens, "oee", OeeScreen)
    if oee is not None:  # a stop waiting for its reason shows in the header, one touch away
        oee.reason_needed.connect(window.header.show_reasons_needed)
        window.header.reason_button.clicked.connect(lambda: window.show_screen("oee"))
    if runtime.plant_link is not None:  # a plant database on a server: offline shows
        offline = runtime.offline  # its status counts the conflicts open on the plant
        window.header.watch_plant_link(offline.link_status if offline is not None
                                       else runtime.plant_link.status)
        window.header.conflicts_button.clicked.connect(
            lambda: window.show_screen("conflicts"))
    browser = _of(screens, "opcua", OpcUaBrowserScreen)
    if browser is not None:
        browser.trend_requested.connect(window.open_trend)
    if feed is not None:
        feed.setParent(window)  # ends with the window (its listener removed in close())
    for screen in screens.values():
        said = getattr(screen, "said", None)
        if said is not None:
            said.connect(window.feedback.show_note)
    return Panel(window, bridge, gate, screens, feed)


def _conflicts(runtime: LineRuntime, gate: SecurityGate) -> ConflictView:
    plant_db, security = runtime.plant_db, runtime.security
    assert plant_db is not None and security is not None

    def signed_in() -> str:
        user = gate.user()
        return user.username if user is not None else ""

    return ConflictView(lambda: conflicts_open(plant_db),
                        lambda key, user, password, decision: resolve_signed(
                            plant_db, security, key, user, password, decision,
                            client_host=gate.client_host), user_id=signed_in)


def _production(runtime: LineRuntime, gate: SecurityGate, folder: Path
                ) -> list[tuple[NavItem, QWidget]]:
    """OEE with the reason prompt, SPC charts, and the lineage of any lot."""
    assert runtime.config is not None and runtime.plant_db is not None
    screens: list[tuple[NavItem, QWidget]] = []
    if runtime.production is not None:
        screens += [(NavItem("oee", "OEE", PRODUCTION), OeeScreen(runtime.production.oee, gate)),
                    (NavItem("spc", "SPC", PRODUCTION), SpcScreen(runtime.production.spc))]
    if runtime.plant_link is not None:  # forwarded after an outage: a person decides
        screens.append((NavItem("conflicts", "Conflicts", RECORDS), _conflicts(runtime, gate)))
    screens.append((NavItem("lineage", "Lot lineage", RECORDS),
                    LineageScreen(runtime.plant_db, runtime.config, folder / "exports",
                                  history_url=runtime.history_url(),
                                  lots=runtime.production.lots if runtime.production else None)))
    return screens


def _workbench(runtime: LineRuntime, gate: SecurityGate, folder: Path
               ) -> list[tuple[NavItem, QWidget]]:
    """The commissioning engineer's screens (they refuse other roles themselves)."""
    assert runtime.config is not None and runtime.store is not None
    assert runtime.service is not None and runtime.plant_db is not None
    assert runtime.security is not None and runtime.commands is not None
    config = runtime.config
    # "Add to line config" writes only into a config the user started with, never into
    # the demo line shipped inside the app.
    target = runtime.config_path
    modbus = next((c for c in config.connections if isinstance(c, ModbusConnection)), None)
    return [
        (NavItem("diagnostics", "Connections", WORKBENCH),
         DiagnosticsScreen(config, runtime.store, runtime.service, runtime.io,
                           security=runtime.security, acting_user=gate.acting_user, gate=gate,
                           client_host=gate.client_host)),
        (NavItem("opcua", "OPC UA browser", WORKBENCH),
         OpcUaBrowserScreen(runtime.io, target, line_config=config, gate=gate)),
        (NavItem("modbus", "Modbus scanner", WORKBENCH),
         ModbusScreen(runtime.io, target, gate=gate,
                      **({"host": modbus.host, "port": modbus.port} if modbus else {}))),
        (NavItem("config_editor", "Line config", WORKBENCH),
         ConfigEditorScreen(runtime.config_path or _demo_copy(folder), runtime, gate=gate,
                            client_host=gate.client_host, lazy=True)),  # read when shown
        (NavItem("io_checkout", "I/O checkout", WORKBENCH),
         IoCheckoutScreen(config, runtime.store,
                          IoCheckoutStore(runtime.plant_db, runtime.security.signatures),
                          runtime.io, runtime.commands, gate=gate,
                          export_dir=folder / "exports", client_host=gate.client_host)),
    ]


def _demo_copy(folder: Path) -> Path:
    """The demo line's config to edit: a copy in the data folder, never the shipped file
    (read-only in an installed build, and the next start must find the demo unchanged)."""
    copy = folder / "lines" / DEMO_LINE.name
    if not copy.exists():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEMO_LINE, copy)
    return copy


def _of(screens: dict[str, QWidget], name: str, kind: type[T]) -> T | None:
    screen = screens.get(name)
    return screen if isinstance(screen, kind) else None
