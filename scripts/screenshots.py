"""Screenshots for the README, rendered offscreen (make screenshots).

Opens each dialog of the plugin on the sample mine (resources/sample/) and grabs it, in
English (<name>.png) and in Chinese (<name>.zh_CN.png), copies the demo's map, and renders
a page of the demo's PDF report. Run `make demo` first (the Makefile target does). Writes
docs/screenshots/*.png.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from unicodedata import normalize

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["GDAL_PAM_ENABLED"] = "NO"  # no .aux.xml beside the sample rasters

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SAMPLE = ROOT / "resources" / "sample"
DEMO = ROOT / "demo-output"
_TRANSLATORS: list = []  # kept alive while the Chinese dialogs are made


class _Iface:
    """The little of QgisInterface the dialogs use: a main window and a map canvas."""

    def __init__(self) -> None:
        from qgis.gui import QgsMapCanvas
        from qgis.PyQt.QtWidgets import QMainWindow

        self.window = QMainWindow()
        self.canvas = QgsMapCanvas(self.window)

    def mainWindow(self):  # noqa: N802 (QGIS API)
        return self.window

    def mapCanvas(self):  # noqa: N802 (QGIS API)
        return self.canvas


def _load_sample(project) -> None:
    from qgis.core import QgsRasterLayer, QgsVectorLayer

    gpkg = SAMPLE / "sample_mine.gpkg"
    from osgeo import ogr

    dataset = ogr.Open(str(gpkg))
    names = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
    dataset = None
    for name in names:
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        if layer.isValid():
            project.addMapLayer(layer)
    for tif in sorted(SAMPLE.glob("*.tif")):
        project.addMapLayer(QgsRasterLayer(str(tif), tif.stem))


def _grab(widget, name: str) -> None:
    from qgis.PyQt.QtWidgets import QApplication

    widget.resize(900, 640)
    widget.show()
    QApplication.processEvents()  # a script, not the plugin: let the widget lay itself out
    widget.grab().save(str(OUT / f"{name}.png"))
    widget.close()


def _dialogs(iface, suffix: str = "") -> None:
    from plugin.gui.disturbance_dialog import DisturbanceDialog
    from plugin.gui.plan_wizard import PlanWizard
    from plugin.gui.rule_pack_editor import RulePackEditorDialog
    from plugin.gui.suitability_dialog import SuitabilityDialog

    _grab(DisturbanceDialog(iface), f"disturbance_dialog{suffix}")
    _grab(SuitabilityDialog(iface), f"suitability_dialog{suffix}")
    _grab(RulePackEditorDialog(iface.mainWindow()), f"rule_pack_editor{suffix}")
    _grab(PlanWizard(iface), f"plan_wizard{suffix}")


def _in_language(locale: str) -> None:
    """QGIS's locale and the plugin's translator for the dialogs made from now on."""
    from qgis.PyQt.QtCore import QSettings

    from plugin.i18n import TranslatorInstaller

    QSettings().setValue("locale/overrideFlag", True)
    QSettings().setValue("locale/userLocale", locale)
    if locale != "en_US":
        _TRANSLATORS.append(TranslatorInstaller())
        if _TRANSLATORS[-1].install(locale) is None:
            raise SystemExit(f"no compiled {locale} translation: run `make qm` first")


def _page_with(pdf: Path, text: str) -> int | None:
    """The first page of the PDF whose text holds ``text`` (pdftotext), or None."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    pages = subprocess.run(
        [tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    # NFKC: pdftotext gives Noto CJK's Kangxi radicals (⼟) for some ideographs (土).
    found = (i for i, page in enumerate(pages, start=1) if text in normalize("NFKC", page))
    return next(found, None)


def _report_page() -> None:
    pdf = DEMO / "report" / "report.pdf"
    tool = shutil.which("pdftoppm")
    if not pdf.exists() or tool is None:
        print("no demo report or no pdftoppm: report page skipped")
        return
    page = _page_with(pdf, "按损毁类型、损毁程度") or 2  # the damaged-land table
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "page"
        subprocess.run(
            [tool, "-png", "-r", "60", "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
            check=True,
        )
        produced = sorted(Path(folder).glob("page*.png"))
        if produced:
            shutil.copy(produced[0], OUT / "report_page.png")


def main() -> int:
    from qgis.core import QgsApplication, QgsProject
    from qgis.PyQt.QtCore import QSettings

    application = QgsApplication([], True)
    application.initQgis()
    # QGIS's own Python plugins (Processing) live under its data path.
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    from processing.core.Processing import Processing

    from plugin.provider.provider import ReclamationProvider

    Processing.initialize()
    QgsApplication.processingRegistry().addProvider(ReclamationProvider())
    OUT.mkdir(parents=True, exist_ok=True)
    _load_sample(QgsProject.instance())
    _in_language("en_US")
    _dialogs(_Iface())
    _in_language("zh_CN")
    _dialogs(_Iface(), ".zh_CN")
    QSettings().setValue("locale/overrideFlag", False)
    if (DEMO / "proposed_uses.png").exists():
        shutil.copy(DEMO / "proposed_uses.png", OUT / "demo_map.png")
    _report_page()
    print(f"screenshots in {OUT.relative_to(ROOT)}: {sorted(p.name for p in OUT.glob('*.png'))}")
    application.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
