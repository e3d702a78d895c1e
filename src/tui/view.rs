//! Drawing: `impl Widget for &App`. The view only borrows the state; nothing is cloned
//! or re-wrapped per frame.

mod article;
mod overlay;
mod panel;
mod sources;
mod status;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Widget};

use crate::tui::app::{App, Pane};
use crate::tui::layout;

pub use overlay::help_lines;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let l = layout::compute(self);
        if let Some(r) = l.sources {
            sources::render(self, r, buf);
        }
        article::render(self, &l, buf);
        if let Some(r) = l.panel {
            panel::render(self, r, buf);
        }
        status::render(self, l.status, buf);
        if let Some(o) = self.overlay {
            overlay::render(self, o, area, buf);
        }
    }
}

/// Draws a pane's border and title, highlighted when the pane has focus.
fn pane_block<'a>(app: &App, pane: Pane, title: &'a str) -> Block<'a> {
    let style = if app.focus == pane { app.styles.border_focused } else { app.styles.border };
    Block::bordered().border_style(style).title(title).title_style(style)
}

/// Writes `text` at (x, y), cut to `width` columns without splitting a glyph.
fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, width: u16, style: Style) -> u16 {
    if width == 0 {
        return x;
    }
    buf.set_stringn(x, y, text, usize::from(width), style).0
}

/// Cuts `text` to at most `width` columns, ending in `…` when cut.
fn ellipsize(text: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in text.graphemes(true) {
        let gw = g.width();
        if w + gw + 1 > width {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
