"""The plugin loads into QGIS and unloads without leaving anything behind."""

from __future__ import annotations

from qgis.core import Qgis, QgsApplication, QgsProcessingAlgorithm
from qgis.PyQt.QtWidgets import QAction, QToolBar

from plugin import classFactory
from plugin.about import plugin_version
from plugin.plugin import ACTION_OBJECT_PREFIX, TOOLBAR_OBJECT_NAME
from plugin.provider.registry import AlgorithmEntry
from tests.qgis.conftest import flush_deleted_objects, plugin_action


def plugin_toolbars(iface):
    return [
        bar
        for bar in iface.mainWindow().findChildren(QToolBar)
        if bar.objectName() == TOOLBAR_OBJECT_NAME
    ]


def plugin_actions(iface):
    return [
        action
        for action in iface.mainWindow().findChildren(QAction)
        if action.objectName().startswith(ACTION_OBJECT_PREFIX)
    ]


# The toolbar and menu, in order: the wizard first (where county staff start), the dialogs,
# the sample mine, then About.
EXPECTED_ACTIONS = ["plan_wizard", "disturbance", "suitability", "rule_packs", "sample", "about"]


def registered_provider():
    return QgsApplication.processingRegistry().providerById("reclamation")


def test_initgui_adds_toolbar_menu_entry_and_provider(iface):
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        (toolbar,) = plugin_toolbars(iface)
        assert toolbar.windowTitle() == "Mine Reclamation"
        expected = [f"ReclamationPlanner_{key}" for key in EXPECTED_ACTIONS]
        assert [a.objectName() for a in toolbar.actions()] == expected
        assert [entry[1].objectName() for entry in iface.menu_entries] == expected
        assert iface.menu_entries[0][0] == "&Mine Reclamation Planner"
        assert all(not action.icon().isNull() for action in toolbar.actions())
        icons = [spec.icon for spec in plugin.action_specs()]
        assert len(set(icons)) == len(icons)  # each action its own icon
        provider = registered_provider()
        assert provider is not None
        assert provider.name() == "Mine reclamation"
        assert provider.longName() == f"Mine Reclamation Planner {plugin_version()}"
    finally:
        plugin.unload()


def test_load_and_unload_twice_leaves_nothing_behind(iface):
    for _ in range(2):
        plugin = classFactory(iface)
        plugin.initGui()
        assert len(plugin_toolbars(iface)) == 1
        assert registered_provider() is not None
        plugin.unload()
        flush_deleted_objects()
        assert plugin_toolbars(iface) == []
        assert plugin_actions(iface) == []
        assert iface.menu_entries == []
        assert registered_provider() is None


def test_init_processing_alone_registers_the_provider_once(iface):
    # qgis_process calls initProcessing() without initGui(); QGIS desktop calls both.
    plugin = classFactory(iface)
    plugin.initProcessing()
    plugin.initProcessing()
    try:
        ids = [p.id() for p in QgsApplication.processingRegistry().providers()]
        assert ids.count("reclamation") == 1
    finally:
        plugin.unload()
    assert registered_provider() is None


def test_about_box_names_version_qgis_and_provider(iface, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "plugin.plugin.QMessageBox.about", lambda parent, title, text: shown.append((title, text))
    )
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        plugin_action(plugin, "about").trigger()
    finally:
        plugin.unload()
    ((title, text),) = shown
    assert title == "About Mine Reclamation Planner"
    assert plugin_version() in text
    assert Qgis.QGIS_VERSION in text
    assert "reclamation" in text


class _TinyAlgorithm(QgsProcessingAlgorithm):
    """A do-nothing algorithm to stand for a feature in the dependency test."""

    def __init__(self, name):
        super().__init__()
        self._name = name

    def name(self):
        return self._name

    def displayName(self):  # noqa: N802
        return self._name

    def createInstance(self):  # noqa: N802
        return _TinyAlgorithm(self._name)

    def initAlgorithm(self, config=None):  # noqa: N802
        pass

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        return {}


def test_missing_module_is_reported_and_disables_only_what_needs_it(
    iface, monkeypatch, log_messages
):
    entries = (
        AlgorithmEntry("needsscipy", lambda: _TinyAlgorithm("needsscipy"), ("scipy",)),
        AlgorithmEntry("needsnumpy", lambda: _TinyAlgorithm("needsnumpy"), ("numpy",)),
    )
    monkeypatch.setattr("plugin.provider.provider.builtin_algorithms", lambda: entries)
    real_import = __import__("importlib").import_module

    def import_without_scipy(name):
        if name.split(".")[0] == "scipy":
            raise ModuleNotFoundError("No module named 'scipy'")
        return real_import(name)

    monkeypatch.setattr("plugin.dependencies._import", import_without_scipy)

    plugin = classFactory(iface)
    plugin.initGui()
    try:
        ids = [alg.id() for alg in registered_provider().algorithms()]
        assert ids == ["reclamation:needsnumpy"]
        assert plugin_action(plugin, "about").isEnabled()  # About needs nothing
        (warning,) = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
        assert "scipy" in warning
        assert "reclamation:needsscipy" in warning
        assert "python3-scipy" in warning
        logged = [text for tag, text, _ in log_messages if tag == "Mine Reclamation Planner"]
        assert any("scipy" in text and "No module named" in text for text in logged)
    finally:
        plugin.unload()


def test_nothing_is_reported_when_every_module_is_present(iface):
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        assert iface.messageBar().get_messages(Qgis.MessageLevel.Warning) == []
        assert plugin.missing == {}
    finally:
        plugin.unload()


def test_the_sample_mine_loads_into_one_group_from_a_copy(iface, tmp_path, monkeypatch):
    from qgis.core import QgsProject

    from plugin.gui.sample_mine import SampleMineLoader, sample_copy
    from plugin.paths import resource

    folder = sample_copy(tmp_path)
    assert folder.is_relative_to(tmp_path)  # the layers are opened from the profile's copy
    project = QgsProject.instance()
    group, extent = SampleMineLoader().load(project, folder)
    names = [layer.name() for layer in group.findLayers()]
    assert {"开采工作面", "土地利用现状", "dem_after", "dem_before"} <= set(names)
    assert names.index("土壤采样点") < names.index("土地利用现状")  # points drawn above
    assert all(
        str(resource("sample")) not in layer.layer().source() for layer in group.findLayers()
    )
    assert project.crs().authid() == "EPSG:4527"
    assert extent.width() > 100  # the project area, in metres
    (folder / "marker").write_text("kept")
    assert sample_copy(tmp_path) == folder  # reused, never overwritten
    assert (folder / "marker").exists()
