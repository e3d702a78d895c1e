//! Overlays: the help generated from the live keymap, and the load messages.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, put};
use crate::tui::app::{App, Overlay};
use crate::tui::wrap::wrap;

/// The contexts in the order help lists them, with their headings.
const CONTEXTS: &[(&str, &str)] = &[
    ("global", "Everywhere"),
    ("sources", "Source list"),
    ("article", "Article"),
    ("panel", "Entities and claims"),
    ("overlay", "Help and messages"),
    ("selection", "While selecting (v)"),
    ("prompt", "Search, tag and note prompts"),
];

/// One help line: a heading (no keys) or keys with a description.
pub type HelpLine = (Option<String>, String);

/// Returns the help text, generated from the live keymap: bindings of one action in
/// one context share a line.
pub fn help_lines(app: &App) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for (context, heading) in CONTEXTS {
        let bindings = app.keymap.bindings(context);
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push((None, String::new()));
        }
        out.push((None, (*heading).to_owned()));
        let mut done: Vec<String> = Vec::new();
        for b in bindings {
            let name = format!("{:?}", b.action);
            if done.contains(&name) {
                continue;
            }
            done.push(name.clone());
            let keys: Vec<String> = bindings
                .iter()
                .filter(|o| format!("{:?}", o.action) == name)
                .map(|o| o.keys.to_string())
                .collect();
            let desc = bindings
                .iter()
                .filter(|o| format!("{:?}", o.action) == name)
                .find_map(|o| o.desc.clone())
                .unwrap_or_else(|| name.clone());
            // A quick tag's line says which tag the key applies today.
            let desc = match name
                .strip_prefix("QuickTag")
                .and_then(|n| n.parse::<usize>().ok())
            {
                Some(n) => match app.quick_tags.get(n - 1) {
                    Some(tag) => format!("Apply quick tag {n}: {tag}"),
                    None => format!("Quick tag {n} (none set in [annotations] quick_tags)"),
                },
                None => desc,
            };
            out.push((Some(keys.join(", ")), desc));
        }
    }
    out
}

/// Clears a centred box of `width` columns around `height` rows, draws its border and
/// title, and returns the area inside.
pub(super) fn frame(
    app: &App,
    area: Rect,
    width: u16,
    height: usize,
    title: &str,
    buf: &mut Buffer,
) -> Rect {
    let rect = centred(area, width, u16::try_from(height + 2).unwrap_or(u16::MAX));
    Clear.render(rect, buf);
    let block = Block::bordered()
        .title(title)
        .border_style(app.styles.border_focused)
        .style(app.styles.text);
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

pub(super) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    // Leave the status line visible when there is room for it.
    let room = if area.height > 1 {
        area.height - 1
    } else {
        area.height
    };
    let h = height.min(room);
    Rect::new(area.x + (area.width - w) / 2, area.y + (room - h) / 2, w, h)
}

/// The widest an overlay gets.
const OVERLAY_WIDTH: u16 = 80;

/// The overlay's title and lines, wrapped to the width it will have on screen.
fn content(app: &App, overlay: Overlay) -> (&'static str, Vec<HelpLine>, usize) {
    let (title, lines) = match overlay {
        Overlay::Help { .. }
        | Overlay::Claim { .. }
        | Overlay::Board { .. }
        | Overlay::Mentions { .. }
        | Overlay::Annotations { .. }
        | Overlay::Links { .. } => (" Help — keys from your keymap ", help_lines(app)),
        Overlay::Messages { .. } => {
            let mut lines: Vec<HelpLine> = vec![(None, app.report.summary())];
            if app.report.notes.is_empty() {
                lines.push((None, "Every file loaded cleanly.".to_owned()));
            }
            lines.extend(app.report.notes.iter().map(|n| {
                let level = match n.level {
                    gloss::corpus::NoteLevel::Skipped => "skipped",
                    gloss::corpus::NoteLevel::Warning => "warning",
                };
                (Some(level.to_owned()), format!("{}: {}", n.path, n.message))
            }));
            (" Messages ", lines)
        }
    };
    let inner_width = usize::from(OVERLAY_WIDTH.min(app.size.0).saturating_sub(2));
    let key_width = lines
        .iter()
        .filter_map(|(k, _)| k.as_ref().map(|k| k.width()))
        .max()
        .unwrap_or(0)
        .min(inner_width / 2);
    let mut wrapped = Vec::new();
    for (key, text) in lines {
        let indent = if key.is_some() { key_width + 3 } else { 0 };
        let room = u16::try_from(inner_width.saturating_sub(indent).max(1)).unwrap_or(u16::MAX);
        for (n, piece) in wrap(&text, room).iter().enumerate() {
            let part = text[piece.byte_start..piece.byte_end].to_owned();
            let k = match (&key, n) {
                (Some(k), 0) => Some(k.clone()),
                (Some(_), _) => Some(String::new()),
                (None, _) => None,
            };
            wrapped.push((k, part));
        }
    }
    (title, wrapped, key_width)
}

/// Returns the text of the help overlay's last line (for tests of scrolling).
#[cfg(test)]
pub fn help_last_line(app: &App) -> String {
    content(app, Overlay::Help { scroll: 0 })
        .1
        .last()
        .map(|(_, t)| t.clone())
        .unwrap_or_default()
}

/// Returns how many lines an overlay has and how many of them fit on screen at the
/// current size, for scrolling.
pub fn overlay_metrics(app: &App, overlay: Overlay) -> (usize, usize) {
    let lines = content(app, overlay).1.len();
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let rect = centred(
        area,
        OVERLAY_WIDTH,
        u16::try_from(lines + 2).unwrap_or(u16::MAX),
    );
    (lines, usize::from(rect.height.saturating_sub(2)))
}

pub fn render(app: &App, overlay: Overlay, area: Rect, buf: &mut Buffer) {
    match overlay {
        Overlay::Claim { cluster, selected } => {
            return super::claims::render_claim(app, cluster, selected, area, buf)
        }
        Overlay::Board { selected } => {
            return super::claims::render_board(app, selected, area, buf)
        }
        Overlay::Mentions { entity, selected } => {
            return super::claims::render_mentions(app, entity, selected, area, buf)
        }
        Overlay::Annotations { selected } => {
            return super::notes::render_list(app, selected, area, buf)
        }
        Overlay::Links { selected } => {
            return super::claims::render_links(app, selected, area, buf)
        }
        Overlay::Help { .. } | Overlay::Messages { .. } => {}
    }
    let (title, lines, key_width) = content(app, overlay);
    let scroll = match overlay {
        Overlay::Help { scroll } | Overlay::Messages { scroll } => scroll,
        _ => 0,
    };
    let inner = frame(app, area, OVERLAY_WIDTH, lines.len(), title, buf);
    for (n, (keys, text)) in lines
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + u16::try_from(n).unwrap_or(0);
        match keys {
            Some(keys) => {
                let k = ellipsize(keys, key_width);
                put(
                    buf,
                    inner.x + 1,
                    y,
                    &k,
                    inner.width.saturating_sub(1),
                    app.styles.help_key,
                );
                let x = inner.x + 1 + u16::try_from(key_width + 2).unwrap_or(0);
                if x < inner.x + inner.width {
                    put(buf, x, y, text, inner.x + inner.width - x, Style::default());
                }
            }
            None => {
                put(buf, inner.x, y, text, inner.width, app.styles.title);
            }
        }
    }
}
