//! The search over the whole library (`s`): the query being typed, what is wrong with
//! it or how much matches, and the matching sentences with the query's words marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::overlay::frame;
use super::{ellipsize, put};
use crate::tui::app::App;
use crate::tui::find::Find;

/// What the empty search shows: the language in one breath.
const HINT: &str = "words \"a phrase\" entity: tag: source: kind:quote sources>=3 \
                    since:2026-03-01 until: date: has:note unread OR NOT -word";

/// Draws the search box over the screen.
pub fn render(app: &App, find: &Find, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).clamp(20, 120);
    let height = usize::from(area.height.saturating_sub(4)).max(3);
    let title = " Find in every article · ↑↓ choose · Enter opens · Esc closes ";
    let inner = frame(app, area, width, height, title, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let (x, w) = (inner.x, inner.width);
    let input = gloss::text::sanitize_line(&find.input);
    put(buf, x, inner.y, &format!("› {input}▏"), w, app.styles.text);
    if inner.height < 2 {
        return;
    }
    let y = inner.y + 1;
    let found = match &find.result {
        Err(err) => return error(app, find, err, inner, buf),
        Ok(found) => found,
    };
    let summary = summary(find, found);
    put(
        buf,
        x,
        y,
        &ellipsize(&summary, usize::from(w)),
        w,
        app.styles.muted,
    );
    let rows = usize::from(inner.height.saturating_sub(2));
    let visible = rows / 2;
    if visible == 0 {
        return;
    }
    let first = find.selected.saturating_sub(visible - 1);
    for (row, (i, hit)) in found
        .hits
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .enumerate()
    {
        let Some(entry) = app.entries.get(hit.article) else {
            continue;
        };
        let y = inner.y + 2 + u16::try_from(row * 2).unwrap_or(0);
        let selected = i == find.selected;
        let base = if selected {
            app.styles.selection
        } else {
            Style::default()
        };
        buf.set_style(Rect::new(x, y, w, 2.min(inner.y + inner.height - y)), base);
        let meta = &entry.article.meta;
        let head = format!(
            "{} · {} · {}",
            meta.source.as_deref().unwrap_or("(no source)"),
            meta.date.as_deref().unwrap_or("undated"),
            meta.title
        );
        let head = gloss::text::sanitize_line(&head);
        put(
            buf,
            x,
            y,
            &ellipsize(&head, usize::from(w)),
            w,
            base.patch(app.styles.muted),
        );
        let (text, range) = match &hit.sentence {
            Some(range) => (entry.article.body.as_str(), range.clone()),
            None => (meta.title.as_str(), 0..meta.title.len()),
        };
        sentence(
            app,
            text,
            range,
            &hit.marks,
            (x + 2, y + 1),
            w.saturating_sub(2),
            base,
            buf,
        );
    }
}

/// What is wrong with the query, with the offending part underlined under the input.
fn error(app: &App, find: &Find, err: &gloss::search::QueryError, inner: Rect, buf: &mut Buffer) {
    let (x, y, w) = (inner.x, inner.y + 1, inner.width);
    let message = gloss::text::sanitize_line(&err.message);
    put(
        buf,
        x,
        y,
        &ellipsize(&message, usize::from(w)),
        w,
        app.styles.status_error,
    );
    let before = find.input.get(..err.span.start).unwrap_or("");
    let part = find.input.get(err.span.clone()).unwrap_or("");
    let pad = 2 + gloss::text::sanitize_line(before).chars().count();
    let len = gloss::text::sanitize_line(part).chars().count().max(1);
    if inner.height > 2 {
        let caret = format!("{}{}", " ".repeat(pad), "^".repeat(len));
        put(buf, x, y + 1, &caret, w, app.styles.status_error);
    }
}

/// The line under the input: the language in brief, or how much matches.
fn summary(find: &Find, found: &gloss::search::Found) -> String {
    if find.input.trim().is_empty() {
        return HINT.to_owned();
    }
    if found.sentences == 0 {
        return "nothing matches".to_owned();
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let listed = if found.hits.len() < found.sentences {
        format!(" (the first {} listed)", found.hits.len())
    } else {
        String::new()
    };
    format!(
        "{} sentence{} in {} article{}{listed}",
        found.sentences,
        plural(found.sentences),
        found.articles,
        plural(found.articles),
    )
}

/// Writes a sentence on one line, its marked words in the search-match style, cut at
/// the width with an ellipsis.
#[allow(clippy::too_many_arguments)]
fn sentence(
    app: &App,
    text: &str,
    range: std::ops::Range<usize>,
    marks: &[std::ops::Range<usize>],
    (x, y): (u16, u16),
    width: u16,
    base: Style,
    buf: &mut Buffer,
) {
    let end_x = x + width;
    let mut at = range.start;
    let mut cx = x;
    let mut pieces: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
    for mark in marks
        .iter()
        .filter(|m| m.start >= range.start && m.end <= range.end)
    {
        if mark.start > at {
            pieces.push((at..mark.start, false));
        }
        pieces.push((mark.clone(), true));
        at = mark.end;
    }
    if at < range.end {
        pieces.push((at..range.end, false));
    }
    for (piece, marked) in pieces {
        let Some(part) = text.get(piece) else {
            continue;
        };
        let part = gloss::text::sanitize_line(part);
        let style = if marked {
            base.patch(app.styles.search_match)
        } else {
            base
        };
        if cx >= end_x {
            break;
        }
        cx = put(buf, cx, y, &part, end_x - cx, style);
    }
    if cx >= end_x && width > 0 {
        put(buf, end_x - 1, y, "…", 1, base);
    }
}
