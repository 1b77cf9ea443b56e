"""The main window: header, navigation, the screens, and the write feedback strip.

Navigation reaches any station in at most two touches (Overview -> tile, or the side bar's
Stations group) and any loop faceplate in three. The visible screen is updated every
frame; a screen coming into view is first brought up to date from the latest values.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hmi.config.schema import LineConfig
from hmi.core.packml import PackMLCommand
from hmi.core.roles import Action
from hmi.core.tags import Scalar, TagValue
from hmi.ui import presenters
from hmi.ui.alarm_feed import AlarmFeed
from hmi.ui.alarm_history_screen import AlarmHistoryScreen
from hmi.ui.alarm_screen import AlarmScreen, RestoreRequest
from hmi.ui.audit_screen import AuditScreen
from hmi.ui.bridge import PlcBridge
from hmi.ui.changeover_screen import ChangeoverScreen
from hmi.ui.confirm import ConfirmDialog
from hmi.ui.header import Header
from hmi.ui.help_wiring import HelpWiring
from hmi.ui.history_source import HistorySource
from hmi.ui.i18n import LanguagePicker, translations
from hmi.ui.lazy_screens import LazyScreens, ScreenSubset
from hmi.ui.live_history import LiveHistory
from hmi.ui.login_dialog import FirstStartDialog, LoginDialog
from hmi.ui.navigation import NavigationBar, NavItem
from hmi.ui.overview import OverviewScreen
from hmi.ui.recipe_screen import RecipeScreen
from hmi.ui.restore_screen import RestoreScreen
from hmi.ui.security_gate import SecurityGate
from hmi.ui.station_layout import station_layouts
from hmi.ui.station_screen import StationScreen
from hmi.ui.trend_screen import POPUP_WINDOW_S, SAMPLE_HZ, TagTrendDialog, TrendScreen
from hmi.ui.users_screen import UsersScreen
from hmi.ui.write_feedback import WriteFeedback
from widgets.numeric_keypad import NumericKeypad
from widgets.retranslating import Retranslating
from widgets.theme import NIGHT, apply_theme, palette

SCREEN_ALIASES = {"dryroom": "dry_room"}
# Side-bar groups in their order (screens of every minute stand alone above them). The
# names are ids; what the bar shows is their translation (_nav_titles).
STATIONS, PRODUCTION, RECORDS, WORKBENCH = "Stations", "Production", "Records", "Workbench"
NAV_GROUPS = (None, STATIONS, PRODUCTION, RECORDS, WORKBENCH)


def _nav_titles() -> dict[str, str]:
    """The side bar's own screens and groups, in the language now installed."""
    return {
        "overview": QCoreApplication.translate("MainWindow", "Overview"),
        "alarms": QCoreApplication.translate("MainWindow", "Alarms"),
        "trends": QCoreApplication.translate("MainWindow", "Trends"),
        "restore": QCoreApplication.translate("MainWindow", "Restore"),
        "recipes": QCoreApplication.translate("MainWindow", "Recipes"),
        "changeover": QCoreApplication.translate("MainWindow", "Changeover"),
        "alarm_history": QCoreApplication.translate("MainWindow", "Alarm journal"),
        "audit": QCoreApplication.translate("MainWindow", "Audit trail"),
        "users": QCoreApplication.translate("MainWindow", "Users"),
        STATIONS: QCoreApplication.translate("MainWindow", "Stations"),
        PRODUCTION: QCoreApplication.translate("MainWindow", "Production"),
        RECORDS: QCoreApplication.translate("MainWindow", "Records"),
        WORKBENCH: QCoreApplication.translate("MainWindow", "Workbench"),
        # The screens hmi.ui.panel adds (named there in English): their side-bar titles.
        "oee": QCoreApplication.translate("MainWindow", "OEE"),
        "spc": QCoreApplication.translate("MainWindow", "SPC"),
        "lineage": QCoreApplication.translate("MainWindow", "Lot lineage"),
        "conflicts": QCoreApplication.translate("MainWindow", "Conflicts"),
        "diagnostics": QCoreApplication.translate("MainWindow", "Connections"),
        "opcua": QCoreApplication.translate("MainWindow", "OPC UA browser"),
        "modbus": QCoreApplication.translate("MainWindow", "Modbus scanner"),
        "config_editor": QCoreApplication.translate("MainWindow", "Line config"),
        "io_checkout": QCoreApplication.translate("MainWindow", "I/O checkout"),
    }
SAMPLE_PERIOD_S = 1.0 / SAMPLE_HZ


class MainWindow(Retranslating, QMainWindow):
    screen_changed = Signal(str)
    language_chosen = Signal(str)  # a code of hmi.ui.i18n.LANGUAGES, touched in the picker

    def __init__(
        self,
        config: LineConfig,
        bridge: PlcBridge,
        parent: QWidget | None = None,
        history: HistorySource | None = None,
        export_dir: Path | None = None,
        gate: SecurityGate | None = None,
        recipes: RecipeScreen | None = None,
        changeover: ChangeoverScreen | None = None,
        alarm_feed: AlarmFeed | None = None,
        alarms: AlarmScreen | None = None,
        alarm_history: AlarmHistoryScreen | None = None,
        restore: RestoreScreen | None = None,
        extra: Sequence[tuple[NavItem, QWidget]] = (),
    ) -> None:
        """``history``: the historian behind the trends (None: the last hour only);
        ``export_dir``: where trend exports go; ``gate``: who acts at this panel (None:
        no sign-in, for tools and tests without a plant database); ``alarm_feed``: the
        alarm engine's summaries for the header banner (None: the banner annunciates
        configured tag limits); ``alarms``, ``alarm_history``, ``restore``: their screens
        (an alarm's Restore button opens the restore wizard for its fault); ``extra``: more
        screens with their place in the side bar (production, workbench)."""
        super().__init__(parent)
        # The window speaks the language installed; with none yet (a tool, a test), English
        # with its plural forms.
        translations().install_default()
        self.gate = gate
        self.config = config
        self.bridge = bridge
        self.latest: dict[str, TagValue] = bridge.snapshot()
        self.history = LiveHistory([t.id for t in config.tags], POPUP_WINDOW_S)
        self.history.update(self.latest)
        self.trend_dialogs: list[TagTrendDialog] = []

        central = QWidget()
        self.setCentralWidget(central)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = Header(config)
        outer.addWidget(self.header)
        middle = QHBoxLayout()
        outer.addLayout(middle, 1)
        self.stack = QStackedWidget()
        # Every screen by name; a station's is built the first time it is looked up (shown,
        # retranslated, tested) and kept: a plant of a thousand stations starts in seconds.
        self.screens: LazyScreens[QWidget] = LazyScreens(self._build_station)
        self._pages: dict[str, QScrollArea] = {}
        self._page_names: dict[QWidget, str] = {}
        layouts = station_layouts(config)
        self.overview = OverviewScreen(config, layouts)
        self.overview.station_requested.connect(self.show_screen)
        self.overview.trend_requested.connect(self.open_trend)
        self._add_screen("overview", self.overview)
        self._layouts = {layout.station.id: layout for layout in layouts}
        for station_id in self._layouts:
            self.screens.add_lazy(station_id)
        self.stations: ScreenSubset[StationScreen] = ScreenSubset(
            self.screens, self._layouts)  # type: ignore[arg-type]
        self.trends = TrendScreen(config, self.history, source=history, export_dir=export_dir)
        self._add_screen("trends", self.trends)
        self.audit_screen: AuditScreen | None = None
        self.users_screen: UsersScreen | None = None
        if gate is not None:  # the records of who did what, and who may
            exports = export_dir or Path.cwd()
            self.audit_screen = AuditScreen(gate.security.audit, exports)
            self.users_screen = UsersScreen(gate.security.users, gate.acting_user,
                                            client_host=gate.client_host)
            self._add_screen("audit", self.audit_screen)
            self._add_screen("users", self.users_screen)
        self.recipe_screen = recipes
        if recipes is not None:
            self._add_screen("recipes", recipes)
        self.changeover_screen = changeover
        if changeover is not None:
            self._add_screen("changeover", changeover)
        self.alarm_screen = alarms
        if alarms is not None:
            self._add_screen("alarms", alarms)
            alarms.station_requested.connect(self.show_station_of)
        self.alarm_history_screen = alarm_history
        if alarm_history is not None:
            self._add_screen("alarm_history", alarm_history)
        self.restore_screen = restore
        if restore is not None:
            self._add_screen("restore", restore)
            if alarms is not None:
                alarms.restore_enabled = True
                alarms.restore_requested.connect(self._on_alarms_restore_requested)
        for item, widget in extra:
            self._add_screen(item.name, widget)
        self.nav = self._build_nav(extra)
        middle.addWidget(self.nav)
        middle.addWidget(self.stack, 1)
        self.feedback = WriteFeedback(config)
        outer.addWidget(self.feedback)

        bridge.tags_updated.connect(self._on_bridge_tags_updated)
        bridge.health_changed.connect(self.header.show_health)
        bridge.write_finished.connect(self.feedback.show_result)
        bridge.history_problem_changed.connect(self.header.show_history_problem)
        self.trends.exported.connect(self.feedback.show_note)
        if alarm_feed is not None:
            alarm_feed.summary_changed.connect(self.header.show_alarm_summary)
            self.header.show_alarm_summary(alarm_feed.latest())
        if alarms is not None:  # touching the banner opens the list
            self.header.alarm_banner.activated.connect(lambda: self.show_screen("alarms"))
        self.header.theme_button.setChecked(palette() is NIGHT)
        self.header.theme_button.toggled.connect(self._on_theme_button_toggled)
        self.header.sign_in_button.setVisible(gate is not None)
        if gate is not None:
            gate.changed.connect(self._on_gate_changed)
            gate.first_start_needed.connect(self.open_first_start)
            self.header.sign_in_button.clicked.connect(self.open_login)
            self._on_gate_changed()
            gate.check_first_start()
        self._last_sample_s = 0.0
        self._sampler = QTimer(self)
        self._sampler.setInterval(1000 // SAMPLE_HZ)
        self._sampler.timeout.connect(self._on_sampler_timeout)
        self._sampler.start()
        self.header.language_button.clicked.connect(self.open_language_picker)
        self.help = HelpWiring(self)  # the header's Help: the screen on show's help, over it
        self.retranslate()
        self.show_screen("overview")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Lineside — {0}").format(self.config.line.name))
        self.nav.retitle(_nav_titles())

    def open_language_picker(self) -> LanguagePicker:
        picker = LanguagePicker(self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.language_chosen.connect(self.language_chosen)
        picker.open()
        return picker

    # -- screens ------------------------------------------------------------------------------
    def _add_screen(self, name: str, widget: QWidget) -> None:
        self.screens.add(name, widget)
        self._add_page(name, widget)

    def _add_page(self, name: str, widget: QWidget) -> None:
        # Each screen in a scroll area of its own: one screen too big for a 1024 x 600
        # panel scrolls, instead of making the whole window bigger than the glass.
        page = QScrollArea()
        page.setWidget(widget)
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        self._pages[name] = page
        self._page_names[page] = name
        self.stack.addWidget(page)

    def _build_station(self, station_id: str) -> StationScreen:
        """A station's screen, the first time it is asked for (LazyScreens calls this once)."""
        screen = StationScreen(self._layouts[station_id], self.config)
        screen.write_requested.connect(self.request_write)
        screen.command_requested.connect(self.request_command)
        screen.setpoint_requested.connect(self.request_setpoint)
        screen.trend_requested.connect(self.open_trend)
        self._add_page(station_id, screen)
        screen.show_values(self.latest, self.latest)  # built now, so up to date now
        return screen

    def _current_widget(self) -> QWidget | None:
        # Once per frame: a look-up, not a walk over a thousand pages.
        page = self.stack.currentWidget()
        name = self._page_names.get(page) if page is not None else None
        return self.screens[name] if name is not None else None

    def _build_nav(self, extra: Sequence[tuple[NavItem, QWidget]]) -> NavigationBar:
        t = _nav_titles()
        items = [NavItem("overview", t["overview"])]
        if self.alarm_screen is not None:  # alarms come right after the overview
            items.append(NavItem("alarms", t["alarms"]))
        items.append(NavItem("trends", t["trends"]))
        if self.restore_screen is not None:
            items.append(NavItem("restore", t["restore"]))
        items += [NavItem(s.id, s.id.replace("_", " ").capitalize(), STATIONS)
                  for s in self.config.stations]
        if self.recipe_screen is not None:
            items.append(NavItem("recipes", t["recipes"], PRODUCTION))
        if self.changeover_screen is not None:
            items.append(NavItem("changeover", t["changeover"], PRODUCTION))
        if self.alarm_history_screen is not None:
            items.append(NavItem("alarm_history", t["alarm_history"], RECORDS))
        if self.audit_screen is not None:
            items += [NavItem("audit", t["audit"], RECORDS), NavItem("users", t["users"], RECORDS)]
        items += [item for item, _ in extra]
        order = {group: rank for rank, group in enumerate(NAV_GROUPS)}
        items.sort(key=lambda item: order.get(item.group, len(order)))  # stable: keeps order
        bar = NavigationBar(items)
        bar.screen_requested.connect(self.show_screen)
        self.nav_buttons = bar.buttons
        return bar

    def _on_theme_button_toggled(self, night: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme("night" if night else "day", app)

    def show_screen(self, name: str) -> None:
        name = SCREEN_ALIASES.get(name, name)
        if name not in self.screens:
            raise KeyError(f"no screen {name!r}; screens are {', '.join(self.screens)}")
        widget = self.screens[name]
        self._refresh(widget, self.latest)
        self.stack.setCurrentWidget(self._pages[name])
        self.nav.select(name)
        self.screen_changed.emit(name)

    def _on_alarms_restore_requested(self, request: RestoreRequest) -> None:
        assert self.restore_screen is not None
        self.show_screen("restore")
        self.restore_screen.open_for_fault(request)

    def current_screen(self) -> str:
        page = self.stack.currentWidget()
        assert page is not None  # the overview is shown from the start
        return self._page_names[page]

    def show_station_of(self, tag_id: str) -> str:
        """Show the station a tag belongs to (an alarm's or a search's "go to"), building
        its screen if this is its first showing; returns the station's id."""
        station = self.config.tag(tag_id).station
        self.show_screen(station)
        return station

    @staticmethod
    def _refresh(
        widget: QWidget, changed: dict[str, TagValue], latest: dict[str, TagValue] | None = None
    ) -> None:
        if isinstance(widget, OverviewScreen | StationScreen | RestoreScreen):
            widget.show_values(changed, latest if latest is not None else changed)

    # -- values -------------------------------------------------------------------------------
    def _on_bridge_tags_updated(self, batch: dict[str, TagValue]) -> None:
        self.latest.update(batch)
        self.history.update(batch)
        self.header.show_values(batch)
        current = self._current_widget()
        if current is not None:
            self._refresh(current, batch, self.latest)
        # Trends sample on the frame that brought the news, so what changed is drawn in
        # this frame; the timer only keeps them moving while nothing changes.
        self._sample_if_due()

    def _sample_if_due(self) -> None:
        now = time.time()
        if now - self._last_sample_s >= SAMPLE_PERIOD_S * 0.9:
            self._last_sample_s = now
            column = self.history.sample(now)
            self.trends.add_sample(now, column)
            for dialog in self.trend_dialogs:
                dialog.add_sample(now, column)
        elif self._current_widget() is self.trends:
            # Not a sample yet, but news is shown at once (stored at the next sample).
            self.trends.show_news(now, self.history.current())

    def _on_sampler_timeout(self) -> None:
        self._sample_if_due()

    def open_trend(self, tag_id: str) -> None:
        dialog = TagTrendDialog(self.config.tag(tag_id), self.history, time.time(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _=0, d=dialog: self._forget_trend(d))
        self.trend_dialogs.append(dialog)
        dialog.show()

    def _forget_trend(self, dialog: TagTrendDialog) -> None:
        if dialog in self.trend_dialogs:
            self.trend_dialogs.remove(dialog)

    # -- who acts -------------------------------------------------------------------------------
    def _on_gate_changed(self) -> None:
        assert self.gate is not None
        self.header.show_user(self.gate.user(), self.gate.locked())

    def open_login(self) -> LoginDialog:
        assert self.gate is not None
        gate = self.gate
        user = gate.user()
        dialog = LoginDialog(self, signed_in="" if user is None else self.header.user_label.text())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.password_login_requested.connect(
            lambda name, password: gate.login(name, password, dialog.settle))
        dialog.badge_login_requested.connect(
            lambda badge, pin: gate.switch_badge(badge, pin, dialog.settle))
        dialog.logout_requested.connect(gate.logout)
        dialog.open()
        return dialog

    def open_first_start(self) -> FirstStartDialog:
        assert self.gate is not None
        gate = self.gate
        dialog = FirstStartDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.create_requested.connect(
            lambda admin, operator: gate.create_first_users(admin, operator, dialog.settle))
        dialog.open()
        self.first_start_dialog = dialog
        return dialog

    # -- writes -------------------------------------------------------------------------------
    def request_write(
        self, tag_id: str, value: Scalar, action: str = Action.WRITE_SETPOINT
    ) -> None:
        self.feedback.show_pending(tag_id, value)
        self.bridge.write(tag_id, value, action)

    def request_setpoint(self, tag_id: str) -> NumericKeypad:
        """Open the keypad with the tag's limits; nothing is written outside them."""
        tag = self.config.tag(tag_id)
        current = self.latest.get(tag_id)
        old = current.value if current is not None and current.quality.is_live else None
        low, high = tag.range if tag.range is not None else (None, None)
        keypad = NumericKeypad(
            self,
            tag=tag.description or tag_id,
            unit=tag.unit,
            low=low,
            high=high,
            old=float(old) if isinstance(old, int | float) else None,
        )
        keypad.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        as_int = tag.data_type in ("int", "enum")
        keypad.value_accepted.connect(
            lambda value: self.request_write(tag_id, round(value) if as_int else value)
        )
        keypad.open()
        return keypad

    def request_command(self, tag_id: str, command: int) -> ConfirmDialog:
        station = self.config.tag(tag_id).station
        name = presenters.packml_command(PackMLCommand(command))
        station_name = next(s.name for s in self.config.stations if s.id == station)
        question = self.tr("{0} {1}?", "a PackML command, the station's name").format(
            name, station_name)
        dialog = ConfirmDialog(question, name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.request_write(tag_id, command, Action.COMMAND))
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        self._sampler.stop()
        for dialog in list(self.trend_dialogs):
            dialog.close()
        self.trends.close_history()
        for child in self.findChildren(QDialog):  # keypads, confirmations, sign-in
            child.close()
        for screen in (self.audit_screen, self.users_screen, self.recipe_screen,
                       self.changeover_screen, self.alarm_screen, self.alarm_history_screen,
                       self.restore_screen):
            if screen is not None:
                screen.close()
        super().closeEvent(event)

    def health(self) -> dict[str, Any]:
        return self.bridge.health()
