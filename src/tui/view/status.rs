//! The status line: mode, article, position, messages, and key hints.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{ellipsize, put};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};

/// The mode badge: the open prompt or overlay, a selection, or the reader's state.
fn mode(app: &App) -> &'static str {
    if app.search.typing {
        " SEARCH "
    } else if let Some(p) = &app.prompt {
        match p {
            crate::tui::annotate::Prompt::Tags { .. } => " TAG ",
            crate::tui::annotate::Prompt::Note { .. } => " NOTE ",
            crate::tui::annotate::Prompt::Filter { .. } => " FILTER ",
            crate::tui::annotate::Prompt::Export { .. } => " EXPORT ",
            crate::tui::annotate::Prompt::Find(_) => " FIND ",
        }
    } else if app.mark.is_some() {
        " SELECT "
    } else {
        match app.overlay {
            Some(Overlay::Help { .. }) => " HELP ",
            Some(Overlay::Messages { .. }) => " MESSAGES ",
            Some(Overlay::Claim { .. }) => " CLAIM ",
            Some(Overlay::Board { .. }) => " BOARD ",
            Some(Overlay::Mentions { .. }) => " MENTIONS ",
            Some(Overlay::Annotations { .. }) => " ANNOTATIONS ",
            Some(Overlay::Links { .. }) => " LINKS ",
            None if app.refreshing.is_some() => " FETCHING ",
            None if app.loading => " LOADING ",
            None if !app.linked => " LINKING ",
            None => " NORMAL ",
        }
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    buf.set_style(area, app.styles.status);
    let mode = mode(app);
    let mut x = put(
        buf,
        area.x,
        area.y,
        mode,
        area.width,
        app.styles.status_mode,
    );
    let right_edge = area.x + area.width;
    let hints = hints(app);
    let hints = hints.as_str();
    let hints_fit = usize::from(area.width) > mode.width() + hints.width() + 10;

    let mut text = String::from(" ");
    if app.search.typing {
        text.push('/');
        text.push_str(&app.search.query);
        text.push('▏');
        let n = app.search.matches.len();
        if !app.search.query.is_empty() {
            let _ = write!(text, "  {}", match_count(app, n));
        }
    } else {
        if let Some(entry) = app.current_entry() {
            text.push_str(entry.article.display_name());
            let total = app.lines().len();
            let _ = write!(text, "  {}/{}", (app.cursor + 1).min(total), total);
        }
        if !app.search.matches.is_empty() {
            let _ = write!(
                text,
                "  /{} {}",
                app.search.query,
                match_count(app, app.search.matches.len())
            );
        }
        text.push_str(&annotation_status(app));
        if !app.pending.is_empty() {
            let keys: Vec<String> = app.pending.iter().map(ToString::to_string).collect();
            let _ = write!(text, "  {}…", keys.join(" "));
        }
    }
    let room =
        usize::from(right_edge - x).saturating_sub(if hints_fit { hints.width() } else { 0 });
    x = put(
        buf,
        x,
        area.y,
        &ellipsize(&text, room),
        right_edge - x,
        app.styles.status,
    );
    if let Some(message) = &app.message {
        let style = if app.skipped() > 0 {
            app.styles.status_error
        } else {
            app.styles.status
        };
        let room =
            usize::from(right_edge - x).saturating_sub(if hints_fit { hints.width() } else { 0 });
        if room > 4 {
            x = put(buf, x, area.y, "  ", right_edge - x, app.styles.status);
            put(
                buf,
                x,
                area.y,
                &ellipsize(message, room - 2),
                right_edge - x,
                app.styles.status.patch(style),
            );
        }
    }
    if hints_fit {
        let hx = right_edge - u16::try_from(hints.width()).unwrap_or(0);
        put(
            buf,
            hx,
            area.y,
            hints,
            right_edge - hx,
            app.styles.status.patch(app.styles.muted),
        );
    }
}

/// The tags and note under the article cursor, and the source list's tag filter.
fn annotation_status(app: &App) -> String {
    let mut text = String::new();
    if app.focus == crate::tui::app::Pane::Article {
        if let Some(p) = app.annotations_at(app.point).first() {
            let a = &p.annotation;
            if !a.tags.is_empty() {
                let _ = write!(text, "  tags: {}", a.tags.join(", "));
            }
            if let Some(note) = &a.note {
                let _ = write!(text, "  note: {}", note.lines().next().unwrap_or(""));
            }
            if a.tags.is_empty() && a.note.is_none() {
                text.push_str("  highlighted");
            }
        }
    }
    if let Some(filter) = &app.filter {
        let _ = write!(text, "  filter: {}", filter.text);
    }
    gloss::text::sanitize_line(&text)
}

/// The key hints, from the live keymap: whatever keys open help and quit.
fn hints(app: &App) -> String {
    let key = |wanted: fn(&Action) -> bool| {
        app.keymap
            .bindings("global")
            .iter()
            .find(|b| wanted(&b.action))
            .map(|b| b.keys.to_string())
    };
    let mut out = String::from(" ");
    if let Some(k) = key(|a| matches!(a, Action::ToggleHelp)) {
        let _ = write!(out, "{k} help  ");
    }
    if let Some(k) = key(|a| matches!(a, Action::Quit)) {
        let _ = write!(out, "{k} quit ");
    }
    out
}

fn match_count(app: &App, n: usize) -> String {
    match app.search.current {
        Some(i) if n > 0 => format!("{}/{n}", i + 1),
        _ => format!("{n} matches"),
    }
}
