"""Named entities over time: for each kind, the entities named most often, their mentions year by year.

One panel per kind (person, place, organisation, office), a row per entity (the ``top_n`` with the most
mentions in all, most first), a column per year that has documents; a cell's shade is the entity's mentions
that year, white where it is not named.  The table drawn is :func:`helpers.textstat.entities.entity_counts`
by year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

from ..validate import check_columns, check_int
from .base import finish_panels, new_figure, with_fonts

__all__ = ["KIND_NAMES", "entities_over_years", "top_entities"]

KIND_NAMES = {"person": "人物 people", "place": "地点 places", "organisation": "机构 organisations",
              "office": "职务 offices"}


def top_entities(counts: pd.DataFrame, *, top_n: int = 12) -> pd.DataFrame:
    """The ``top_n`` entities of each kind by mentions in all years: ``kind, entity, n_mentions, rank``."""
    check_columns("counts", counts, ["entity", "kind", "n_mentions"])
    check_int("top_n", top_n, min_value=1)
    total = counts.groupby(["kind", "entity"], as_index=False)["n_mentions"].sum()
    total = total.sort_values(["kind", "n_mentions", "entity"], ascending=[True, False, True], kind="stable")
    total["rank"] = total.groupby("kind").cumcount() + 1
    return total[total["rank"] <= top_n].reset_index(drop=True)


@with_fonts
def entities_over_years(counts: pd.DataFrame, *, top_n: int = 12, title: str = "") -> Figure:
    """Heat maps of the ``top_n`` entities of each kind by year (``counts``: :func:`entity_counts` by year)."""
    check_columns("counts", counts, ["entity", "kind", "year", "n_mentions"])
    top = top_entities(counts, top_n=top_n)
    kinds = [k for k in KIND_NAMES if k in set(top["kind"])]
    years = sorted(int(y) for y in counts["year"].dropna().unique())
    rows = max([len(top[top["kind"] == k]) for k in kinds] + [1])
    fig = new_figure(12, 1.2 + 0.62 * rows * max(1, (len(kinds) + 1) // 2) * 0.42 + 1.0)
    axes = np.atleast_1d(fig.subplots(max(1, (len(kinds) + 1) // 2), 2, squeeze=False)).ravel()
    if not kinds:
        axes[0].text(0.5, 0.5, "没有实体 no entities found", ha="center", va="center", transform=axes[0].transAxes)
        axes[0].set_axis_off()
        return finish_panels(fig, axes, 1, title=title)
    peak = float(counts["n_mentions"].max())
    image = None
    for ax, kind in zip(axes, kinds, strict=False):
        names = list(top.loc[top["kind"] == kind, "entity"])
        part = counts[(counts["kind"] == kind) & counts["entity"].isin(names)].dropna(subset=["year"])
        grid = part.pivot_table(index="entity", columns="year", values="n_mentions", aggfunc="sum")
        grid = grid.reindex(index=names, columns=years)
        image = ax.imshow(np.ma.masked_invalid(grid.to_numpy(dtype=float)), aspect="auto", cmap="viridis_r",
                          norm=LogNorm(vmin=1, vmax=max(peak, 2)), interpolation="nearest")
        ax.set_yticks(range(len(names)), names, fontsize=9)
        step = max(1, len(years) // 8)
        ax.set_xticks(range(0, len(years), step), [str(y) for y in years[::step]], fontsize=8)
        ax.set_title(KIND_NAMES[kind], fontsize=11, loc="left")
        ax.set_xlabel("年份 year (only years with documents)", fontsize=8)
        for spine in ax.spines.values():
            spine.set_visible(False)
    if image is not None:
        fig.colorbar(image, ax=list(axes[:len(kinds)]), shrink=0.6, label="提及次数 mentions (log scale)")
    return finish_panels(fig, axes, len(kinds), title=title or "命名实体 Named entities over the years")
