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
    def chart_px(self) -> int:
        """The width a full-width chart gets in a page 1280 px wide: the sidebar and the page's
        margins off (820 px), in presentation mode no sidebar (1180 px); a little kept in hand."""
        return 1160 if self.present else 800

    def plot_px(self, left: int, right: int) -> int:
        """The plot area's width in a full-width chart with these margins."""
        return self.chart_px - left - right

    def columns_for(self, size: int, px: int | None = None) -> int:
        """Display columns of text at `size` px that fit `px` (default: the chart's width): a Latin
        letter is about 0.6 of the font size, a CJK character (two columns) one font size; 0.62
        keeps capitals and digits from running past the edge."""
        return int((px or self.chart_px) / (size * 0.62))

    @property
    def subtitle_width(self) -> int:
        """Display columns (a CJK character is 2) of one line of the unit line under the title."""
        return min(100, self.columns_for(self.subtitle_size))

    @property
    def source_width(self) -> int:
        """Display columns of one line of the source and context lines: they must fit the figure
        (and so its exported image) at any width a page gives it, never run off its right edge."""
        return self.columns_for(self.small_size)
