//! The side panel: the article's entities by kind with mention counts, then its claims.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use gloss::analysis::{Claim, ClaimKind};

use super::{ellipsize, pane_block, put};
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
        ClaimKind::Quote => "“",
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
        put(buf, inner.x, inner.y, "nothing found in this article", inner.width, app.styles.muted);
        return;
    }
    let width = usize::from(inner.width);
    for (n, row) in app
        .panel_rows
        .iter()
        .skip(app.panel.offset)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + u16::try_from(n).unwrap_or(0);
        let selected = app.panel.offset + n == app.panel.selected;
        let base = if selected {
            if app.focus == Pane::Panel { app.styles.selection } else { app.styles.selection_unfocused }
        } else {
            app.styles.text
        };
        match *row {
            PanelRow::Heading(kind) => {
                let label = match kind {
                    Some(k) => format!("{k:?}").to_uppercase(),
                    None => format!("CLAIMS {}", entry.analysis.claims.len()),
                };
                put(buf, inner.x, y, &label, inner.width, app.styles.muted.patch(app.styles.title));
            }
            PanelRow::Entity(e) => {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
                let entity = &entry.analysis.entities[e];
                let count = entity.mentions.len().to_string();
                let label = format!("{:<4} ", entity.kind.label());
                let x = put(buf, inner.x, y, &label, inner.width, base.patch(app.styles.muted));
                let name_width = width.saturating_sub(label.width() + count.len() + 1);
                let name = ellipsize(&entity.name, name_width);
                put(buf, x, y, &name, inner.width.saturating_sub(5), base.patch(app.styles.entity(entity.kind)));
                if width > count.len() + label.width() + 2 {
                    let cx = inner.x + inner.width - u16::try_from(count.len()).unwrap_or(0);
                    put(buf, cx, y, &count, inner.width, base.patch(app.styles.muted));
                }
            }
            PanelRow::Claim(c) => {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
                let claim = &entry.analysis.claims[c];
                let x = put(buf, inner.x, y, kind_label(claim.kind), inner.width, base.patch(app.styles.muted));
                let x = put(buf, x, y, " ", inner.width.saturating_sub(1), base);
                let text = ellipsize(&claim_summary(claim), width.saturating_sub(2));
                put(buf, x, y, &text, inner.width.saturating_sub(2), base);
            }
        }
    }
}
