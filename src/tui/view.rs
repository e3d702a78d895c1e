//! Drawing: `impl Widget for &App`. The view only borrows the state; nothing is cloned
//! or re-wrapped per frame.

mod article;
mod claims;
mod find;
mod notes;
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

#[cfg(test)]
pub use overlay::help_last_line;

/// The help overlay's descriptions, for tests.
#[cfg(test)]
pub fn help_lines_for_test(app: &App) -> Vec<String> {
    overlay::help_lines(app)
        .into_iter()
        .map(|(_, d)| d)
        .collect()
}
pub use overlay::overlay_metrics;

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
        if let Some(p) = &self.prompt {
            notes::render_prompt(self, p, area, buf);
        }
    }
}

/// Draws a pane's border and title, highlighted when the pane has focus.
fn pane_block<'a>(app: &App, pane: Pane, title: &'a str) -> Block<'a> {
    let style = if app.focus == pane {
        app.styles.border_focused
    } else {
        app.styles.border
    };
    Block::bordered()
        .border_style(style)
        .title(title)
        .title_style(style)
}

/// Writes `text` at (x, y), cut to `width` columns without splitting a glyph.
fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, width: u16, style: Style) -> u16 {
    if width == 0 {
        return x;
    }
    buf.set_stringn(x, y, text, usize::from(width), style).0
}

/// Returns `base` with an accent (a colour for a kind of thing), unless the row is
/// selected: then the selection's own colours win, so text stays readable on it.
fn accent(base: Style, accent: Style, selected: bool) -> Style {
    if selected {
        base
    } else {
        base.patch(accent)
    }
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

#[cfg(test)]
mod tests {
    use crate::tui::action::Action;
    use crate::tui::app::testing::{app_with, article, press, screen, type_text};
    use crate::tui::app::ArticleEntry;

    fn sample_app(size: (u16, u16)) -> crate::tui::app::App {
        let (articles, _) = gloss::corpus::load_sample();
        app_with(articles, size)
    }

    #[test]
    fn hints_follow_the_keymap() {
        let text = "[keys.global]\n\"q\" = \"none\"\n\"ctrl-q\" = \"quit\"\n\"f1\" = \"toggle_help\"\n\"?\" = \"none\"\n";
        let config =
            gloss::config::Config::parse(text, std::path::Path::new("c.toml")).expect("config");
        let app = crate::tui::app::testing::app_with_config(&config, text, Vec::new(), (100, 10));
        let status = screen(&app).lines().last().unwrap_or_default().to_owned();
        assert!(
            status.contains("f1 help") && status.contains("ctrl-q quit"),
            "{status}"
        );
    }

    #[test]
    fn without_colour_marks_stay_visible() {
        use ratatui::style::Modifier;
        let styles = crate::tui::theme::Styles::new(&gloss::config::Theme::default(), true);
        assert_eq!(styles.person.fg, None);
        assert!(styles.person.add_modifier.contains(Modifier::UNDERLINED));
        assert!(styles
            .search_match
            .add_modifier
            .contains(Modifier::REVERSED));
        assert!(!styles.cursor_line.add_modifier.contains(Modifier::REVERSED));
        assert!(styles.cursor_line.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn a_match_inside_a_letter_with_an_accent_keeps_the_accent() {
        let mut app = app_with(
            vec![article(
                "x/a.txt",
                "X",
                "T\n\nThe cafe\u{301} near the quay.",
            )],
            (60, 12),
        );
        press(&mut app, "tab /");
        type_text(&mut app, "e");
        assert!(screen(&app).contains("cafe\u{301}"), "{}", screen(&app));
    }

    #[test]
    fn snapshot_empty_corpus() {
        let app = app_with(Vec::new(), (80, 12));
        insta::assert_snapshot!(screen(&app));
    }

    #[test]
    fn snapshot_sample_article() {
        let app = sample_app((120, 40));
        insta::assert_snapshot!(screen(&app));
    }

    #[test]
    fn snapshot_help_overlay() {
        let mut app = sample_app((100, 30));
        press(&mut app, "?");
        insta::assert_snapshot!(screen(&app));
    }

    #[test]
    fn snapshot_search() {
        let mut app = sample_app((100, 30));
        press(&mut app, "tab /");
        type_text(&mut app, "orvane");
        insta::assert_snapshot!(screen(&app));
        // The matches are drawn in the match styles, the current one distinctly.
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .expect("draws");
        let buf = terminal.backend().buffer();
        let cells_in = |style: ratatui::style::Style| -> String {
            buf.content()
                .iter()
                .filter(|c| {
                    c.bg == style.bg.unwrap_or_default() && c.fg == style.fg.unwrap_or_default()
                })
                .map(ratatui::buffer::Cell::symbol)
                .collect()
        };
        assert_eq!(cells_in(app.styles.search_current).to_lowercase(), "orvane");
        assert_eq!(cells_in(app.styles.search_match).to_lowercase(), "orvane");
    }

    fn hostile() -> Vec<gloss::corpus::Article> {
        vec![
            article(
                "evil/a.txt",
                "Evil \u{1b}]0;pwned\u{7}Outlet",
                "Title \u{1b}[31mred\u{1b}[0m \u{1b}]8;;http://x.example\u{1b}\\link\u{1b}]8;;\u{1b}\\\n\nBody \u{1b}]52;c;Y2xpcA==\u{7} with \u{9b}2J clear, bell \u{7}, SOH \u{1} and 東京 👩‍👩‍👧 families of wide glyphs that wrap across lines again and again 東京東京東京東京東京東京.",
            ),
            article("evil/b.md", "Evil", "# Über “quotes” — em\u{2011}dash\n\nشرکت right-to-left text and emoji 🇺🇳 flags."),
        ]
    }

    #[test]
    fn nothing_from_an_article_reaches_a_cell_as_a_control_character() {
        let mut app = app_with(hostile(), (100, 30));
        for keys in ["esc", "?", "esc !", "esc tab /"] {
            press(&mut app, keys);
            let text = screen(&app);
            // ratatui drops control characters itself, so look for what an escape
            // sequence leaves behind when it is not removed whole.
            for leftover in [
                "pwned", "52;c", "Y2xpcA", "[31m", "[0m", "8;;", "[2J", "2J clear",
            ] {
                assert!(
                    !text.contains(leftover),
                    "{leftover:?} after {keys:?}:\n{text}"
                );
            }
            assert!(
                text.contains("Evil Outlet") || keys != "esc",
                "the outlet name survives, cleaned:\n{text}"
            );
        }
        // A control character typed into the prompt is not taken.
        type_text(&mut app, "a\u{1b}\u{7}b");
        assert_eq!(app.search.query, "ab");
    }

    #[test]
    fn every_size_from_1x1_to_300x100_draws_without_panic() {
        let mut app = app_with(hostile(), (1, 1));
        let (articles, _) = gloss::corpus::load_sample();
        app.update(Action::ArticlesLoaded(
            articles.into_iter().map(ArticleEntry::new).collect(),
        ));
        let widths = [
            1u16, 2, 3, 4, 5, 7, 10, 13, 20, 24, 31, 40, 55, 67, 80, 99, 120, 160, 200, 250, 300,
        ];
        let heights = [1u16, 2, 3, 4, 5, 6, 7, 9, 12, 17, 24, 33, 40, 60, 80, 100];
        for (n, &w) in widths.iter().enumerate() {
            for &h in &heights {
                app.update(Action::Resized(w, h));
                // Vary the state as sizes change: overlays, search, focus, scrolling.
                let keys = [
                    "tab", "j", "G", "?", "esc", "ctrl-d", "tab", "/", "esc", "!", "esc", "P", "S",
                ][n % 13];
                press(&mut app, keys);
                let text = screen(&app);
                assert_eq!(text.lines().count(), usize::from(h));
                if w >= 40 && h >= 3 {
                    let status = text.lines().last().unwrap_or_default();
                    assert!(
                        status.contains("help"),
                        "{w}x{h}: the status line is drawn:\n{text}"
                    );
                }
            }
        }
        // Shrink and grow in one session, as a user dragging the window would.
        for size in [(300, 100), (1, 1), (80, 24), (2, 50), (200, 3), (120, 40)] {
            app.update(Action::Resized(size.0, size.1));
            let _ = screen(&app);
        }
    }

    #[test]
    fn wide_glyphs_are_drawn_whole_exactly_as_wrapped() {
        let mut app = app_with(hostile().into_iter().take(1).collect(), (47, 20));
        press(&mut app, "tab");
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(47, 20)).expect("terminal");
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .expect("draws");
        let buf = terminal.backend().buffer();
        let area = crate::tui::layout::compute(&app).article_text;
        let body = &app.current_entry().expect("open").article.body;
        for (n, line) in app
            .lines()
            .iter()
            .skip(app.scroll)
            .take(usize::from(area.height))
            .enumerate()
        {
            let y = area.y + u16::try_from(n).expect("row");
            let mut drawn = String::new();
            let mut x = area.x;
            while x < area.x + area.width {
                let symbol = buf[(x, y)].symbol();
                drawn.push_str(symbol);
                x += u16::try_from(unicode_width::UnicodeWidthStr::width(symbol).max(1))
                    .expect("width");
            }
            let wrapped = &body[line.byte_start..line.byte_end];
            assert_eq!(drawn.trim_end(), wrapped.trim_end(), "row {n}");
            assert!(unicode_width::UnicodeWidthStr::width(wrapped) <= usize::from(area.width));
        }
        assert!(body.contains("東京") && screen(&app).contains("東京"));
    }
}
