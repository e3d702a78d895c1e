//! The side panel: the article's entities by kind with mention counts, then its claims.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use gloss::analysis::{Claim, ClaimKind, Entity};

use super::{accent, ellipsize, pane_block, put};
use crate::tui::app::{App, Pane, PanelRow};

/// Returns the one-line summary of a claim for the panel.
pub fn claim_summary(claim: &Claim) -> String {
    let body = match (&claim.kind, &claim.quote) {
        (ClaimKind::Quote, Some(q)) => format!("“{}”", q.trim().trim_end_matches([',', '.'])),
        _ => claim.text.clone(),
    };
    match &claim.speaker {
        Some(s) => format!("{body} — {s}"),
        None => body,
    }
}

fn kind_label(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Quote => " ",
        ClaimKind::Figure => "#",
        ClaimKind::Statement => "»",
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let block = pane_block(app, Pane::Panel, " Entities · Claims ");
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(entry) = app.current_entry() else {
        return;
    };
    if app.panel_rows.is_empty() && inner.height > 0 {
        let text = "nothing found in this article";
        put(buf, inner.x, inner.y, text, inner.width, app.styles.muted);
        return;
    }
    let rows = app.panel_rows.iter().skip(app.panel.offset);
    for (n, row) in rows.take(usize::from(inner.height)).enumerate() {
        let line = Rect::new(
            inner.x,
            inner.y + u16::try_from(n).unwrap_or(0),
            inner.width,
            1,
        );
        let selected = app.panel.offset + n == app.panel.selected;
        let base = match (selected, app.focus == Pane::Panel) {
            (true, true) => app.styles.selection,
            (true, false) => app.styles.selection_unfocused,
            (false, _) => app.styles.text,
        };
        match *row {
            PanelRow::Heading(kind) => {
                let label = match kind {
                    Some(k) => format!("{k:?}").to_uppercase(),
                    None => format!("CLAIMS {}", entry.analysis.claims.len()),
                };
                let style = app.styles.muted.patch(app.styles.title);
                put(buf, line.x, line.y, &label, line.width, style);
            }
            PanelRow::Entity(e) => entity_row(
                app,
                (&entry.analysis.entities[e], app.elsewhere.get(e).copied()),
                (base, selected),
                line,
                buf,
            ),
            PanelRow::Claim(c) => {
                let cluster = app.current.and_then(|a| app.links.cluster_of(a, c));
                let tags = app.current.map_or_else(Vec::new, |a| app.claim_tags(a, c));
                claim_row(
                    app,
                    &entry.analysis.claims[c],
                    (cluster, &tags),
                    (base, selected),
                    line,
                    buf,
                );
            }
        }
    }
}

/// Draws "KIND name … count" on one line, the count followed by "↗N" when N other
/// articles mention the entity.
fn entity_row(
    app: &App,
    (entity, elsewhere): (&Entity, Option<usize>),
    (base, selected): (Style, bool),
    line: Rect,
    buf: &mut Buffer,
) {
    buf.set_style(line, base);
    let width = usize::from(line.width);
    let count = match elsewhere {
        Some(n) if n > 0 => format!("{} ↗{n}", entity.mentions.len()),
        _ => entity.mentions.len().to_string(),
    };
    let label = format!("{:<4} ", entity.kind.label());
    let muted = accent(base, app.styles.muted, selected);
    let x = put(buf, line.x, line.y, &label, line.width, muted);
    let name = ellipsize(
        &entity.name,
        width.saturating_sub(label.width() + count.width() + 1),
    );
    let style = accent(base, app.styles.entity(entity.kind), selected);
    put(buf, x, line.y, &name, line.width.saturating_sub(5), style);
    if width > count.width() + label.width() + 2 {
        let cx = line.x + line.width - u16::try_from(count.width()).unwrap_or(0);
        put(buf, cx, line.y, &count, line.width, muted);
    }
}

/// Draws a claim's kind mark and summary on one line.
fn claim_row(
    app: &App,
    claim: &Claim,
    (cluster, tags): (Option<&gloss::links::Cluster>, &[String]),
    (base, selected): (Style, bool),
    line: Rect,
    buf: &mut Buffer,
) {
    buf.set_style(line, base);
    let muted = accent(base, app.styles.muted, selected);
    // The reader's tags (from any source), how many sources carry it, and a mark
    // where they disagree: "#disputed ×4 ⚠".
    let mut tail: String = tags.iter().flat_map(|t| [" #", t.as_str()]).collect();
    if let Some(c) = cluster {
        tail.push_str(" ×");
        tail.push_str(&c.sources().to_string());
        if c.disagreement.is_some() {
            tail.push_str(" ⚠");
        }
    }
    let tail_width = u16::try_from(tail.width()).unwrap_or(0);
    let x = put(
        buf,
        line.x,
        line.y,
        kind_label(claim.kind),
        line.width,
        muted,
    );
    let x = put(buf, x, line.y, " ", line.width.saturating_sub(1), base);
    let room = line.width.saturating_sub(2 + tail_width);
    let text = ellipsize(&claim_summary(claim), usize::from(room));
    put(buf, x, line.y, &text, room, base);
    if !tail.is_empty() && line.width > tail_width + 6 {
        let style = if cluster.is_some_and(|c| c.disagreement.is_some()) {
            accent(base, app.styles.status_error, selected)
        } else {
            muted
        };
        put(
            buf,
            line.x + line.width - tail_width,
            line.y,
            &tail,
            tail_width,
            style,
        );
    }
}
