"""The province run's deliverables in their language (``reclamation:planmany``): the words
of the province table and the short province page linking every mine's report."""

from __future__ import annotations

import html
from pathlib import Path

from ..core.province import MineOutcome, province_row
from ..i18n import InLanguage


class ProvinceWords(InLanguage):
    """The province table's and page's words in the deliverable's language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def status(self, status: str) -> str:
        return {
            "done": self.tr("plan made"),
            "failed": self.tr("failed"),
            "cancelled": self.tr("cancelled"),
        }.get(status, status)

    def total(self) -> str:
        return self.tr("Total")

    def crashed(self, code: int | None, tail: str) -> str:
        last = tail.strip().splitlines()[-1] if tail.strip() else ""
        return (
            self.tr("The worker process stopped (exit code {0}) while planning this mine. {1}")
            .format(code, last)
            .strip()
        )


class ProvincePage(InLanguage):
    """The province summary page in the deliverable's language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def html(self, outcomes: list[MineOutcome], total: dict[str, float | None]) -> str:
        words = ProvinceWords(self.language)
        title = self.tr("Reclamation plans of {0} mines").format(len(outcomes))
        header = (
            self.tr("Mine"),
            self.tr("Status"),
            self.tr("Damaged (hm²)"),
            self.tr("Reclaimed (hm²)"),
            self.tr("Reclamation rate (%)"),
            self.tr("Cultivated land change (hm²)"),
            self.tr("Warnings"),
            self.tr("Review findings"),
            self.tr("Report"),
        )
        lines = [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-CN" if self.language.startswith("zh") else "en"}">',
            f'<head><meta charset="utf-8"><title>{html.escape(title)}</title></head><body>',
            f"<h1>{html.escape(title)}</h1>",
            "<table border='1' cellspacing='0' cellpadding='3'><tr>",
            *(f"<th>{html.escape(h)}</th>" for h in header),
            "</tr>",
        ]
        for outcome in outcomes:
            row = province_row(outcome, [])
            report = Path(outcome.folder) / "report.html"
            link = (
                f"<a href='{html.escape(report.as_uri())}'>{html.escape(report.name)}</a>"
                if outcome.status == "done" and report.is_file()
                else ""
            )
            state = words.status(outcome.status)
            if outcome.message:
                state = f"{state}: {outcome.message}"
            cells = (
                html.escape(f"{outcome.name} ({outcome.mine_id})"),
                html.escape(state),
                _number(row["damaged_hm2"], 4),
                _number(row["reclaimed_hm2"], 4),
                _number(row["rate_pct"], 2),
                _number(row["cultivated_change_hm2"], 4),
                str(len(outcome.warnings)),
                "" if outcome.findings is None else str(outcome.findings),
                link,
            )
            lines.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        cells = (
            html.escape(words.total()),
            "",
            _number(total["damaged_hm2"], 4),
            _number(total["reclaimed_hm2"], 4),
            _number(total["rate_pct"], 2),
            _number(total["cultivated_change_hm2"], 4),
            "",
            "",
            "",
        )
        lines.append("<tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr>")
        lines += ["</table>", "</body></html>"]
        return "\n".join(lines) + "\n"


def _number(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"
