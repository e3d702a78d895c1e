//! The source list: outlets that fold open to their articles.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::{accent, ellipsize, pane_block, put};
use crate::tui::app::{App, Pane, SourceRow};

/// Draws an article's title, and a pencil when the reader has annotated it.
#[allow(clippy::too_many_arguments)]
fn title_with_mark(
    app: &App,
    entry: &crate::tui::app::ArticleEntry,
    (x, y, width): (u16, u16, usize),
    inner: Rect,
    base: ratatui::style::Style,
    selected: bool,
    buf: &mut Buffer,
) {
    let annotated = app.store.has_annotations(&entry.article.id);
    let room = width.saturating_sub(if annotated { 6 } else { 4 });
    let title = ellipsize(&entry.article.meta.title, room);
    let x = put(buf, x, y, &title, inner.width.saturating_sub(4), base);
    if annotated {
        put(
            buf,
            x,
            y,
            " ✎",
            (inner.x + inner.width).saturating_sub(x),
            accent(base, app.styles.annotated, selected),
        );
    }
}

/// A saved query's row: its name, and how many articles it matches at the right.
fn saved_row(app: &App, q: usize, row: Rect, base: Style, selected: bool, buf: &mut Buffer) {
    let width = usize::from(row.width);
    let name = app.saved.get(q).map_or("", |s| s.name.as_str());
    let count = app.saved_counts.get(q).copied().unwrap_or(0).to_string();
    let name = ellipsize(
        &gloss::text::sanitize_line(name),
        width.saturating_sub(count.len() + 3),
    );
    let x = put(
        buf,
        row.x,
        row.y,
        "⌕ ",
        row.width,
        base.patch(app.styles.title),
    );
    put(buf, x, row.y, &name, row.width.saturating_sub(2), base);
    if width > count.len() + 4 {
        let cx = row.x + row.width - u16::try_from(count.width()).unwrap_or(0);
        let style = accent(base, app.styles.muted, selected);
        put(buf, cx, row.y, &count, row.width, style);
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let title = format!(" Sources {} ", app.library.articles.len());
    let block = pane_block(app, Pane::Sources, &title);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    for (n, row) in app
        .source_rows
        .iter()
        .skip(app.sources.offset)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + u16::try_from(n).unwrap_or(0);
        let index = app.sources.offset + n;
        let selected = index == app.sources.selected;
        let base = match (selected, app.focus == Pane::Sources) {
            (true, true) => app.styles.selection,
            (true, false) => app.styles.selection_unfocused,
            (false, _) => app.styles.text,
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        match *row {
            SourceRow::Saved(q) => {
                saved_row(
                    app,
                    q,
                    Rect::new(inner.x, y, inner.width, 1),
                    base,
                    selected,
                    buf,
                );
            }
            SourceRow::Source(si) => {
                let source = &app.library.sources[si];
                let fold = if app.folded.contains(&source.name) {
                    "▸ "
                } else {
                    "▾ "
                };
                let count = source.articles.len().to_string();
                let name_width = width.saturating_sub(count.len() + 3);
                let name = ellipsize(&source.name, name_width);
                let x = put(
                    buf,
                    inner.x,
                    y,
                    fold,
                    inner.width,
                    base.patch(app.styles.title),
                );
                put(
                    buf,
                    x,
                    y,
                    &name,
                    inner.width.saturating_sub(2),
                    base.patch(app.styles.title),
                );
                if width > count.len() + 4 {
                    let cx = inner.x + inner.width - u16::try_from(count.width()).unwrap_or(0);
                    put(
                        buf,
                        cx,
                        y,
                        &count,
                        inner.width,
                        accent(base, app.styles.muted, selected),
                    );
                }
            }
            SourceRow::Article(a) => {
                let entry = &app.entries[a];
                let open = app.current == Some(a);
                let marker = if open {
                    "▶ "
                } else if entry.read {
                    "○ "
                } else {
                    "● "
                };
                let x = put(buf, inner.x, y, "  ", inner.width, base);
                let marker_style = if entry.read {
                    accent(base, app.styles.muted, selected)
                } else {
                    accent(base, app.styles.unread, selected)
                };
                let x = put(
                    buf,
                    x,
                    y,
                    marker,
                    inner.width.saturating_sub(2),
                    marker_style,
                );
                title_with_mark(app, entry, (x, y, width), inner, base, selected, buf);
            }
        }
    }
}
