//! The annotation prompts (tags with completions, a note, the tag filter) and the list
//! of the open article's annotations.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::overlay::frame;
use super::{ellipsize, put};
use crate::tui::annotate::{Placed, Prompt};
use crate::tui::app::App;

/// One line describing an annotation: its tags, note and quoted text.
pub fn describe(p: &Placed) -> String {
    let a = &p.annotation;
    let mut parts = Vec::new();
    if !a.tags.is_empty() {
        parts.push(
            a.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    if let Some(note) = &a.note {
        parts.push(format!("“{}”", note.lines().next().unwrap_or("")));
    }
    let quote: String = a
        .anchor
        .exact
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    parts.push(format!("on “{quote}”"));
    if p.range.is_none() {
        parts.push("(orphan: its passage is gone from the text)".to_owned());
    }
    // A store file may have been edited by hand: nothing in it reaches the terminal
    // as a control sequence.
    gloss::text::sanitize_line(&parts.join("  "))
}

/// Draws the list of the open article's annotations.
pub fn render_list(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let title = format!(" Annotations · {} · Enter goes there ", app.placed.len());
    let inner = frame(app, area, 100, app.placed.len().max(1), &title, buf);
    if inner.height == 0 {
        return;
    }
    let visible = usize::from(inner.height);
    let skip = selected.saturating_sub(visible.saturating_sub(1));
    for (row, (i, p)) in app
        .placed
        .iter()
        .enumerate()
        .skip(skip)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        let base = if i == selected {
            app.styles.selection
        } else if p.range.is_none() {
            app.styles.muted
        } else {
            Style::default()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        put(
            buf,
            inner.x,
            y,
            &ellipsize(&describe(p), usize::from(inner.width)),
            inner.width,
            base,
        );
    }
}

/// Draws the open prompt as a box over the bottom of the article.
pub fn render_prompt(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let (title, lines): (&str, Vec<(String, Style)>) = match prompt {
        Prompt::Find(find) => return super::find::render(app, find, area, buf),
        Prompt::Tags { input, choice, .. } => {
            let mut lines = vec![(format!("{input}▏"), Style::default())];
            for (i, c) in app.completions(input).iter().enumerate() {
                let style = if i == *choice {
                    app.styles.selection
                } else {
                    app.styles.muted
                };
                lines.push((format!("  {c}"), style));
            }
            (
                " Tags · commas between tags · Tab completes · Enter applies · Esc cancels ",
                lines,
            )
        }
        Prompt::Note { text, .. } => {
            let mut lines: Vec<(String, Style)> = text
                .split('\n')
                .map(|l| (gloss::text::sanitize_line(l), Style::default()))
                .collect();
            if let Some(last) = lines.last_mut() {
                last.0.push('▏');
            }
            (
                " Note · Enter saves · Alt-Enter new line · empty removes · Esc cancels ",
                lines,
            )
        }
        Prompt::Filter { input } => (
            " Show articles matching (tag:x, source:\"…\", words, since:7d…) · Enter applies · empty shows all ",
            vec![(format!("{input}▏"), Style::default())],
        ),
        Prompt::Export { format, scope } => {
            use crate::tui::export::{format_name, FORMATS, SCOPES};
            let pick = |names: Vec<&str>, chosen: usize| -> String {
                names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        if i == chosen {
                            format!("[{n}]")
                        } else {
                            (*n).to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
            };
            (
                " Export · Tab format · ↑↓ scope · Enter writes to the data folder · Esc cancels ",
                vec![
                    (
                        format!(
                            "format  {}",
                            pick(FORMATS.iter().map(|f| format_name(*f)).collect(), *format)
                        ),
                        Style::default(),
                    ),
                    (
                        format!("scope   {}", pick(SCOPES.to_vec(), *scope)),
                        Style::default(),
                    ),
                ],
            )
        }
    };
    let inner = frame(app, area, 80, lines.len(), title, buf);
    // Long notes show their last lines, where the typing is.
    let skip = lines.len().saturating_sub(usize::from(inner.height));
    for (row, (text, style)) in lines.iter().skip(skip).enumerate() {
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        if y >= inner.y + inner.height {
            break;
        }
        let shown = tail(text, usize::from(inner.width));
        put(buf, inner.x, y, &shown, inner.width, *style);
    }
}

/// The end of a line that fits `width` columns, so the typing point stays visible.
fn tail(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out.iter().rev().collect()
}
