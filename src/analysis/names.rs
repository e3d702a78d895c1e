//! Names of people, organisations, places and products, merged to one entity per real
//! thing within an article ("Mara Quint" … "Quint’s"; "Calder Port Authority (CPA)" …
//! "CPA" … "the Authority").

use std::collections::{HashMap, HashSet};

use super::lexicon::{self, PERSON_ROLES};
use super::tokens::Token;
use super::{EntityKind, Found, Span};

const CONNECTORS: &[&str] = &[
    "of", "de", "van", "von", "der", "da", "del", "du", "la", "&", "for",
];

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&' || c == '.')
}

/// A candidate name: the token indices it covers and what the context says about it.
struct Candidate {
    first: usize,
    last: usize,
    /// The word before was a role word or title ("chair", "Ms").
    role_cue: bool,
    /// The name opens a sentence and nothing else vouches for it.
    weak: bool,
    /// A version number follows ("Kestrel 5").
    product: bool,
    /// "(ACR)" follows the name.
    alias: Option<usize>,
}

/// Finds the named entities of `body`.
pub fn find(body: &str, tokens: &[Token], sentences: &[Span], values: &[Found]) -> Vec<Found> {
    let lex = lexicon::get();
    let words: Vec<&str> = tokens.iter().map(|t| t.text(body)).collect();
    let in_value = value_tokens(tokens, values);
    let sentence_starts = sentence_starts(tokens, sentences, &words);
    let prose = prose_tokens(body, tokens);

    let mut candidates = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !prose[i] || in_value[i] || !tokens[i].is_word || !is_capitalised(words[i]) {
            i += 1;
            continue;
        }
        // Grow a run of capitalised words, allowing connectors between them.
        let mut last = i;
        let mut j = i + 1;
        while j < tokens.len() && same_line(body, tokens, last, j) && !in_value[j] {
            if tokens[j].is_word && is_capitalised(words[j]) {
                last = j;
                j += 1;
            } else if CONNECTORS.contains(&words[j])
                && words.get(j + 1).is_some_and(|w| is_capitalised(w))
                && !in_value.get(j + 1).copied().unwrap_or(true)
                && !words[i..=last].iter().all(|w| is_acronym(w))
            {
                j += 1;
            } else {
                break;
            }
        }
        let mut first = i;
        let mut role_cue = i > 0 && PERSON_ROLES.contains(&words[i - 1]);
        // Function words and titles at the front are not part of the name.
        while first <= last && lex.function_words.contains(words[first]) {
            if PERSON_ROLES.contains(&words[first]) {
                role_cue = true;
            }
            first += 1;
        }
        i = last + 1;
        if first > last {
            continue;
        }
        if words[first..=last]
            .iter()
            .all(|w| lex.not_names.contains(w))
        {
            continue;
        }
        let single = first == last;
        let at_start = sentence_starts.contains(&first);
        let known = lex.given_names.contains(words[first])
            || lex.places.contains(words[first])
            || is_acronym(words[first]);
        let weak = single && at_start && !known && !role_cue;
        let product = last - first < 2
            && words.get(last + 1).is_some_and(|w| is_version(w))
            && tokens
                .get(last + 1)
                .is_some_and(|t| t.span.start == tokens[last].span.end + 1);
        let alias = (words.get(last + 1) == Some(&"(")
            && words.get(last + 2).is_some_and(|w| is_acronym(w))
            && words.get(last + 3) == Some(&")"))
        .then_some(last + 2);
        candidates.push(Candidate {
            first,
            last: if product { last + 1 } else { last },
            role_cue,
            weak,
            product,
            alias,
        });
    }
    handles(body, tokens, &words, &mut candidates);
    build(body, tokens, &words, &candidates, &in_value)
}

fn is_version(word: &str) -> bool {
    word.len() <= 4
        && word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn same_line(body: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    !body[tokens[a].span.end..tokens[b].span.start].contains('\n')
}

fn value_tokens(tokens: &[Token], values: &[Found]) -> Vec<bool> {
    let mut spans: Vec<Span> = values
        .iter()
        .flat_map(|v| v.mentions.iter().copied())
        .collect();
    spans.sort();
    tokens
        .iter()
        .map(|t| {
            let k = spans.partition_point(|s| s.end <= t.span.start);
            spans.get(k).is_some_and(|s| s.start <= t.span.start)
        })
        .collect()
}

/// Token indices of the first word of each sentence (after any opening quote or dash).
fn sentence_starts(tokens: &[Token], sentences: &[Span], words: &[&str]) -> HashSet<usize> {
    let mut starts = HashSet::new();
    let mut k = 0;
    for s in sentences {
        while k < tokens.len() && tokens[k].span.start < s.start {
            k += 1;
        }
        let mut j = k;
        while j < tokens.len() && !tokens[j].is_word && tokens[j].span.start < s.end {
            j += 1;
        }
        starts.insert(j);
        // A word right after an opening quote or a colon also starts a clause.
        for n in j..tokens.len() {
            if tokens[n].span.start >= s.end {
                break;
            }
            if matches!(words[n], "“" | "\"" | "‘" | ":" | "—") {
                starts.insert(n + 1);
            }
        }
    }
    starts
}

/// Marks tokens on lines that read as prose, not as headings, bylines or table rows.
fn prose_tokens(body: &str, tokens: &[Token]) -> Vec<bool> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut line_is_prose = true;
    let mut line_end = 0;
    for t in tokens {
        if t.span.start >= line_end {
            let line_start = body[..t.span.start].rfind('\n').map_or(0, |p| p + 1);
            line_end = body[t.span.start..]
                .find('\n')
                .map_or(body.len(), |p| t.span.start + p);
            line_is_prose = is_prose(&body[line_start..line_end]);
        }
        out.push(line_is_prose);
    }
    out
}

fn is_prose(line: &str) -> bool {
    let line = line.trim();
    if line.contains('│') || line.starts_with('|') {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() > 3 && words.iter().all(|w| !w.chars().any(char::is_lowercase)) {
        return false; // shouting
    }
    let ends_like_sentence = line.ends_with(['.', '!', '?', '"', '”', ':', ')', '’']);
    if ends_like_sentence || words.len() > 16 {
        return true;
    }
    let content: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    let capitalised = content.iter().filter(|w| is_capitalised(w)).count();
    // Title case: most content words capitalised.
    content.is_empty() || capitalised * 10 < content.len() * 6
}

fn handles(body: &str, tokens: &[Token], words: &[&str], candidates: &mut Vec<Candidate>) {
    for (i, w) in words.iter().enumerate() {
        if *w == "@"
            && tokens
                .get(i + 1)
                .is_some_and(|t| t.is_word && t.span.start == tokens[i].span.end)
            && (i == 0 || !body[..tokens[i].span.start].ends_with(|c: char| c.is_alphanumeric()))
        {
            candidates.push(Candidate {
                first: i,
                last: i + 1,
                role_cue: false,
                weak: false,
                product: false,
                alias: None,
            });
        }
    }
}

struct Entry {
    surface: String,
    kind: EntityKind,
    tokens: Vec<String>,
}

fn build(
    body: &str,
    tokens: &[Token],
    words: &[&str],
    candidates: &[Candidate],
    in_value: &[bool],
) -> Vec<Found> {
    let surface =
        |c: &Candidate| body[tokens[c.first].span.start..tokens[c.last].span.end].to_owned();

    // Surfaces confirmed by a non-weak occurrence.
    let strong: HashSet<String> = candidates.iter().filter(|c| !c.weak).map(surface).collect();

    // One entry per distinct surface, typed by the strongest cue seen.
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_surface: HashMap<String, usize> = HashMap::new();
    let mut aliases: Vec<(String, String)> = Vec::new();
    for c in candidates {
        let s = surface(c);
        if c.weak && !strong.contains(&s) {
            continue;
        }
        let toks: Vec<String> = words[c.first..=c.last]
            .iter()
            .map(|w| (*w).to_owned())
            .collect();
        let kind = type_of(&s, &toks, c);
        if let Some(a) = c.alias {
            aliases.push((words[a].to_owned(), s.clone()));
        }
        if let Some(&e) = by_surface.get(&s) {
            if entries[e].kind == EntityKind::Other {
                entries[e].kind = kind;
            }
        } else {
            by_surface.insert(s.clone(), entries.len());
            entries.push(Entry {
                surface: s,
                kind,
                tokens: toks,
            });
        }
    }

    // A person's surname alone is a mention too, even where it opens a sentence.
    let surnames: Vec<String> = entries
        .iter()
        .filter(|e| e.kind == EntityKind::Person && e.tokens.len() > 1)
        .filter_map(|e| e.tokens.last().cloned())
        .collect();
    for surname in surnames {
        if !by_surface.contains_key(&surname) {
            by_surface.insert(surname.clone(), entries.len());
            entries.push(Entry {
                surface: surname.clone(),
                kind: EntityKind::Person,
                tokens: vec![surname],
            });
        }
    }

    let mut parent = merge(&entries, &by_surface, &aliases);
    let mut mentions = scan_mentions(tokens, words, &entries, &mut parent, in_value);

    let mut found: Vec<Found> = Vec::new();
    let mut roots: Vec<usize> = mentions.keys().copied().collect();
    roots.sort_unstable();
    for r in roots {
        let mut spans = mentions.remove(&r).unwrap_or_default();
        spans.sort();
        // The kind: the root's, or any typed member's when the root is untyped.
        let mut kind = entries[r].kind;
        if kind == EntityKind::Other {
            if let Some(k) = (0..entries.len())
                .filter(|&e| root(&mut parent, e) == r)
                .map(|e| entries[e].kind)
                .find(|k| *k != EntityKind::Other)
            {
                kind = k;
            }
        }
        found.push(Found {
            name: entries[r].surface.clone(),
            kind,
            mentions: spans,
        });
    }
    found
}

/// Groups surfaces into entities (union-find over entry indices): "(ACR)" aliases,
/// acronyms of a longer name's initials, and a last word standing for the full name
/// ("Quint" for "Mara Quint", "Authority" for "Calder Port Authority") when only one
/// name fits. Returns the parent of every entry.
fn merge(
    entries: &[Entry],
    by_surface: &HashMap<String, usize>,
    aliases: &[(String, String)],
) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..entries.len()).collect();
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            // Keep the longer name as the root.
            if entries[ra].tokens.len() >= entries[rb].tokens.len() {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    };
    for (acr, long) in aliases {
        if let (Some(&a), Some(&l)) = (by_surface.get(acr), by_surface.get(long)) {
            union(&mut parent, a, l);
        }
    }
    // Index the longer names by their initials and by their last word, so that each
    // short form is matched in constant time.
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_last_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (b, entry) in entries.iter().enumerate() {
        if entry.tokens.len() > 1 {
            by_initials
                .entry(initials(&entry.tokens))
                .or_default()
                .push(b);
            if matches!(entry.kind, EntityKind::Person | EntityKind::Org) {
                if let Some(last) = entry.tokens.last() {
                    by_last_word.entry(last.as_str()).or_default().push(b);
                }
            }
        }
    }
    for (a, entry) in entries.iter().enumerate() {
        let [word] = entry.tokens.as_slice() else {
            continue;
        };
        let matches = if is_acronym(word) {
            // An acronym made of a longer name's initials.
            by_initials.get(&word.replace('.', ""))
        } else {
            // A surname after a full name; "Authority" after "Calder Port Authority".
            by_last_word.get(word.as_str())
        };
        if let Some([b]) = matches.map(Vec::as_slice) {
            union(&mut parent, a, *b);
        }
    }

    parent
}

/// Finds every occurrence of every surface, longest match first, in any line, and
/// files it under its entity's root.
fn scan_mentions(
    tokens: &[Token],
    words: &[&str],
    entries: &[Entry],
    parent: &mut [usize],
    in_value: &[bool],
) -> HashMap<usize, Vec<Span>> {
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for (e, entry) in entries.iter().enumerate() {
        by_first
            .entry(entry.tokens[0].as_str())
            .or_default()
            .push(e);
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|&e| std::cmp::Reverse(entries[e].tokens.len()));
    }
    let mut mentions: HashMap<usize, Vec<Span>> = HashMap::new();
    let mut i = 0;
    while i < tokens.len() {
        if in_value[i] {
            i += 1;
            continue;
        }
        let hit = by_first.get(words[i]).and_then(|list| {
            list.iter().copied().find(|&e| {
                let toks = &entries[e].tokens;
                i + toks.len() <= words.len()
                    && toks.iter().zip(&words[i..]).all(|(a, b)| a == b)
                    && !(toks.len() == 1
                        && i > 0
                        && words[i - 1] == "@"
                        && !toks[0].starts_with('@'))
            })
        });
        match hit {
            Some(e) => {
                let n = entries[e].tokens.len();
                let r = root(parent, e);
                mentions.entry(r).or_default().push(Span {
                    start: tokens[i].span.start,
                    end: tokens[i + n - 1].span.end,
                });
                i += n;
            }
            None => i += 1,
        }
    }

    mentions
}

/// Returns the representative of `x` in a union-find forest, compressing the path.
fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn initials(tokens: &[String]) -> String {
    if tokens.len() < 2 {
        return String::new();
    }
    tokens
        .iter()
        .filter(|t| is_capitalised(t))
        .filter_map(|t| t.chars().next())
        .collect()
}

fn type_of(surface: &str, toks: &[String], c: &Candidate) -> EntityKind {
    let lex = lexicon::get();
    if toks[0] == "@" {
        return EntityKind::Handle;
    }
    if c.product {
        return EntityKind::Product;
    }
    let last = toks.last().map_or("", String::as_str);
    if lex.org_suffixes.contains(last)
        || (toks.len() > 2 && lex.org_suffixes.contains(toks[0].as_str()) && toks[1] == "of")
    {
        return EntityKind::Org;
    }
    if lex.places.contains(surface) {
        return EntityKind::Place;
    }
    if (toks.len() >= 2 && toks.len() <= 4 && lex.given_names.contains(toks[0].as_str()))
        || (c.role_cue && toks.len() <= 3 && !is_acronym(&toks[0]))
    {
        return EntityKind::Person;
    }
    EntityKind::Other
}

#[cfg(test)]
mod tests {
    use super::super::{sentences, tokens::tokenize, values};
    use super::*;

    fn names(body: &str) -> Vec<(EntityKind, String, Vec<&str>)> {
        let tokens = tokenize(body);
        let sentences = sentences::split(body);
        let values = values::find(body, &tokens);
        let mut out: Vec<_> = find(body, &tokens, &sentences, &values)
            .into_iter()
            .map(|f| {
                let m = f.mentions.iter().map(|s| &body[s.start..s.end]).collect();
                (f.kind, f.name, m)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn full_name_then_surname_and_possessive() {
        let found =
            names("Union chair Mara Quint rejected it. Quint’s members agreed. Later Quint left.");
        assert_eq!(
            found,
            vec![(
                EntityKind::Person,
                "Mara Quint".to_owned(),
                vec!["Mara Quint", "Quint", "Quint"]
            )]
        );
    }

    #[test]
    fn organisation_acronym_and_short_form() {
        let found = names(
            "The Calder Port Authority (CPA) ordered cranes. The CPA said the Authority would pay.",
        );
        assert_eq!(
            found,
            vec![(
                EntityKind::Org,
                "Calder Port Authority".to_owned(),
                vec!["Calder Port Authority", "CPA", "CPA", "Authority"]
            )]
        );
    }

    #[test]
    fn sentence_initial_words_and_headings_do_not_flood() {
        let found = names("Speaking on Monday, officials agreed.\nPort Talks Stall As Union Walks Out\nHowever the talks went on.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn products_handles_and_places() {
        let found = names("The board bought Kestrel 5 from Orvane Health Technologies in London, it said on @OrvaneHealth.");
        let kinds: Vec<(EntityKind, &str)> = found.iter().map(|f| (f.0, f.1.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (EntityKind::Org, "Orvane Health Technologies"),
                (EntityKind::Place, "London"),
                (EntityKind::Product, "Kestrel 5"),
                (EntityKind::Handle, "@OrvaneHealth"),
            ]
        );
    }
}
