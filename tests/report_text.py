"""The words of a deliverable (HTML, XLSX, DOCX, PDF) and those not in its language.

A Chinese plan may hold Latin letters only for units, codes and references; an English
plan may hold Chinese only where the user's data or a standard's own name puts it. The
tests name what is allowed; anything else found is a word in the wrong language.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

# Latin words a Chinese plan holds legitimately: units, codes of standards and systems,
# symbols of formulas, and the bibliographic parts of references to papers.
CODES_AND_UNITS = {
    *("hm", "mm", "cm", "km", "kg", "dS", "pH", "m", "g", "mu"),
    *("EPSG", "CGCS", "UTM", "WGS", "GB", "GBT", "TD", "TDT", "HJ", "HJT", "DEM", "FAO"),
    *("W", "max", "d", "gw", "tan", "VCLS", "P", "C", "S", "N", "NR", "PDF", "XLSX"),
    *("ALUES", "LUSET", "JOSS", "Asaad", "Salvacion", "Yen", "Pheng", "Hoanh"),
    *("Xu", "Zhao", "Hu", "Yu", "Shao", "Guo", "Bull", "Eng", "Geol", "Environ"),
    *("Knaapen", "Du", "Dong"),
    "predictsubsidence",  # an algorithm's id, named where the text says which to run
}
# Words of two letters or more, not part of a code with digits (a hash, "4e79a7").
LATIN_WORD = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{2,}(?![0-9A-Za-z])")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def _xml_text(data: bytes) -> str:
    text = re.sub(rb"<[^>]+>", b" ", data).decode("utf-8")
    return html.unescape(text)


def deliverable_texts(folder: Path) -> dict[str, str]:
    """The text of each report file in ``folder`` that exists, by its suffix."""
    texts: dict[str, str] = {}
    page = folder / "report.html"
    if page.is_file():
        source = page.read_text(encoding="utf-8")
        source = re.sub(r"<(style|script)\b.*?</\1>", " ", source, flags=re.S)
        texts["html"] = html.unescape(re.sub(r"<[^>]+>", " ", source))
    for suffix, members in (("xlsx", r"xl/.*\.xml$"), ("docx", r"word/document\.xml$")):
        path = folder / f"report.{suffix}"
        if path.is_file():
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if re.match(members, n)]
                texts[suffix] = " ".join(_xml_text(archive.read(n)) for n in names)
    pdf = folder / "report.pdf"
    if pdf.is_file() and shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        texts["pdf"] = unicodedata.normalize("NFKC", out)
    return texts


def latin_words(text: str, allowed: set[str], shortest: int = 2) -> set[str]:
    """Latin words of ``text`` (``shortest`` letters or more) not in ``allowed`` nor in
    CODES_AND_UNITS. A PDF's table cells wrap codes anywhere: check it with 3."""
    return {
        w
        for w in LATIN_WORD.findall(text)
        if len(w) >= shortest and w not in allowed and w not in CODES_AND_UNITS
    }


def chinese_runs(text: str, allowed: set[str]) -> set[str]:
    """Runs of Chinese characters of ``text`` not found inside any ``allowed`` text."""
    return {run for run in CJK_RUN.findall(text) if not any(run in a for a in allowed)}


def words_of(*texts: str) -> set[str]:
    """The Latin words of the user's own texts (a title, names), allowed in any report."""
    return {w for text in texts for w in re.findall(r"[A-Za-z]+", text)}
