//! The text of an annotation file: a writer for the one layout gloss produces, and a
//! quick reader that understands exactly that layout.
//!
//! Files are TOML and any TOML reader can read them. The quick reader exists because
//! opening a store parses thousands of files; it gives up (returns `None`) on anything
//! it was not written for, such as a hand-edited file with a literal string, and the
//! caller then reads the file with the `toml` crate, which is the reference.

use std::fmt::Write as _;

use super::{ArticleRef, VERSION};
use crate::annotations::{Anchor, Annotation, Target};

/// Renders an article's file: `version`, `[article]`, then one `[[annotation]]` per
/// annotation in the order given, each with its `[annotation.anchor]`.
pub(super) fn render(article: &ArticleRef, annotations: &[Annotation]) -> String {
    let mut out = String::with_capacity(256 + annotations.len() * 512);
    let _ = writeln!(out, "version = {VERSION}\n\n[article]");
    key_str(&mut out, "id", &article.id);
    key_str(&mut out, "path", &article.path);
    key_str(&mut out, "title", &article.title);
    for (key, value) in [
        ("source", &article.source),
        ("date", &article.date),
        ("url", &article.url),
        ("author", &article.author),
    ] {
        if let Some(value) = value {
            key_str(&mut out, key, value);
        }
    }
    for a in annotations {
        out.push_str("\n[[annotation]]\n");
        key_str(&mut out, "id", &a.id);
        key_str(&mut out, "created", &a.created);
        key_str(&mut out, "modified", &a.modified);
        out.push_str("tags = [");
        for (i, tag) in a.tags.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_string(&mut out, tag);
        }
        out.push_str("]\n");
        if let Some(note) = &a.note {
            key_str(&mut out, "note", note);
        }
        out.push_str("target = { kind = ");
        match &a.target {
            Target::Passage => push_string(&mut out, "passage"),
            Target::Claim { claim } => {
                push_string(&mut out, "claim");
                out.push_str(", claim = ");
                push_string(&mut out, claim);
            }
            Target::Entity { name, entity_kind } => {
                push_string(&mut out, "entity");
                out.push_str(", name = ");
                push_string(&mut out, name);
                out.push_str(", entity_kind = ");
                push_string(&mut out, entity_kind);
            }
        }
        out.push_str(" }\n\n[annotation.anchor]\n");
        key_str(&mut out, "exact", &a.anchor.exact);
        key_str(&mut out, "prefix", &a.anchor.prefix);
        key_str(&mut out, "suffix", &a.anchor.suffix);
        let _ = writeln!(out, "start = {}", a.anchor.start);
        let _ = writeln!(out, "end = {}", a.anchor.end);
        key_str(&mut out, "text_hash", &a.anchor.text_hash);
    }
    out
}

fn key_str(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    push_string(out, value);
    out.push('\n');
}

/// Writes a TOML basic string, multi-line when the text has line breaks so that a
/// note reads as it was typed. Every quote, backslash and control character except
/// those line breaks is escaped, which is what lets the quick reader stay simple.
fn push_string(out: &mut String, s: &str) {
    let multi = s.contains('\n');
    out.push_str(if multi { "\"\"\"\n" } else { "\"" });
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' if multi => continue,
            b'\n' => "\\n",
            b'\t' => "\\t",
            b'\r' => "\\r",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f | 0x7f => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04X}", u32::from(b));
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push_str(if multi { "\"\"\"" } else { "\"" });
}

/// An annotation being read, its keys as they come.
#[derive(Default)]
struct Draft {
    id: Option<String>,
    created: Option<String>,
    modified: Option<String>,
    tags: Option<Vec<String>>,
    note: Option<String>,
    target: Option<Target>,
    anchor_seen: bool,
    exact: Option<String>,
    prefix: Option<String>,
    suffix: Option<String>,
    start: Option<usize>,
    end: Option<usize>,
    text_hash: Option<String>,
}

impl Draft {
    fn finish(self) -> Option<Annotation> {
        Some(Annotation {
            id: self.id?,
            created: self.created?,
            modified: self.modified?,
            tags: self.tags.unwrap_or_default(),
            note: self.note,
            target: self.target.unwrap_or_default(),
            anchor: Anchor {
                exact: self.exact?,
                prefix: self.prefix.unwrap_or_default(),
                suffix: self.suffix.unwrap_or_default(),
                start: self.start?,
                end: self.end?,
                text_hash: self.text_hash?,
            },
        })
    }
}

/// A value of the layout [`render`] writes.
enum Value {
    Str(String),
    Int(usize),
    Strs(Vec<String>),
    Target(Target),
}

/// Which table the keys being read belong to.
#[derive(PartialEq)]
enum Section {
    Top,
    Article,
    Annotation,
    Anchor,
}

/// Sets an optional field once; a second time means a duplicate key.
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

/// Reads a file in the layout [`render`] writes, or `None` if it is in any other.
pub(super) fn read(text: &str) -> Option<(ArticleRef, Vec<Annotation>)> {
    let mut r = Reader { s: text, i: 0 };
    let mut section = Section::Top;
    let mut version = None;
    let (mut id, mut path, mut title, mut source) = (None, None, None, None);
    let (mut date, mut url, mut author) = (None, None, None);
    let mut article_seen = false;
    let mut drafts: Vec<Draft> = Vec::new();
    while r.i < r.s.len() {
        if r.eat("\n") {
            continue;
        }
        if r.eat("[[annotation]]\n") {
            drafts.push(Draft::default());
            section = Section::Annotation;
            continue;
        }
        if r.eat("[annotation.anchor]\n") {
            let d = drafts.last_mut()?;
            if d.anchor_seen || section != Section::Annotation {
                return None;
            }
            d.anchor_seen = true;
            section = Section::Anchor;
            continue;
        }
        if r.eat("[article]\n") {
            if article_seen || section != Section::Top {
                return None;
            }
            article_seen = true;
            section = Section::Article;
            continue;
        }
        let key = r.key()?;
        if !r.eat(" = ") {
            return None;
        }
        let value = r.value()?;
        if !r.eat("\n") && r.i < r.s.len() {
            return None;
        }
        match (&section, key, value) {
            (Section::Top, "version", Value::Int(v)) => set(&mut version, v)?,
            (Section::Article, "id", Value::Str(s)) => set(&mut id, s)?,
            (Section::Article, "path", Value::Str(s)) => set(&mut path, s)?,
            (Section::Article, "title", Value::Str(s)) => set(&mut title, s)?,
            (Section::Article, "source", Value::Str(s)) => set(&mut source, s)?,
            (Section::Article, "date", Value::Str(s)) => set(&mut date, s)?,
            (Section::Article, "url", Value::Str(s)) => set(&mut url, s)?,
            (Section::Article, "author", Value::Str(s)) => set(&mut author, s)?,
            (Section::Annotation, key, value) => {
                let d = drafts.last_mut()?;
                match (key, value) {
                    ("id", Value::Str(s)) => set(&mut d.id, s)?,
                    ("created", Value::Str(s)) => set(&mut d.created, s)?,
                    ("modified", Value::Str(s)) => set(&mut d.modified, s)?,
                    ("tags", Value::Strs(v)) => set(&mut d.tags, v)?,
                    ("note", Value::Str(s)) => set(&mut d.note, s)?,
                    ("target", Value::Target(t)) => set(&mut d.target, t)?,
                    _ => return None,
                }
            }
            (Section::Anchor, key, value) => {
                let d = drafts.last_mut()?;
                match (key, value) {
                    ("exact", Value::Str(s)) => set(&mut d.exact, s)?,
                    ("prefix", Value::Str(s)) => set(&mut d.prefix, s)?,
                    ("suffix", Value::Str(s)) => set(&mut d.suffix, s)?,
                    ("start", Value::Int(n)) => set(&mut d.start, n)?,
                    ("end", Value::Int(n)) => set(&mut d.end, n)?,
                    ("text_hash", Value::Str(s)) => set(&mut d.text_hash, s)?,
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    if version != Some(usize::try_from(VERSION).ok()?) || !article_seen {
        return None;
    }
    let article = ArticleRef {
        id: id?,
        path: path?,
        title: title?,
        source,
        date,
        url,
        author,
    };
    let annotations = drafts
        .into_iter()
        .map(Draft::finish)
        .collect::<Option<Vec<_>>>()?;
    Some((article, annotations))
}

/// A position in the text being read.
struct Reader<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }

    fn eat(&mut self, what: &str) -> bool {
        let found = self.rest().starts_with(what);
        if found {
            self.i += what.len();
        }
        found
    }

    fn key(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        if len == 0 {
            return None;
        }
        self.i += len;
        Some(&rest[..len])
    }

    fn value(&mut self) -> Option<Value> {
        match self.rest().bytes().next()? {
            b'"' => self.string().map(Value::Str),
            b'0'..=b'9' => self.integer().map(Value::Int),
            b'[' => self.strings().map(Value::Strs),
            b'{' => self.target().map(Value::Target),
            _ => None,
        }
    }

    fn integer(&mut self) -> Option<usize> {
        let rest = self.rest();
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let digits = &rest[..len];
        // TOML forbids leading zeros; leave such a file to the full reader.
        if len > 1 && digits.starts_with('0') {
            return None;
        }
        self.i += len;
        digits.parse().ok()
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        let mut out = Vec::new();
        if !self.eat("[") {
            return None;
        }
        if self.eat("]") {
            return Some(out);
        }
        loop {
            out.push(self.string()?);
            if self.eat("]") {
                return Some(out);
            }
            if !self.eat(", ") {
                return None;
            }
        }
    }

    fn target(&mut self) -> Option<Target> {
        if !self.eat("{ ") {
            return None;
        }
        let mut fields: Vec<(&str, String)> = Vec::new();
        loop {
            let key = self.key()?;
            if !self.eat(" = ") || fields.iter().any(|(k, _)| *k == key) {
                return None;
            }
            fields.push((key, self.string()?));
            if self.eat(" }") {
                break;
            }
            if !self.eat(", ") {
                return None;
            }
        }
        let mut take = |name: &str| {
            let i = fields.iter().position(|(k, _)| *k == name)?;
            Some(fields.swap_remove(i).1)
        };
        let target = match take("kind")?.as_str() {
            "passage" => Target::Passage,
            "claim" => Target::Claim {
                claim: take("claim")?,
            },
            "entity" => Target::Entity {
                name: take("name")?,
                entity_kind: take("entity_kind")?,
            },
            _ => return None,
        };
        // A key the target does not have is for the full reader to judge.
        fields.is_empty().then_some(target)
    }

    /// Reads a basic string, single- or multi-line, as [`push_string`] writes them.
    fn string(&mut self) -> Option<String> {
        let multi = self.eat("\"\"\"\n");
        if !multi && !self.eat("\"") {
            return None;
        }
        let bytes = self.s.as_bytes();
        let mut out = String::new();
        let mut run = self.i;
        loop {
            let b = *bytes.get(self.i)?;
            match b {
                b'"' => {
                    out.push_str(&self.s[run..self.i]);
                    if multi {
                        // Every quote inside is escaped, so this must close it.
                        if !self.rest().starts_with("\"\"\"") || self.rest().starts_with("\"\"\"\"")
                        {
                            return None;
                        }
                        self.i += 3;
                    } else {
                        self.i += 1;
                    }
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(&self.s[run..self.i]);
                    let escaped = *bytes.get(self.i + 1)?;
                    self.i += 2;
                    match escaped {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'r' => out.push('\r'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'u' => {
                            let hex = self.s.get(self.i..self.i + 4)?;
                            if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                                return None;
                            }
                            out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                            self.i += 4;
                        }
                        _ => return None,
                    }
                    run = self.i;
                }
                b'\n' if multi => self.i += 1,
                b'\t' => self.i += 1,
                0..=0x1f | 0x7f => return None,
                _ => self.i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample(
        exact: String,
        note: Option<String>,
        tags: Vec<String>,
        target: Target,
    ) -> Annotation {
        Annotation {
            id: "a00000000000000ff".to_owned(),
            created: "2026-01-02T03:04:05Z".to_owned(),
            modified: "2026-01-02T03:04:06Z".to_owned(),
            tags,
            note,
            target,
            anchor: Anchor {
                prefix: exact.chars().rev().collect(),
                suffix: exact.to_uppercase(),
                exact,
                start: 12,
                end: 40,
                text_hash: "0123456789abcdef".to_owned(),
            },
        }
    }

    fn article() -> ArticleRef {
        ArticleRef {
            id: "00000000000000aa".to_owned(),
            path: "x/y.md".to_owned(),
            title: "Title \"quoted\"".to_owned(),
            source: None,
            date: Some("2026-03-02".to_owned()),
            url: None,
            author: Some("A. Writer".to_owned()),
        }
    }

    fn text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '\0', '\r', '\n', '\t', '"', '\'', '\\', '\u{7f}', '\u{1b}', '\u{8}', '\u{c}', 'é',
            '🦀', '\u{202e}',
        ]);
        prop::collection::vec(prop_oneof![2 => any::<char>(), 3 => special], 0..30)
            .prop_map(|c| c.into_iter().collect())
    }

    fn target() -> impl Strategy<Value = Target> {
        prop_oneof![
            Just(Target::Passage),
            text().prop_map(|claim| Target::Claim { claim }),
            (text(), text()).prop_map(|(name, entity_kind)| Target::Entity { name, entity_kind }),
        ]
    }

    proptest! {
        /// The quick reader and the `toml` crate read what the writer wrote the same way,
        /// and both give back what was written.
        #[test]
        fn quick_and_full_readers_agree(
            exact in text(),
            note in proptest::option::of(text()),
            tags in prop::collection::vec(text(), 0..3),
            target in target(),
            source in proptest::option::of(text()),
        ) {
            let mut art = article();
            art.source = source.clone();
            art.url = source.map(|s| format!("https://x.example/{s}"));
            let annotations = vec![sample(exact, note, tags, target), sample("x".into(), None, vec![], Target::Passage)];
            let text = render(&art, &annotations);
            let full: super::super::FileIn = toml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(full.version, VERSION);
            prop_assert_eq!(&full.article, &art);
            prop_assert_eq!(&full.annotation, &annotations);
            let quick = read(&text);
            prop_assert_eq!(quick, Some((art, annotations)));
        }
    }

    proptest! {
        /// A file edited by hand or damaged anywhere never fools the quick reader: it
        /// either gives up (and the `toml` crate decides) or reads exactly what the
        /// `toml` crate reads. It never panics.
        #[test]
        fn an_edited_file_is_read_as_the_toml_crate_reads_it_or_not_at_all(
            exact in text(),
            note in proptest::option::of(text()),
            at in 0usize..2000,
            cut in 0usize..6,
            insert in "[ -~\n]{0,4}",
        ) {
            let annotations = vec![sample(exact, note, vec!["t".into()], Target::Passage)];
            let text = render(&article(), &annotations);
            let chars: Vec<char> = text.chars().collect();
            let at = at % (chars.len() + 1);
            let end = (at + cut).min(chars.len());
            let edited: String = chars[..at]
                .iter()
                .chain(insert.chars().collect::<Vec<_>>().iter())
                .chain(chars[end..].iter())
                .collect();
            if let Some((art, anns)) = read(&edited) {
                let full: super::super::FileIn = toml::from_str(&edited)
                    .map_err(|e| TestCaseError::fail(format!("quick read what toml rejects: {e}\n{edited}")))?;
                prop_assert_eq!(full.article, art);
                prop_assert_eq!(full.annotation, anns);
            }
        }
    }

    #[test]
    fn other_layouts_are_left_to_the_full_reader() {
        let a = sample(
            "quote".into(),
            Some("note".into()),
            vec!["t".into()],
            Target::Passage,
        );
        let text = render(&article(), std::slice::from_ref(&a));
        assert!(read(&text).is_some());
        for (from, to) in [
            ("note = \"note\"", "note = 'note'"),
            ("start = 12", "start = 012"),
            ("version = 1", "version = 2"),
            ("tags = [\"t\"]", "tags = [ \"t\" ]"),
            ("[article]", "# a comment\n[article]"),
            ("note = \"note\"", "note = \"note\"\nnote = \"again\""),
            ("kind = \"passage\"", "kind = \"passage\", colour = \"red\""),
            ("exact = \"quote\"", "exact = \"\"\"quote\"\"\""),
        ] {
            let edited = text.replacen(from, to, 1);
            assert_ne!(edited, text, "{from}");
            assert_eq!(read(&edited), None, "{to}");
        }
    }

    #[test]
    fn notes_with_line_breaks_are_written_on_several_lines() {
        let a = sample(
            "q".into(),
            Some("first\nsecond \"x\"\n".into()),
            vec![],
            Target::Passage,
        );
        let text = render(&article(), std::slice::from_ref(&a));
        assert!(
            text.contains("note = \"\"\"\nfirst\nsecond \\\"x\\\"\n\"\"\"\n"),
            "{text}"
        );
    }
}
