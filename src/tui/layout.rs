//! Where each pane goes: a pure function of the terminal size and the layout state,
//! used by the view to draw and by `update` to scroll and hit-test the mouse.

use ratatui::layout::Rect;

use crate::tui::app::App;

/// The smallest article pane worth keeping the side panes for.
const MIN_ARTICLE: u16 = 24;

/// The rectangles of one frame; a hidden pane has `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub sources: Option<Rect>,
    pub article: Rect,
    /// The article's header (title and byline) inside its border.
    pub article_header: Rect,
    /// Where the article's wrapped text goes.
    pub article_text: Rect,
    pub panel: Option<Rect>,
    pub status: Rect,
}

/// Returns the inside of a bordered rectangle.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// Computes the layout of `app` at its current size.
pub fn compute(app: &App) -> Layout {
    let (w, h) = app.size;
    let status = Rect::new(0, h.saturating_sub(1), w, h.min(1));
    let main_h = h.saturating_sub(1);
    let mut sw = if app.layout.show_sources {
        app.layout.sources_width.max(12)
    } else {
        0
    };
    let mut pw = if app.layout.show_panel {
        app.layout.panel_width.max(12)
    } else {
        0
    };
    let needed = |sw: u16, pw: u16| sw.saturating_add(pw).saturating_add(MIN_ARTICLE);
    if w < needed(sw, pw) {
        pw = 0;
    }
    if w < needed(sw, pw) {
        sw = 0;
    }
    let aw = w - sw - pw;
    let sources = (sw > 0).then(|| Rect::new(0, 0, sw, main_h));
    let article = Rect::new(sw, 0, aw, main_h);
    let panel = (pw > 0).then(|| Rect::new(sw + aw, 0, pw, main_h));
    let text = inner(article);
    let header_rows = match text.height {
        0..=2 => 0,
        3..=5 => 1,
        _ => 3,
    };
    let article_header = Rect {
        height: header_rows,
        ..text
    };
    let article_text = Rect {
        y: text.y + header_rows,
        height: text.height - header_rows,
        ..text
    };
    Layout {
        sources,
        article,
        article_header,
        article_text,
        panel,
        status,
    }
}
