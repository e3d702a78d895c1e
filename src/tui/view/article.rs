//! The article pane: headline, byline and the wrapped text with its marks.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::{ellipsize, pane_block, put};
use crate::tui::app::{App, ArticleEntry, Mark, MarkKind, Pane, PanelRow};
use crate::tui::layout::Layout;
use crate::tui::wrap::WrappedLine;

pub fn render(app: &App, l: &Layout, buf: &mut Buffer) {
    let title = app.current_entry().map_or_else(
        || " Article ".to_owned(),
        |e| format!(" {} ", e.article.display_name()),
    );
    let block = pane_block(app, Pane::Article, &title);
    block.render(l.article, buf);
    let Some(entry) = app.current_entry() else {
        let lines: &[&str] = if app.loading {
            &["Loading articles…"]
        } else if app.refreshing.is_some() {
            &["Fetching feeds…"]
        } else if !app.feeds.is_empty() {
            &[
                "No articles are open.",
                "",
                "Your feeds have not been fetched yet:",
                "press R to fetch them all (r fetches the selected one).",
                "What is fetched is kept, so gloss works offline after.",
            ]
        } else {
            &[
                "No articles are open.",
                "",
                "Open files or folders with:",
                "  gloss open PATH…",
                "or list sources in config.toml.",
            ]
        };
        let r = l.article_text;
        for (n, line) in lines.iter().take(usize::from(r.height)).enumerate() {
            let y = r.y + u16::try_from(n).unwrap_or(0);
            put(buf, r.x, y, line, r.width, app.styles.muted);
        }
        return;
    };
    header(app, entry, l, buf);
    let area = l.article_text;
    let focus = focus_range(app, entry);
    for (n, line) in app
        .lines()
        .iter()
        .skip(app.scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + u16::try_from(n).unwrap_or(0);
        let is_cursor = app.scroll + n == app.cursor;
        let base = if is_cursor && app.focus == Pane::Article {
            app.styles.text.patch(app.styles.cursor_line)
        } else {
            app.styles.text
        };
        if is_cursor && app.focus == Pane::Article {
            buf.set_style(ratatui::layout::Rect::new(area.x, y, area.width, 1), base);
        }
        draw_line(
            app,
            entry,
            *line,
            &focus,
            base,
            (area.x, y, area.width),
            buf,
        );
    }
}

fn header(app: &App, entry: &ArticleEntry, l: &Layout, buf: &mut Buffer) {
    let r = l.article_header;
    if r.height == 0 {
        return;
    }
    let meta = &entry.article.meta;
    let title = ellipsize(&meta.title, usize::from(r.width));
    put(buf, r.x, r.y, &title, r.width, app.styles.title);
    if r.height >= 2 {
        let parts: Vec<&str> = [
            meta.source.as_deref(),
            meta.date.as_deref(),
            meta.author.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let byline = ellipsize(&parts.join(" · "), usize::from(r.width));
        put(buf, r.x, r.y + 1, &byline, r.width, app.styles.muted);
    }
}

/// The character ranges to emphasise for the side panel's selection.
fn focus_range(app: &App, entry: &ArticleEntry) -> Vec<(usize, usize)> {
    match app.panel_rows.get(app.panel.selected) {
        Some(&PanelRow::Entity(e)) => entry.analysis.entities[e]
            .mentions
            .iter()
            .map(|m| (m.start, m.end))
            .collect(),
        Some(&PanelRow::Claim(c)) => {
            let claim = &entry.analysis.claims[c];
            vec![(claim.start, claim.end)]
        }
        _ => Vec::new(),
    }
}

/// The reader's own layers on a line: annotations in their tag's colour (the first tag
/// that has one), the selection, and the cursor's character.
fn reader_layers(app: &App, line: WrappedLine) -> Vec<(usize, usize, Style)> {
    let mut layers = Vec::new();
    for p in &app.placed {
        if let Some((a, b)) = p.range {
            if a < line.char_end && b > line.char_start {
                let style = p
                    .annotation
                    .tags
                    .iter()
                    .find_map(|t| app.tag_styles.get(t))
                    .copied()
                    .unwrap_or(app.styles.annotation);
                layers.push((a, b, style));
            }
        }
    }
    if let Some((a, b)) = app.selection_range() {
        layers.push((a, b, app.styles.marked));
    }
    if app.focus == Pane::Article && app.prompt.is_none() {
        layers.push((app.point, app.point + 1, app.styles.point));
    }
    layers
}

/// The marks of a sorted, mostly disjoint list that touch `line`.
fn touching(marks: &[Mark], line: WrappedLine) -> impl Iterator<Item = (usize, usize)> + '_ {
    let first = marks.partition_point(|m| m.end <= line.char_start);
    let (start, end) = (line.char_start, line.char_end);
    marks[first..]
        .iter()
        .take_while(move |m| m.start < end)
        .filter(move |m| m.end > start)
        .map(|m| (m.start, m.end))
}

/// Draws one wrapped line, styling each stretch by its strongest mark: claim, then
/// entity, then the panel's selection, then search matches.
#[allow(clippy::too_many_arguments)]
fn draw_line(
    app: &App,
    entry: &ArticleEntry,
    line: WrappedLine,
    focus: &[(usize, usize)],
    base: Style,
    (left, row, width): (u16, u16, u16),
    buf: &mut Buffer,
) {
    let text = &entry.article.body[line.byte_start..line.byte_end];
    if text.is_empty() {
        return;
    }
    let styles = &app.styles;
    // Layers, weakest first.
    let mut layers: Vec<(usize, usize, Style)> = Vec::new();
    layers.extend(touching(&entry.claim_marks, line).map(|(a, b)| (a, b, styles.claim)));
    let first = entry
        .entity_marks
        .partition_point(|m| m.end <= line.char_start);
    for m in entry.entity_marks[first..]
        .iter()
        .take_while(|m| m.start < line.char_end)
    {
        if let MarkKind::Entity(kind) = m.kind {
            layers.push((m.start, m.end, styles.entity(kind)));
        }
    }
    layers.extend(reader_layers(app, line));
    let overlaps = |&&(a, b): &&(usize, usize)| a < line.char_end && b > line.char_start;
    layers.extend(
        focus
            .iter()
            .filter(overlaps)
            .map(|&(a, b)| (a, b, styles.focus_mark)),
    );
    let current = app
        .search
        .current
        .and_then(|i| app.search.matches.get(i))
        .copied();
    let first_match = app
        .search
        .matches
        .partition_point(|m| m.1 <= line.char_start);
    for &m in app.search.matches[first_match..]
        .iter()
        .take_while(|m| m.0 < line.char_end)
    {
        let style = if Some(m) == current {
            styles.search_current
        } else {
            styles.search_match
        };
        layers.push((m.0, m.1, style));
    }

    // A mark that starts or ends inside a grapheme (a letter and its combining
    // accent) widens to the whole grapheme, so no glyph is split between styles.
    let bounds = grapheme_bounds(text, line.char_start);
    if let Some(bounds) = &bounds {
        for layer in &mut layers {
            let floor = bounds.partition_point(|&g| g <= layer.0).saturating_sub(1);
            let ceil = bounds.partition_point(|&g| g < layer.1);
            layer.0 = layer.0.min(bounds[floor]);
            layer.1 = bounds
                .get(ceil)
                .copied()
                .unwrap_or(line.char_end)
                .max(layer.1);
        }
    }
    // Cut the line where any layer starts or ends, and style each piece.
    let mut cuts: Vec<usize> = vec![line.char_start, line.char_end];
    for &(a, b, _) in &layers {
        cuts.push(a.clamp(line.char_start, line.char_end));
        cuts.push(b.clamp(line.char_start, line.char_end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut cx = left;
    let right = left + width;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a == b || cx >= right {
            continue;
        }
        let mut style = base;
        for &(la, lb, ls) in &layers {
            if la <= a && lb >= b {
                style = style.patch(ls);
            }
        }
        let piece = &text[byte_at[a - line.char_start]..byte_at[b - line.char_start]];
        cx = put(buf, cx, row, piece, right - cx, style);
    }
}

/// Returns the character offsets where the graphemes of `text` start (and its end),
/// or `None` when every character is a grapheme of its own (the common case).
fn grapheme_bounds(text: &str, first_char: usize) -> Option<Vec<usize>> {
    use unicode_segmentation::UnicodeSegmentation;
    let chars = text.chars().count();
    if text.graphemes(true).count() == chars {
        return None;
    }
    let mut bounds = Vec::with_capacity(chars + 1);
    let mut at = first_char;
    for g in text.graphemes(true) {
        bounds.push(at);
        at += g.chars().count();
    }
    bounds.push(at);
    Some(bounds)
}
