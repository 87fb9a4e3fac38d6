"""The QGIS plugin: toolbar, Plugins menu, Processing provider, translator.

``initGui`` and ``unload`` mirror each other: every action, the toolbar, the menu entries,
the provider and the translator that one adds, the other removes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMessageBox, QToolBar

from .about import PROVIDER_ID, metadata, plugin_name, plugin_version
from .dependencies import install_hint, missing_modules
from .i18n import Translatable, TranslatorInstaller
from .log import log_critical, log_warning
from .paths import icon_path
from .provider.provider import ReclamationProvider
from .provider.registry import AlgorithmEntry

TOOLBAR_OBJECT_NAME = "ReclamationPlannerToolbar"
ACTION_OBJECT_PREFIX = "ReclamationPlanner_"


@dataclass(frozen=True)
class ActionSpec:
    """A toolbar/menu action: its key, label, icon, slot and the modules it needs."""

    key: str
    text: str
    icon: str
    callback: Callable[[], None]
    requires: tuple[str, ...] = ()
    in_toolbar: bool = True


class ReclamationPlannerPlugin(Translatable):
    """Entry object QGIS creates through ``classFactory``."""

    # QGIS hands iface to classFactory; keeping it (rather than importing qgis.utils.iface)
    # lets tests pass a recording interface.
    def __init__(self, iface: Any) -> None:  # noqa: QGS105
        self.iface = iface
        self.translator = TranslatorInstaller()
        self.translator.install()
        self.provider: ReclamationProvider | None = None
        self.toolbar: QToolBar | None = None
        self.actions: list[QAction] = []
        self.missing: dict[str, str] = {}
        # Non-modal dialogs, kept so that reopening shows the same window and unload closes it.
        self.dialogs: dict[str, Any] = {}

    # The menu name is looked up at call time so that it follows the installed translator.
    def menu_name(self) -> str:
        """Name of the plugin's entry under the Plugins menu."""
        return self.tr("&Mine Reclamation Planner")

    def initProcessing(self) -> None:  # noqa: N802 (QGIS API)
        """Register the Processing provider (QGIS calls this for qgis_process too)."""
        if self.provider is not None:
            return
        provider = ReclamationProvider()
        if not QgsApplication.processingRegistry().addProvider(provider):
            # Another provider already holds the id (e.g. a second copy of the plugin).
            log_critical(
                self.tr("The Processing provider “{id}” could not be registered.").format(
                    id=PROVIDER_ID
                )
            )
            return
        self.provider = provider

    def initGui(self) -> None:  # noqa: N802 (QGIS API)
        """Create the toolbar and menu entries and register the provider."""
        self.initProcessing()
        self.toolbar = self.iface.addToolBar(self.tr("Mine Reclamation"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)
        self.toolbar.setToolTip(self.tr("Mine Reclamation Planner"))
        specs = self.action_specs()
        self.missing = missing_modules(
            {name for spec in specs for name in spec.requires}
            | {name for entry in self.provider_entries() for name in entry.requires}
        )
        for spec in specs:
            self.actions.append(self._add_action(spec))
        if self.missing:
            self.report_missing_modules()

    def provider_entries(self) -> tuple[AlgorithmEntry, ...]:
        """The algorithm entries of the registered provider (none if it is not registered)."""
        return self.provider.entries if self.provider is not None else ()

    def action_specs(self) -> list[ActionSpec]:
        """The plugin's actions, in toolbar order (each feature adds its own)."""
        return [
            ActionSpec(
                key="plan_wizard",
                text=self.tr("Reclamation plan wizard…"),
                icon="wizard.svg",
                callback=self.show_plan_wizard,
                requires=("numpy", "osgeo.gdal"),
            ),
            ActionSpec(
                key="disturbance",
                text=self.tr("Classify disturbed land…"),
                icon="disturbance.svg",
                callback=self.show_disturbance_dialog,
                requires=("numpy", "osgeo.gdal"),
            ),
            ActionSpec(
                key="suitability",
                text=self.tr("Evaluate suitability and propose land use…"),
                icon="suitability.svg",
                callback=self.show_suitability_dialog,
                requires=("numpy", "osgeo.gdal"),
            ),
            ActionSpec(
                key="rule_packs",
                text=self.tr("Rule packs…"),
                icon="rule_packs.svg",
                callback=self.show_rule_pack_editor,
                requires=("numpy",),
            ),
            ActionSpec(
                key="sample",
                text=self.tr("Load the sample mine"),
                icon="sample.svg",
                callback=self.load_sample_mine,
                requires=("osgeo.gdal",),
            ),
            ActionSpec(
                key="about",
                text=self.tr("About Mine Reclamation Planner…"),
                icon="about.svg",
                callback=self.show_about,
            ),
        ]

    def _add_action(self, spec: ActionSpec) -> QAction:
        action = QAction(QIcon(str(icon_path(spec.icon))), spec.text, self.iface.mainWindow())
        action.setObjectName(ACTION_OBJECT_PREFIX + spec.key)
        action.triggered.connect(spec.callback)
        lacking = [name for name in spec.requires if name in self.missing]
        if lacking:
            action.setEnabled(False)
            action.setToolTip(
                self.tr("Disabled: missing Python modules {modules}").format(
                    modules=", ".join(lacking)
                )
            )
        if spec.in_toolbar and self.toolbar is not None:
            self.toolbar.addAction(action)
        self.iface.addPluginToMenu(self.menu_name(), action)
        return action

    def disabled_features(self) -> list[str]:
        """Names of the actions and algorithms that a missing module disables."""
        disabled = [a.text() for a in self.actions if not a.isEnabled()]
        if self.provider is not None:
            disabled += [f"{PROVIDER_ID}:{name}" for name in sorted(self.provider.unavailable)]
        return disabled

    def report_missing_modules(self) -> None:
        """Say in the message bar and the log which modules are missing and what is off."""
        modules = ", ".join(sorted(self.missing))
        disabled = ", ".join(self.disabled_features()) or self.tr("none")
        summary = self.tr(
            "Missing Python modules: {modules}. Disabled: {disabled}. Install: {hint}"
        ).format(modules=modules, disabled=disabled, hint=install_hint(self.missing))
        self.iface.messageBar().pushMessage(
            self.tr("Mine Reclamation Planner"), summary, Qgis.MessageLevel.Warning, 0
        )
        details = "; ".join(f"{name}: {reason}" for name, reason in sorted(self.missing.items()))
        log_warning(f"{summary} ({details})")

    def unload(self) -> None:
        """Remove everything ``initGui`` and ``initProcessing`` added."""
        for dialog in self.dialogs.values():
            dialog.shutdown()  # cancels a running task, closes and deletes the window
        self.dialogs = {}
        for action in self.actions:
            self.iface.removePluginMenu(self.menu_name(), action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions = []
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            if not QgsApplication.processingRegistry().removeProvider(self.provider):
                log_warning(f"Processing provider {PROVIDER_ID} was not registered at unload")
            self.provider = None
        self.translator.remove()

    def about_html(self) -> str:
        """Rich text for the About box: version, QGIS, provider, missing modules, links."""
        meta = metadata()
        algorithms = self.provider.algorithms() if self.provider is not None else []
        summary = self.tr("Plans the reclamation of land disturbed by mining.")
        platform = self.tr(
            "QGIS {qgis}; Processing provider “{provider}” with {count} algorithms."
        ).format(qgis=Qgis.QGIS_VERSION, provider=PROVIDER_ID, count=len(algorithms))
        home = self.tr("Home page")
        tracker = self.tr("Report a problem")
        licence = self.tr("Licence: GNU GPL version 2 or later")
        lines = [
            f"<h3>{plugin_name()} {plugin_version()}</h3>",
            f"<p>{summary}</p>",
            f"<p>{platform}</p>",
        ]
        if self.missing:
            missing = self.tr("Missing Python modules: {modules}").format(
                modules=", ".join(sorted(self.missing))
            )
            lines.append(f"<p>{missing}</p>")
        lines.append(
            f'<p><a href="{meta["homepage"]}">{home}</a> · '
            f'<a href="{meta["tracker"]}">{tracker}</a> · {licence}</p>'
        )
        return "\n".join(lines)

    def show_disturbance_dialog(self) -> None:
        """Open (or bring forward) the disturbance dialog; it keeps its inputs when closed."""
        from .gui.disturbance_dialog import open_disturbance_dialog

        self.dialogs["disturbance"] = open_disturbance_dialog(
            self.iface, self.dialogs.get("disturbance")
        )

    def show_suitability_dialog(self) -> None:
        """Open (or bring forward) the suitability dialog; it keeps its inputs when closed."""
        from .gui.suitability_dialog import open_suitability_dialog

        self.dialogs["suitability"] = open_suitability_dialog(
            self.iface, self.dialogs.get("suitability")
        )

    def show_plan_wizard(self) -> None:
        """Open (or bring forward) the plan wizard; it keeps its inputs when closed."""
        from .gui.plan_wizard import open_plan_wizard

        self.dialogs["plan_wizard"] = open_plan_wizard(self.iface, self.dialogs.get("plan_wizard"))

    def show_rule_pack_editor(self) -> None:
        """Open the rule-pack editor over the QGIS main window."""
        from .gui.rule_pack_editor import RulePackEditorDialog

        dialog = RulePackEditorDialog(self.iface.mainWindow())
        dialog.exec()

    def load_sample_mine(self) -> None:
        """Add the sample mine's layers to the project and zoom to its project area."""
        from .gui.sample_mine import SampleMineError, SampleMineLoader, sample_copy

        try:
            _, extent = SampleMineLoader().load(QgsProject.instance(), sample_copy())
        except SampleMineError as error:
            self.iface.messageBar().pushMessage(
                self.tr("Mine Reclamation Planner"),
                self.tr("The sample mine could not be loaded: {0}").format(error),
                Qgis.MessageLevel.Critical,
                0,
            )
            return
        canvas = self.iface.mapCanvas()
        canvas.setDestinationCrs(QgsProject.instance().crs())
        canvas.setExtent(extent.buffered(extent.width() * 0.1))
        canvas.refresh()
        self.iface.messageBar().pushMessage(
            self.tr("Mine Reclamation Planner"),
            self.tr(
                "The sample coal mine is loaded (constructed data): try the Reclamation plan "
                "wizard on it."
            ),
            Qgis.MessageLevel.Info,
            10,
        )

    def show_about(self) -> None:
        """Show the About box."""
        QMessageBox.about(
            self.iface.mainWindow(), self.tr("About Mine Reclamation Planner"), self.about_html()
        )
