"""How a figure looks: one frozen ChartStyle per figure (language, presentation mode, region colours,
the source line) and every size derived from presentation mode in one place.

Presentation mode is for a projector: everything larger, so "20 if present else 13" is written once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from dashboard.citation import short_citation

FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
TEXT_COLOR = "#222222"
SUBTITLE_COLOR = "#555555"
SOURCE_COLOR = "#666666"
NOTE_COLOR = "#777777"
GRID_COLOR = "#EEEEEE"
AXIS_LINE_COLOR = "#999999"
MISSING_COLOR = "#888888"  # a region the colour map does not know


@dataclass(frozen=True)
class ChartStyle:
    """What every figure of one view shares.

    source: the source line under the figure (a short citation of the plans shown, see
    `with_documents`); context: further lines an exported image must carry (population
    denominators, a user's override), added by the builders that know them."""

    lang: str = "zh"
    present: bool = False
    colors: Mapping[str, str] = field(default_factory=dict, hash=False)
    source: str = ""
    context: tuple[str, ...] = ()

    def with_documents(self, documents: Iterable[Mapping]) -> ChartStyle:
        """This style citing `documents` (rows of queries.documents_meta()) in its source line."""
        return replace(self, source=short_citation(documents, self.lang))

    def scaled(self, normal: float, presented: float):
        """`presented` in presentation mode, else `normal` (a size with no rule behind it)."""
        return presented if self.present else normal

    def color(self, region_id: str) -> str:
        return self.colors.get(region_id, MISSING_COLOR)

    @property
    def base(self) -> int:
        """Body text size in px; every other size follows from it."""
        return 20 if self.present else 13

    @property
    def title_size(self) -> int:
        return self.base + 6

    @property
    def subtitle_size(self) -> int:
        return self.base - 1

    @property
    def small_size(self) -> int:
        """Source line and the grey notes under bars."""
        return self.base - 2

    @property
    def panel_title_size(self) -> int:
        return self.base + (4 if self.present else 1)

    @property
    def subtitle_width(self) -> int:
        """Display columns (a CJK character is 2) of one line of the unit line under the title."""
        return 110 if self.present else 100

    @property
    def source_width(self) -> int:
        """Display columns of one line of the source and context lines."""
        return 130 if self.present else 150
