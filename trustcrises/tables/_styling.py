"""The look every comparison table shares: fonts, sizes, rules, column widths and spanners."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import _labels as L

if TYPE_CHECKING:
    import great_tables as gt

#: The width of each column of ``compare()`` and ``timeline()``.
WIDTHS = {"company": "96px", "title": "200px", "year": "52px", "cause_category": "104px",
          "trigger": "210px",
          "pressure_source": "100px", "responses": "170px", "days_to_first_response": "76px",
          "days_to_decisive_response": "76px", "response_timing": "96px", "outcome": "230px",
          "decision_outcome": "86px",
          "date": "104px", "event_type": "76px", "strategy": "104px", "decisive": "58px",
          "actor": "130px", "description": "250px", "source": "150px", "quote": "190px"}


def styled(table: gt.GT, lang: str) -> gt.GT:
    """``table`` in the house look, with the font stack of ``lang``.

    Body cells are aligned by one CSS rule for the table's id rather than a style on every
    cell: great-tables matches each cell against every cell style, so per-cell styles make
    rendering quadratic in the number of rows.
    """
    from great_tables import loc, style

    table_id = table._options.table_id.value
    return (
        table.opt_table_font(font=L.FONTS[lang], add=False)
        .opt_css(f"#{table_id} .gt_row {{ vertical-align: top; line-height: 1.4; }}")
        .opt_align_table_header(align="left")
        .tab_options(
            table_font_size="13px", table_font_color="#1a1a1a",
            heading_title_font_size="17px", heading_title_font_weight="bold",
            heading_subtitle_font_size="13px", heading_padding="4px",
            heading_border_bottom_color="#1a1a1a", heading_border_bottom_width="1px",
            table_border_top_color="#1a1a1a", table_border_top_width="2px",
            table_border_bottom_color="#1a1a1a", table_border_bottom_width="2px",
            column_labels_font_weight="bold", column_labels_font_size="12px",
            column_labels_border_top_color="#1a1a1a", column_labels_border_top_width="1px",
            column_labels_border_bottom_color="#1a1a1a",
            column_labels_border_bottom_width="1px",
            table_body_hlines_color="#d9d9d9", table_body_border_bottom_color="#1a1a1a",
            data_row_padding="5px", source_notes_font_size="11px",
            source_notes_padding="3px",
        )
        .tab_style(style=style.css("vertical-align: bottom;"), locations=loc.column_labels())
        .tab_style(style=style.text(weight="bold"), locations=loc.title())
    )


def with_spanners(table: gt.GT, lang: str, fields: list[str], groups: dict[str, str]) -> gt.GT:
    """``table`` with each run of neighbouring ``fields`` that share a group under the
    spanner of that group (a group split by the chosen order gets one spanner per run)."""
    runs: list[tuple[str, list[str]]] = []
    for name in fields:
        if runs and runs[-1][0] == groups[name]:
            runs[-1][1].append(name)
        else:
            runs.append((groups[name], [name]))
    seen: dict[str, int] = {}
    for group, members in runs:
        seen[group] = seen.get(group, 0) + 1
        suffix = "" if seen[group] == 1 else f"-{seen[group]}"
        table = table.tab_spanner(label=L.text(lang, f"spanner.{group}"), columns=members,
                                  id=f"spanner-{group}{suffix}")
    return table
