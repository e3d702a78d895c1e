//! The theme: a style for everything the reader draws, written as short strings like
//! `"yellow bold"` or `"black on cyan"` in config.toml.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

/// A colour: a named terminal colour, a 256-colour index or a 24-bit RGB value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// The terminal's default.
    Reset,
    /// One of the 16 named colours, 0–15 in the usual order.
    Named(u8),
    /// An index into the 256-colour palette.
    Indexed(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

const NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark_gray",
    "light_red",
    "light_green",
    "light_yellow",
    "light_blue",
    "light_magenta",
    "light_cyan",
    "white",
];

impl FromStr for Colour {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase().replace('-', "_");
        let lower = match lower.as_str() {
            "grey" => "gray".to_owned(),
            "dark_grey" | "darkgray" | "darkgrey" => "dark_gray".to_owned(),
            _ => lower,
        };
        if lower == "reset" || lower == "default" {
            return Ok(Self::Reset);
        }
        if let Some(i) = NAMES.iter().position(|n| *n == lower) {
            return Ok(Self::Named(u8::try_from(i).unwrap_or(0)));
        }
        if let Some(hex) = lower.strip_prefix('#') {
            if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
                return Ok(Self::Rgb(byte(0), byte(2), byte(4)));
            }
        }
        if let Ok(n) = lower.parse::<u8>() {
            return Ok(Self::Indexed(n));
        }
        Err(format!(
            "'{s}' is not a colour: use a name ({}), #rrggbb, or a number 0-255",
            NAMES.join(", ")
        ))
    }
}

/// A style: optional foreground and background colours and text modifiers.
#[allow(clippy::struct_excessive_bools)] // one flag per terminal modifier
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StyleSpec {
    /// Text colour.
    pub fg: Option<Colour>,
    /// Background colour.
    pub bg: Option<Colour>,
    /// Bold text.
    pub bold: bool,
    /// Dimmed text.
    pub dim: bool,
    /// Italic text.
    pub italic: bool,
    /// Underlined text.
    pub underline: bool,
    /// Swapped foreground and background.
    pub reversed: bool,
}

impl FromStr for StyleSpec {
    type Err = String;

    /// Parses words: modifiers (`bold`, `dim`, `italic`, `underline`, `reversed`),
    /// a colour for the text, and `on` followed by a background colour.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut style = Self::default();
        let mut words = s.split_whitespace();
        while let Some(word) = words.next() {
            match word.to_ascii_lowercase().as_str() {
                "bold" => style.bold = true,
                "dim" => style.dim = true,
                "italic" => style.italic = true,
                "underline" | "underlined" => style.underline = true,
                "reversed" | "reverse" => style.reversed = true,
                "none" | "plain" => {}
                "on" => {
                    let bg = words.next().ok_or_else(|| {
                        format!("'{s}': 'on' must be followed by a background colour")
                    })?;
                    style.bg = Some(bg.parse()?);
                }
                _ => style.fg = Some(word.parse()?),
            }
        }
        Ok(style)
    }
}

impl fmt::Display for StyleSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl<'de> Deserialize<'de> for StyleSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn style(s: &str) -> StyleSpec {
    // The defaults below are constants checked by a test.
    s.parse().unwrap_or_default()
}

macro_rules! theme {
    ($( $(#[$doc:meta])* $field:ident = $default:literal, )*) => {
        /// Styles of everything the reader draws.
        #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct Theme {
            $( $(#[$doc])* pub $field: StyleSpec, )*
        }

        impl Default for Theme {
            fn default() -> Self {
                Self { $( $field: style($default), )* }
            }
        }

        /// The default style strings, by key, as config.example.toml writes them.
        pub const THEME_DEFAULTS: &[(&str, &str)] = &[ $( (stringify!($field), $default), )* ];
    };
}

theme! {
    /// Ordinary text.
    text = "",
    /// Secondary text: dates, counts, hints.
    muted = "dark_gray",
    /// Pane borders.
    border = "dark_gray",
    /// The border of the focused pane.
    border_focused = "cyan",
    /// Pane titles and the article headline.
    title = "bold",
    /// The selected row of the focused list.
    selection = "black on cyan",
    /// The selected row of a list without focus.
    selection_unfocused = "reversed",
    /// The line under the article cursor.
    cursor_line = "on 236",
    /// The status line.
    status = "on 235",
    /// The mode badge in the status line.
    status_mode = "black on cyan bold",
    /// Errors and skipped files in the status line.
    status_error = "light_red bold",
    /// Search matches.
    search_match = "black on yellow",
    /// The current search match.
    search_current = "black on light_red bold",
    /// People in the text.
    person = "light_cyan",
    /// Organisations in the text.
    org = "light_magenta",
    /// Places in the text.
    place = "light_green",
    /// Products in the text.
    product = "light_blue",
    /// Money, percentages, dates and quantities in the text.
    value = "yellow",
    /// Handles and untyped names in the text.
    other_entity = "underline",
    /// Claim sentences in the text.
    claim = "italic",
    /// The entity or claim selected in the side panel, in the text.
    focus_mark = "black on light_yellow",
    /// Keys in the help overlay.
    help_key = "cyan bold",
    /// Unread article markers.
    unread = "cyan",
    /// Annotated passages whose tags have no style of their own, and notes.
    annotation = "underline",
    /// Annotation markers in the source list.
    annotated = "light_yellow",
    /// The text selected with `v`.
    marked = "reversed",
    /// The character under the article cursor.
    point = "underline bold",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_parses() {
        for (key, value) in THEME_DEFAULTS {
            assert!(value.parse::<StyleSpec>().is_ok(), "{key} = {value:?}");
        }
    }

    #[test]
    fn styles_read_like_words() {
        let s: StyleSpec = "black on light_yellow bold".parse().expect("style");
        assert_eq!(s.fg, Some(Colour::Named(0)));
        assert_eq!(s.bg, Some(Colour::Named(11)));
        assert!(s.bold);
        assert_eq!("#ff8800".parse(), Ok(Colour::Rgb(255, 136, 0)));
        assert_eq!("236".parse(), Ok(Colour::Indexed(236)));
        assert_eq!("Dark-Grey".parse(), Ok(Colour::Named(8)));
        assert!("on".parse::<StyleSpec>().is_err());
        assert!("purple"
            .parse::<StyleSpec>()
            .expect_err("bad")
            .contains("'purple' is not a colour"));
    }
}
