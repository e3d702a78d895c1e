//! The claim view (every source of one claim), the claims board (every claim carried
//! by several sources, sources as columns) and the list of other articles that
//! mention an entity.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::overlay::frame;
use super::{ellipsize, put};
use crate::tui::app::App;

/// The first row to show so that `selected` stays in view.
fn first_row(selected: usize, rows_per_item: usize, visible: usize) -> usize {
    let fit = (visible / rows_per_item.max(1)).max(1);
    selected.saturating_sub(fit - 1)
}

fn outlet_and_date(app: &App, article: usize) -> String {
    let meta = &app.entries[article].article.meta;
    format!(
        "{} · {}",
        meta.source.as_deref().unwrap_or("(no source)"),
        meta.date.as_deref().unwrap_or("undated")
    )
}

/// Draws every source of one claim: outlet, date, the source's own sentence, and what
/// it says differently.
pub fn render_claim(app: &App, cluster: usize, selected: usize, area: Rect, buf: &mut Buffer) {
    let Some(c) = app.links.clusters.get(cluster) else {
        return;
    };
    let tags: String = app
        .cluster_tags(cluster)
        .iter()
        .flat_map(|t| ["#", t.as_str(), " · "])
        .collect();
    let title = format!(
        " Claim · {} sources · {tags}Enter opens · Esc closes ",
        c.sources()
    );
    let inner = frame(app, area, 110, c.members.len() * 3 + 2, &title, buf);
    if inner.height == 0 {
        return;
    }
    let w = inner.width;
    put(
        buf,
        inner.x,
        inner.y,
        &ellipsize(&c.label, usize::from(w)),
        w,
        app.styles.title,
    );
    if inner.height > 1 {
        let (text, style) = match &c.disagreement {
            Some(d) => (format!("⚠ sources differ — {d}"), app.styles.status_error),
            None => ("the sources agree".to_owned(), app.styles.muted),
        };
        put(
            buf,
            inner.x,
            inner.y + 1,
            &ellipsize(&text, usize::from(w)),
            w,
            style,
        );
    }
    let visible = usize::from(inner.height.saturating_sub(2));
    let skip = first_row(selected, 3, visible);
    let mut y = inner.y + 2;
    for (i, m) in c.members.iter().enumerate().skip(skip) {
        if y + 1 >= inner.y + inner.height {
            break;
        }
        let chosen = i == selected;
        let base = if chosen {
            app.styles.selection
        } else {
            Style::default()
        };
        buf.set_style(Rect::new(inner.x, y, w, 1), base);
        let marker = if chosen { "▸ " } else { "  " };
        let x = put(buf, inner.x, y, marker, w, base);
        let x = put(
            buf,
            x,
            y,
            &outlet_and_date(app, m.article),
            w.saturating_sub(2),
            base.patch(app.styles.title),
        );
        if let Some(d) = &m.differs {
            let x = put(buf, x, y, "  ", inner.x + w - x.min(inner.x + w), base);
            put(
                buf,
                x,
                y,
                &format!("⚠ {d}"),
                (inner.x + w).saturating_sub(x),
                base.patch(app.styles.search_current),
            );
        }
        let claim = &app.entries[m.article].analysis.claims[m.claim];
        let sentence = ellipsize(&claim.text, usize::from(w.saturating_sub(4)));
        put(
            buf,
            inner.x + 4,
            y + 1,
            &sentence,
            w.saturating_sub(4),
            app.styles.text,
        );
        y += 3;
    }
}

/// Draws every claim carried by several sources, most widely carried first, with the
/// sources as columns: ● carries it, ⚠ carries it differently.
pub fn render_board(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let mut sources: Vec<&str> = app
        .links
        .clusters
        .iter()
        .flat_map(|c| c.members.iter())
        .filter_map(|m| app.entries[m.article].article.meta.source.as_deref())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let title = format!(
        " Claims board · {} claims carried by several sources · Enter opens ",
        app.links.clusters.len()
    );
    let inner = frame(app, area, 130, app.links.clusters.len() + 2, &title, buf);
    if inner.height < 2 {
        return;
    }
    let col = 4u16;
    let grid = u16::try_from(sources.len())
        .unwrap_or(0)
        .saturating_mul(col);
    let label_width = inner.width.saturating_sub(grid + 4);
    // Header: a short tag per source; the full names are in the claim view.
    let mut x = inner.x + label_width + 4;
    for s in &sources {
        let tag: String = s
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(3)
            .collect();
        if x + col <= inner.x + inner.width {
            put(buf, x, inner.y, &tag, col, app.styles.help_key);
        }
        x += col;
    }
    put(
        buf,
        inner.x,
        inner.y,
        "claim",
        label_width,
        app.styles.title,
    );
    let visible = usize::from(inner.height - 1);
    let skip = first_row(selected, 1, visible);
    for (row, (i, c)) in app
        .links
        .clusters
        .iter()
        .enumerate()
        .skip(skip)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + 1 + u16::try_from(row).unwrap_or(0);
        let chosen = i == selected;
        let base = if chosen {
            app.styles.selection
        } else {
            Style::default()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        let count = format!("{:>2} ", c.sources());
        let x = put(
            buf,
            inner.x,
            y,
            &count,
            inner.width,
            base.patch(app.styles.muted),
        );
        let flag = if c.disagreement.is_some() { "⚠" } else { " " };
        let x = put(buf, x, y, flag, 1, base.patch(app.styles.status_error));
        put(
            buf,
            x,
            y,
            &ellipsize(&c.label, usize::from(label_width.saturating_sub(4))),
            label_width.saturating_sub(4),
            base,
        );
        let mut cx = inner.x + label_width + 4;
        for s in &sources {
            let member = c
                .members
                .iter()
                .find(|m| app.entries[m.article].article.meta.source.as_deref() == Some(s));
            let mark = match member {
                Some(m) if m.differs.is_some() => "⚠",
                Some(_) => "●",
                None => "·",
            };
            if cx + col <= inner.x + inner.width {
                put(buf, cx, y, mark, col, base);
            }
            cx += col;
        }
    }
}

/// Draws the other articles that mention an entity of the open article.
pub fn render_mentions(app: &App, entity: usize, selected: usize, area: Rect, buf: &mut Buffer) {
    let Some(current) = app.current else { return };
    let Some(e) = app.entries[current].analysis.entities.get(entity) else {
        return;
    };
    let rows = app.mentions_elsewhere(entity);
    let title = format!(" {} · {} other articles · Enter opens ", e.name, rows.len());
    let inner = frame(app, area, 100, rows.len().max(1), &title, buf);
    if inner.height == 0 {
        return;
    }
    if rows.is_empty() {
        put(
            buf,
            inner.x,
            inner.y,
            "no other article mentions it",
            inner.width,
            app.styles.muted,
        );
        return;
    }
    let visible = usize::from(inner.height);
    let skip = first_row(selected, 1, visible);
    for (row, (i, &article)) in rows.iter().enumerate().skip(skip).take(visible).enumerate() {
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        let base = if i == selected {
            app.styles.selection
        } else {
            Style::default()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        let head = format!("{}  ", outlet_and_date(app, article));
        let x = put(
            buf,
            inner.x,
            y,
            &head,
            inner.width,
            base.patch(app.styles.muted),
        );
        let left = (inner.x + inner.width).saturating_sub(x);
        let title = &app.entries[article].article.meta.title;
        put(buf, x, y, &ellipsize(title, usize::from(left)), left, base);
        let _ = head.width();
    }
}

/// The open article's numbered links; Enter opens the selected one.
pub fn render_links(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let links = app.article_links();
    let title = format!(
        " {} link{} · Enter opens in the browser ",
        links.len(),
        if links.len() == 1 { "" } else { "s" }
    );
    let inner = frame(app, area, 100, links.len().max(1), &title, buf);
    if inner.height == 0 {
        return;
    }
    let visible = usize::from(inner.height);
    let skip = first_row(selected, 1, visible);
    for (row, (i, (label, url))) in links
        .iter()
        .enumerate()
        .skip(skip)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        let base = if i == selected {
            app.styles.selection
        } else {
            Style::default()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        let head = format!("[{label}] ");
        let x = put(
            buf,
            inner.x,
            y,
            &head,
            inner.width,
            base.patch(app.styles.muted),
        );
        let left = (inner.x + inner.width).saturating_sub(x);
        put(buf, x, y, &ellipsize(url, usize::from(left)), left, base);
    }
}
