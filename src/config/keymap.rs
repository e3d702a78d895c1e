//! Key bindings as data: key names, sequences such as `g g`, and a keymap per context.
//!
//! The keymap is generic over the action type so that this library never needs to
//! know the reader's vocabulary: the reader instantiates it with its own `Action`,
//! which deserialises from the `snake_case` names written in the TOML.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::Deserialize;

use super::ConfigError;

/// A key, independent of any terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A printable character; upper-case letters are written as themselves ("G").
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// A function key, F1–F24.
    F(u8),
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    /// The key.
    pub key: Key,
    /// Control held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
}

impl KeyChord {
    /// A key without modifiers.
    pub const fn plain(key: Key) -> Self {
        Self {
            key,
            ctrl: false,
            alt: false,
        }
    }
}

const NAMED: &[(&str, Key)] = &[
    ("enter", Key::Enter),
    ("return", Key::Enter),
    ("esc", Key::Esc),
    ("escape", Key::Esc),
    ("tab", Key::Tab),
    ("backtab", Key::BackTab),
    ("backspace", Key::Backspace),
    ("delete", Key::Delete),
    ("del", Key::Delete),
    ("insert", Key::Insert),
    ("up", Key::Up),
    ("down", Key::Down),
    ("left", Key::Left),
    ("right", Key::Right),
    ("home", Key::Home),
    ("end", Key::End),
    ("pageup", Key::PageUp),
    ("pagedown", Key::PageDown),
    ("space", Key::Char(' ')),
];

impl FromStr for KeyChord {
    type Err = String;

    /// Parses `j`, `G`, `?`, `ctrl-d`, `alt-x`, `shift-tab`, `pagedown`, `f1`, `space`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut chord = Self::plain(Key::Esc);
        let mut rest = s;
        let mut shift = false;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2 {
                if let Some(r) = lower
                    .strip_prefix("ctrl-")
                    .or_else(|| lower.strip_prefix("c-"))
                {
                    chord.ctrl = true;
                    rest = &rest[rest.len() - r.len()..];
                    continue;
                }
                if let Some(r) = lower
                    .strip_prefix("alt-")
                    .or_else(|| lower.strip_prefix("a-"))
                {
                    chord.alt = true;
                    rest = &rest[rest.len() - r.len()..];
                    continue;
                }
                if let Some(r) = lower
                    .strip_prefix("shift-")
                    .or_else(|| lower.strip_prefix("s-"))
                {
                    shift = true;
                    rest = &rest[rest.len() - r.len()..];
                    continue;
                }
            }
            break;
        }
        let mut chars = rest.chars();
        chord.key = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_whitespace() && !c.is_control() => {
                let c = if chord.ctrl {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                Key::Char(if shift { c.to_ascii_uppercase() } else { c })
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, key)) = NAMED.iter().find(|(n, _)| *n == lower) {
                    if shift && *key == Key::Tab {
                        Key::BackTab
                    } else {
                        *key
                    }
                } else if let Some(n) = lower
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=24).contains(n))
                {
                    Key::F(n)
                } else {
                    return Err(format!(
                        "'{s}' is not a key: use a character (j, G, ?), a name (enter, esc, tab, backspace, up, pagedown, home, space, f1 …) with optional ctrl-, alt- or shift-"
                    ));
                }
            }
        };
        Ok(chord)
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::F(n) => write!(f, "f{n}"),
            Key::BackTab => f.write_str("shift-tab"),
            key => {
                let name = NAMED
                    .iter()
                    .find(|(_, k)| *k == key)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

/// A sequence of chords pressed one after another, written with spaces: `g g`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySeq(pub Vec<KeyChord>);

impl FromStr for KeySeq {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let chords = s
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<Vec<KeyChord>, String>>()?;
        if chords.is_empty() {
            return Err("an empty key: write a key such as \"j\" or \"g g\"".to_owned());
        }
        Ok(Self(chords))
    }
}

impl fmt::Display for KeySeq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, chord) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{chord}")?;
        }
        Ok(())
    }
}

/// A binding as written in TOML: an action name, or a table with a description.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum RawBinding {
    /// `"j" = "down"`
    Action(String),
    /// `"j" = { action = "down", desc = "Move down" }`
    Described {
        /// The action name.
        action: String,
        /// What the help overlay says.
        desc: Option<String>,
    },
}

impl RawBinding {
    fn action(&self) -> &str {
        match self {
            Self::Action(a) | Self::Described { action: a, .. } => a,
        }
    }

    fn desc(&self) -> Option<&str> {
        match self {
            Self::Action(_) => None,
            Self::Described { desc, .. } => desc.as_deref(),
        }
    }
}

/// One override in config.toml, with its place in the file for error messages.
pub type KeyOverride = toml::Spanned<RawBinding>;

/// One binding: keys, the action they trigger, and what help says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding<A> {
    /// The keys.
    pub keys: KeySeq,
    /// The action.
    pub action: A,
    /// The description shown in help, when the keymap gives one.
    pub desc: Option<String>,
}

/// What a sequence of pressed keys means in a context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<'a, A> {
    /// The keys are bound to this action.
    Action(&'a A),
    /// The keys begin one or more longer bindings: wait for the next key.
    Prefix,
    /// Nothing is bound to these keys.
    Unbound,
}

/// Bindings grouped by context ("global", "article", …), in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap<A> {
    contexts: Vec<(String, Vec<Binding<A>>)>,
}

/// The word that removes a binding in an override.
pub const UNBIND: &str = "none";

fn parse_action<A: DeserializeOwned>(name: &str) -> Result<A, String> {
    let de: StrDeserializer<'_, ValueError> = name.into_deserializer();
    A::deserialize(de).map_err(|e| format!("'{name}' is not an action: {e}"))
}

impl<A: DeserializeOwned + Clone> Keymap<A> {
    /// Parses a keymap file: one table per context, each `"keys" = binding`.
    pub fn from_toml(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let raw: BTreeMap<String, BTreeMap<String, KeyOverride>> =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        let mut contexts: Vec<(String, Vec<Binding<A>>)> = Vec::new();
        // Keep the file's order of contexts and bindings, which BTreeMap loses: sort by
        // position in the file.
        let mut tables: Vec<(&String, &BTreeMap<String, KeyOverride>)> = raw.iter().collect();
        let first_span = |t: &BTreeMap<String, KeyOverride>| {
            t.values().map(|b| b.span().start).min().unwrap_or(0)
        };
        tables.sort_by_key(|(_, t)| first_span(t));
        for (context, table) in tables {
            let mut bindings = Vec::new();
            let mut entries: Vec<(&String, &KeyOverride)> = table.iter().collect();
            entries.sort_by_key(|(_, b)| b.span().start);
            for (keys, binding) in entries {
                let at = binding.span().start;
                let keys: KeySeq = keys.parse().map_err(|m| {
                    ConfigError::at(path, text, at, m, "write the key as in assets/keymap.toml")
                })?;
                let action = parse_action(binding.get_ref().action()).map_err(|m| {
                    ConfigError::at(path, text, at, m, "use one of the action names listed")
                })?;
                bindings.push(Binding {
                    keys,
                    action,
                    desc: binding.get_ref().desc().map(str::to_owned),
                });
            }
            contexts.push((context.clone(), bindings));
        }
        Ok(Self { contexts })
    }

    /// Applies the user's overrides; `text` and `path` are config.toml's, for errors.
    ///
    /// An override replaces the binding of the same keys in that context, adds a new
    /// one, or with the action `"none"` removes it.
    pub fn apply_overrides(
        &mut self,
        overrides: &BTreeMap<String, BTreeMap<String, KeyOverride>>,
        text: &str,
        path: &Path,
    ) -> Result<(), ConfigError> {
        for (context, table) in overrides {
            let known: Vec<&str> = self.contexts.iter().map(|(c, _)| c.as_str()).collect();
            let Some(pos) = self.contexts.iter().position(|(c, _)| c == context) else {
                let at = table.values().map(|b| b.span().start).min().unwrap_or(0);
                return Err(ConfigError::at(
                    path,
                    text,
                    at,
                    format!("[keys.{context}] is not a key context"),
                    format!("use one of: {}", known.join(", ")),
                ));
            };
            for (keys, binding) in table {
                let at = binding.span().start;
                let keys: KeySeq = keys.parse().map_err(|m| {
                    ConfigError::at(
                        path,
                        text,
                        at,
                        m,
                        "write keys like \"j\", \"ctrl-d\" or \"g g\"",
                    )
                })?;
                let bindings = &mut self.contexts[pos].1;
                bindings.retain(|b| b.keys != keys);
                if binding.get_ref().action() == UNBIND {
                    continue;
                }
                let action = parse_action(binding.get_ref().action()).map_err(|m| {
                    ConfigError::at(path, text, at, m, format!("use one of the action names above, or \"{UNBIND}\" to remove the binding"))
                })?;
                bindings.push(Binding {
                    keys,
                    action,
                    desc: binding.get_ref().desc().map(str::to_owned),
                });
            }
        }
        Ok(())
    }
}

impl<A> Keymap<A> {
    /// Returns what `pressed` means in `context`.
    pub fn lookup(&self, context: &str, pressed: &[KeyChord]) -> Lookup<'_, A> {
        let Some((_, bindings)) = self.contexts.iter().find(|(c, _)| c == context) else {
            return Lookup::Unbound;
        };
        let mut prefix = false;
        for b in bindings {
            if b.keys.0 == pressed {
                return Lookup::Action(&b.action);
            }
            if b.keys.0.len() > pressed.len() && b.keys.0.starts_with(pressed) {
                prefix = true;
            }
        }
        if prefix {
            Lookup::Prefix
        } else {
            Lookup::Unbound
        }
    }

    /// Returns every context with its bindings, in file order.
    pub fn contexts(&self) -> impl Iterator<Item = (&str, &[Binding<A>])> {
        self.contexts
            .iter()
            .map(|(c, b)| (c.as_str(), b.as_slice()))
    }

    /// Returns the bindings of one context.
    pub fn bindings(&self, context: &str) -> &[Binding<A>] {
        self.contexts
            .iter()
            .find(|(c, _)| c == context)
            .map_or(&[], |(_, b)| b.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Act {
        Down,
        Top,
        Quit,
    }

    #[derive(Deserialize)]
    struct C {
        keys: BTreeMap<String, BTreeMap<String, KeyOverride>>,
    }

    fn chord(s: &str) -> KeyChord {
        s.parse().expect("key")
    }

    #[test]
    fn key_names_round_trip() {
        for name in [
            "j",
            "G",
            "?",
            "ctrl-d",
            "alt-x",
            "shift-tab",
            "pagedown",
            "f5",
            "space",
            "enter",
            "-",
        ] {
            assert_eq!(chord(name).to_string(), name);
        }
        assert_eq!(chord("Ctrl-D"), chord("ctrl-d"));
        assert_eq!(chord("shift-g"), chord("G"));
        assert!("ctrl-nope"
            .parse::<KeyChord>()
            .expect_err("bad")
            .contains("is not a key"));
        assert_eq!("g g".parse::<KeySeq>().map(|s| s.0.len()), Ok(2));
    }

    #[test]
    fn sequences_wait_for_their_next_key() {
        let map: Keymap<Act> = Keymap::from_toml(
            "[global]\n\"g g\" = { action = \"top\", desc = \"Top\" }\n\"j\" = \"down\"\n",
            Path::new("k.toml"),
        )
        .expect("keymap");
        assert_eq!(map.lookup("global", &[chord("g")]), Lookup::Prefix);
        assert_eq!(
            map.lookup("global", &[chord("g"), chord("g")]),
            Lookup::Action(&Act::Top)
        );
        assert_eq!(
            map.lookup("global", &[chord("j")]),
            Lookup::Action(&Act::Down)
        );
        assert_eq!(map.lookup("global", &[chord("x")]), Lookup::Unbound);
        assert_eq!(map.bindings("global")[0].desc.as_deref(), Some("Top"));
    }

    #[test]
    fn overrides_replace_add_and_remove() {
        let mut map: Keymap<Act> = Keymap::from_toml(
            "[global]\n\"j\" = \"down\"\n\"q\" = \"quit\"\n",
            Path::new("k.toml"),
        )
        .expect("keymap");
        let config = "[keys.global]\n\"j\" = \"top\"\n\"x\" = \"quit\"\n\"q\" = \"none\"\n";
        let c: C = toml::from_str(config).expect("config");
        map.apply_overrides(&c.keys, config, Path::new("config.toml"))
            .expect("applies");
        assert_eq!(
            map.lookup("global", &[chord("j")]),
            Lookup::Action(&Act::Top)
        );
        assert_eq!(
            map.lookup("global", &[chord("x")]),
            Lookup::Action(&Act::Quit)
        );
        assert_eq!(map.lookup("global", &[chord("q")]), Lookup::Unbound);
    }

    #[test]
    fn bad_overrides_name_the_line_and_the_choices() {
        let mut map: Keymap<Act> =
            Keymap::from_toml("[global]\n\"j\" = \"down\"\n", Path::new("k.toml")).expect("keymap");
        let config = "[keys.global]\n\n\"j\" = \"fly\"\n";
        let c: C = toml::from_str(config).expect("config");
        let msg = map
            .apply_overrides(&c.keys, config, Path::new("config.toml"))
            .expect_err("bad")
            .to_string();
        assert!(msg.contains("config.toml:3"), "{msg}");
        assert!(msg.contains("'fly' is not an action"), "{msg}");
        assert!(msg.contains("down"), "{msg}");
        let config = "[keys.nowhere]\n\"j\" = \"down\"\n";
        let c: C = toml::from_str(config).expect("config");
        let msg = map
            .apply_overrides(&c.keys, config, Path::new("config.toml"))
            .expect_err("bad")
            .to_string();
        assert!(
            msg.contains("not a key context") && msg.contains("global"),
            "{msg}"
        );
    }
}
