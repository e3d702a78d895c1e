//! The configured theme turned into terminal styles, honouring `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

use gloss::analysis::EntityKind;
use gloss::config::theme::{Colour, StyleSpec};
use gloss::config::Theme;

fn colour(c: Colour) -> Color {
    match c {
        Colour::Reset => Color::Reset,
        Colour::Named(n) => [
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ]
        .get(usize::from(n))
        .copied()
        .unwrap_or(Color::Reset),
        Colour::Indexed(n) => Color::Indexed(n),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// Converts a configured style (for styles outside the theme, such as tag styles).
pub fn style_of(spec: StyleSpec, no_color: bool) -> Style {
    style(spec, no_color)
}

/// Converts a style; without colour, a style that only had colours becomes reversed
/// or underlined so that highlights stay visible.
fn style(spec: StyleSpec, no_color: bool) -> Style {
    let mut s = Style::default();
    let mut m = Modifier::empty();
    if spec.bold {
        m |= Modifier::BOLD;
    }
    if spec.dim {
        m |= Modifier::DIM;
    }
    if spec.italic {
        m |= Modifier::ITALIC;
    }
    if spec.underline {
        m |= Modifier::UNDERLINED;
    }
    if spec.reversed {
        m |= Modifier::REVERSED;
    }
    if no_color {
        if spec.bg.is_some() {
            m |= Modifier::REVERSED;
        }
    } else {
        if let Some(fg) = spec.fg {
            s = s.fg(colour(fg));
        }
        if let Some(bg) = spec.bg {
            s = s.bg(colour(bg));
        }
    }
    s.add_modifier(m)
}

macro_rules! styles {
    ($($field:ident),* $(,)?) => {
        /// Terminal styles for everything the reader draws.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Styles {
            $(pub $field: Style,)*
        }

        impl Styles {
            /// Converts the configured theme; `no_color` drops every colour.
            #[allow(clippy::too_many_lines)] // one line per themed element
            pub fn new(theme: &Theme, no_color: bool) -> Self {
                let mut styles = Self { $($field: style(theme.$field, no_color),)* };
                if no_color {
                    styles.keep_marks_visible(theme);
                }
                styles
            }
        }
    };
}

styles!(
    text,
    muted,
    border,
    border_focused,
    title,
    selection,
    selection_unfocused,
    cursor_line,
    status,
    status_mode,
    status_error,
    search_match,
    search_current,
    person,
    org,
    place,
    product,
    value,
    other_entity,
    claim,
    focus_mark,
    help_key,
    unread,
    annotation,
    annotated,
    marked,
    point,
);

impl Styles {
    /// Without colour, entities whose style was only a colour are underlined, and a
    /// cursor line that was only a background is bold rather than reversed, so that
    /// reversed search matches still stand out on it.
    fn keep_marks_visible(&mut self, theme: &Theme) {
        let only_colour = |spec: StyleSpec| {
            !(spec.bold || spec.dim || spec.italic || spec.underline || spec.reversed)
        };
        for (style, spec) in [
            (&mut self.person, theme.person),
            (&mut self.org, theme.org),
            (&mut self.place, theme.place),
            (&mut self.product, theme.product),
            (&mut self.value, theme.value),
        ] {
            if only_colour(spec) {
                *style = style.add_modifier(Modifier::UNDERLINED);
            }
        }
        if only_colour(theme.cursor_line) {
            self.cursor_line = Style::default().add_modifier(Modifier::BOLD);
        }
    }

    /// Returns the style of an entity of `kind` in the text.
    pub fn entity(&self, kind: EntityKind) -> Style {
        match kind {
            EntityKind::Person => self.person,
            EntityKind::Org => self.org,
            EntityKind::Place => self.place,
            EntityKind::Product => self.product,
            EntityKind::Money | EntityKind::Percent | EntityKind::Date | EntityKind::Quantity => {
                self.value
            }
            EntityKind::Handle | EntityKind::Other => self.other_entity,
        }
    }
}
