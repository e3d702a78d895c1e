//! Names of people, organisations, places and products, merged to one entity per real
//! thing within an article ("Mara Quint" … "Quint’s"; "Calder Port Authority (CPA)" …
//! "CPA" … "the Authority"; "Orvane Health Technologies" … "Orvane").
//!
//! Capitalised runs become candidates; candidates are typed by votes from the word
//! lists (given names, organisation and place words, titles) and from their context
//! in the text (a role before a name, an age after it, "in" before a place, a
//! reporting verb after a speaker); then short forms are merged into the names they
//! stand for, and every occurrence of every name is collected as a mention.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::lexicon::{self, Lexicon, PERSON_ROLES};
use super::tokens::Token;
use super::{EntityKind, Found, Span};

/// Lower-case words that join capitalised words into one name.
const CONNECTORS: &[&str] = &[
    "of", "de", "van", "von", "der", "da", "del", "du", "la", "&", "for",
];

/// Words before a name that suggest a place ("in Calder").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "from", "outside", "across", "around", "around", "to", "towards", "via",
    "through",
];

const MONTHS_AND_DAYS: &[&str] = &[
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Top-level domains that make a word a web address ("ledgerdaily.example").
const DOMAINS: &[&str] = &[
    "com", "org", "net", "example", "io", "news", "co", "uk", "gov", "edu", "info", "media",
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

fn is_all_caps_word(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !word.chars().any(char::is_lowercase)
}

/// Returns "Vellmouth" for "VELLMOUTH".
fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for (i, c) in word.chars().enumerate() {
        if i == 0 {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn singular(word: &str) -> Option<String> {
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    word.strip_suffix('s')
        .filter(|s| s.len() > 2)
        .map(str::to_owned)
}

fn is_org_word(lex: &Lexicon, word: &str) -> bool {
    lex.is_org_suffix(word) || singular(word).is_some_and(|s| lex.is_org_suffix(&s))
}

fn is_company_word(lex: &Lexicon, word: &str) -> bool {
    lex.company_suffixes.contains(word)
}

/// Evidence for each kind of name.
#[derive(Debug, Clone, Copy, Default)]
struct Votes {
    person: f32,
    org: f32,
    place: f32,
    product: f32,
}

impl Votes {
    fn add(&mut self, other: Votes) {
        self.person += other.person;
        self.org += other.org;
        self.place += other.place;
        self.product += other.product;
    }

    fn kind(self) -> EntityKind {
        let best = [
            (self.org, EntityKind::Org),
            (self.person, EntityKind::Person),
            (self.place, EntityKind::Place),
            (self.product, EntityKind::Product),
        ]
        .into_iter()
        .fold((0.0_f32, EntityKind::Other), |acc, (v, k)| {
            if v > acc.0 {
                (v, k)
            } else {
                acc
            }
        });
        best.1
    }
}

/// A candidate name: the token indices it covers and what its context says.
#[allow(clippy::struct_excessive_bools)] // independent facts about one occurrence
struct Candidate {
    first: usize,
    last: usize,
    /// The name opens a sentence and nothing else vouches for it.
    weak: bool,
    /// A single word opening a sentence: dropped if the article also writes it in
    /// lower case, as an ordinary word.
    ordinary_check: bool,
    /// A version number follows ("Kestrel 5").
    product: bool,
    /// "(ACR)" follows the name.
    alias: Option<usize>,
    /// "@name".
    handle: bool,
    /// What the words around this occurrence say.
    votes: Votes,
}

/// Per-token facts the candidate search needs.
struct Text<'a> {
    body: &'a str,
    tokens: &'a [Token],
    words: Vec<&'a str>,
    in_value: Vec<bool>,
    sentence_start: Vec<bool>,
    prose: Vec<bool>,
}

impl<'a> Text<'a> {
    fn new(body: &'a str, tokens: &'a [Token], sentences: &[Span], values: &[Found]) -> Self {
        let words: Vec<&str> = tokens.iter().map(|t| t.text(body)).collect();
        Self {
            body,
            tokens,
            in_value: value_tokens(tokens, values),
            sentence_start: sentence_starts(tokens, sentences, &words),
            prose: prose_tokens(body, tokens),
            words,
        }
    }

    fn word(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }

    fn is_name_word(&self, i: usize) -> bool {
        i < self.tokens.len()
            && self.tokens[i].is_word
            && !self.in_value[i]
            && is_capitalised(self.words[i])
    }

    fn same_line(&self, a: usize, b: usize) -> bool {
        !self.body[self.tokens[a].span.end..self.tokens[b].span.start].contains('\n')
    }

    fn span(&self, first: usize, last: usize) -> Span {
        Span {
            start: self.tokens[first].span.start,
            end: self.tokens[last].span.end,
        }
    }

    fn surface(&self, first: usize, last: usize) -> &'a str {
        let s = self.span(first, last);
        &self.body[s.start..s.end]
    }
}

/// Finds the named entities of `body`.
pub fn find(body: &str, tokens: &[Token], sentences: &[Span], values: &[Found]) -> Vec<Found> {
    let lex = lexicon::get();
    let text = Text::new(body, tokens, sentences, values);
    let mut candidates = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !text.prose[i] || !text.is_name_word(i) {
            i += 1;
            continue;
        }
        let last = grow_run(&text, lex, i);
        if let Some(c) = candidate(&text, lex, i, last) {
            candidates.push(c);
        }
        i = last + 1;
    }
    drop_ordinary_words(&text, &mut candidates);
    handles(&text, &mut candidates);
    let mut found = build(&text, lex, &candidates);
    found.extend(web_addresses(&text));
    found
}

/// Drops single capitalised words that open a sentence when the article also writes
/// them in lower case ("Closures are likely … closures hurt"). Only the few words in
/// question are looked up, with a cheap length test before any hashing.
fn drop_ordinary_words(text: &Text<'_>, candidates: &mut Vec<Candidate>) {
    let wanted: HashSet<String> = candidates
        .iter()
        .filter(|c| c.ordinary_check)
        .map(|c| text.words[c.first].to_lowercase())
        .collect();
    if wanted.is_empty() {
        return;
    }
    let lengths: u64 = wanted.iter().fold(0, |m, w| m | 1 << w.len().min(63));
    let mut seen: HashSet<&str> = HashSet::default();
    for (t, w) in text.tokens.iter().zip(&text.words) {
        if t.is_word
            && lengths & (1 << w.len().min(63)) != 0
            && w.as_bytes()[0].is_ascii_lowercase()
            && wanted.contains(*w)
        {
            seen.insert(w);
        }
    }
    candidates.retain(|c| {
        !c.ordinary_check || !seen.contains(text.words[c.first].to_lowercase().as_str())
    });
}

/// Returns the last token of the capitalised run that starts at `i`, joining
/// connectors ("Bank of England") and "and" inside organisation names ("Fire and
/// Rescue Service").
fn grow_run(text: &Text<'_>, lex: &Lexicon, i: usize) -> usize {
    let mut last = i;
    let mut j = i + 1;
    while j < text.tokens.len() && text.same_line(last, j) && !text.in_value[j] {
        let w = text.words[j];
        // Name words follow each other with one space between them at most, and a
        // name is at most eight words (a title-case sentence is not a name).
        if j - i >= 8 {
            break;
        }
        if text.is_name_word(j) && text.tokens[j].span.start <= text.tokens[j - 1].span.end + 1 {
            last = j;
            j += 1;
            continue;
        }
        let joins_next =
            text.is_name_word(j + 1) && !text.words[i..=last].iter().all(|w| is_acronym(w));
        if joins_next && CONNECTORS.contains(&w) {
            j += 1;
            continue;
        }
        // "van der", "de la": two connectors in a row inside a name.
        if CONNECTORS.contains(&w)
            && CONNECTORS.contains(&text.word(j + 1))
            && text.is_name_word(j + 2)
        {
            j += 2;
            continue;
        }
        if joins_next && w == "and" && !is_org_word(lex, text.words[last]) {
            // Only when the words after "and" end an organisation's name.
            let mut k = j + 1;
            while text.is_name_word(k + 1) && text.same_line(k, k + 1) {
                k += 1;
            }
            if is_org_word(lex, text.words[k]) {
                last = k;
                j = k + 1;
                continue;
            }
        }
        break;
    }
    last
}

/// Turns a capitalised run into a candidate, or drops it.
fn candidate(text: &Text<'_>, lex: &Lexicon, start: usize, mut last: usize) -> Option<Candidate> {
    let w = |i: usize| text.word(i);
    let mut first = start;
    let mut titled = false;
    // Titles ("Judge", "Dr") and function words at the front are not part of the name,
    // unless the whole is a known place ("New York", "The Hague").
    let known_place = lex.places.contains(text.surface(start, last));
    while first <= last && !known_place {
        let word = w(first);
        // "General Motors" is a company, not General Motors the person.
        let company = last == first + 1 && is_org_word(lex, w(last));
        if lex.titles.contains(word) && first < last && !company {
            titled = true;
            first += 1;
            if w(first) == "." {
                first += 1;
            }
        } else if lex.function_words.contains(word)
            || (MONTHS_AND_DAYS.contains(&word) && word.len() > 4 && first < last)
        {
            first += 1;
        } else {
            break;
        }
    }
    // A title inside the run ("Castrian Foreign Minister Pavel Dunmore") ends what
    // comes before it, when at least two words of a name follow.
    if !known_place {
        if let Some(k) = (first..last.saturating_sub(1))
            .rev()
            .find(|&k| lex.titles.contains(w(k)))
        {
            titled = true;
            first = k + 1;
        }
    }
    if first > last {
        return None;
    }
    // Words that are never names on their own: months, titles, and hyphenated
    // adjectives ("Mandarin-language").
    let lower_tail = w(first)
        .rsplit(['-', '\u{2011}'])
        .next()
        .is_some_and(|t| t.starts_with(char::is_lowercase));
    if first == last
        && (MONTHS_AND_DAYS.contains(&w(first)) || lex.titles.contains(w(first)) || lower_tail)
    {
        return None;
    }
    if (first..=last).all(|i| lex.not_names.contains(w(i))) {
        return None;
    }
    let single = first == last;
    let opens_sentence = text.sentence_start[first] || first != start && text.sentence_start[start];
    let known =
        lex.given_names.contains(w(first)) || lex.places.contains(w(first)) || is_acronym(w(first));

    let before = first.checked_sub(1).map_or("", w);
    let role_before = PERSON_ROLES.contains(&before) || titled;
    let weak = single && opens_sentence && !known && !role_before;
    let ordinary_check = single && opens_sentence && !known;
    let mut votes = context_votes(text, lex, first, last);
    if role_before {
        votes.person += 3.0;
    }
    let after = |k: usize| w(last + k);
    let product = last - first < 2
        && is_version(after(1))
        && text
            .tokens
            .get(last + 1)
            .is_some_and(|t| t.span.start == text.tokens[last].span.end + 1);
    let alias = (after(1) == "(" && is_acronym(after(2)) && after(3) == ")").then_some(last + 2);
    if product {
        last += 1;
    }
    Some(Candidate {
        first,
        last,
        weak,
        ordinary_check,
        product,
        alias,
        handle: false,
        votes,
    })
}

/// What the words around a name say about it: "in" before a place, a role before an
/// organisation ("chief executive of X"), an age or a role in apposition after a
/// person, a reporting verb after a speaker.
fn context_votes(text: &Text<'_>, lex: &Lexicon, first: usize, last: usize) -> Votes {
    let w = |i: usize| text.word(i);
    let mut votes = Votes::default();
    let before = first.checked_sub(1).map_or("", w);
    if PLACE_PREPOSITIONS.contains(&before) && !is_org_word(lex, w(last)) {
        votes.place += 1.0;
    }
    if before == "the" {
        votes.person -= 1.0;
    }
    if matches!(before, "of" | "at" | "for" | "with")
        && first >= 2
        && PERSON_ROLES.contains(&w(first - 2))
    {
        votes.org += 2.0;
    }
    let after = |k: usize| w(last + k);
    if after(1) == "," && after(2).parse::<u8>().is_ok() && after(3) == "," {
        votes.person += 3.0;
    }
    if after(1) == "," {
        let role_at = if matches!(after(2), "a" | "an" | "the") {
            3
        } else {
            2
        };
        if PERSON_ROLES.contains(&after(role_at)) {
            votes.person += 2.0;
        }
    }
    if lex.reporting_verbs.contains(after(1)) {
        votes.person += 1.0;
        votes.org += 0.5;
    }
    votes
}

fn is_version(word: &str) -> bool {
    word.len() <= 4
        && word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
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

/// Marks the first word of each sentence, and the first word after an opening quote,
/// a colon or a dash, where capitals say nothing about names.
fn sentence_starts(tokens: &[Token], sentences: &[Span], words: &[&str]) -> Vec<bool> {
    let mut starts = vec![false; tokens.len()];
    let mut k = 0;
    for s in sentences {
        while k < tokens.len() && tokens[k].span.start < s.start {
            k += 1;
        }
        let mut j = k;
        while j < tokens.len() && !tokens[j].is_word && tokens[j].span.start < s.end {
            j += 1;
        }
        if j < starts.len() {
            starts[j] = true;
        }
        let mut n = j;
        while n < tokens.len() && tokens[n].span.start < s.end {
            if matches!(words[n], "“" | "\"" | "‘" | ":" | "—" | "–" | "•") && n + 1 < starts.len()
            {
                starts[n + 1] = true;
            }
            n += 1;
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
    let mut words = 0;
    let mut content = 0;
    let mut capitalised = 0;
    let mut has_lower = false;
    for w in line.split_whitespace().take(40) {
        words += 1;
        has_lower |= w.chars().any(char::is_lowercase);
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        if w.chars().count() > 3 {
            content += 1;
            if is_capitalised(w) {
                capitalised += 1;
            }
        }
    }
    if words > 3 && !has_lower {
        return false; // shouting
    }
    if line.ends_with('.') || words > 16 {
        return true;
    }
    // Title case: most content words capitalised, as in a heading.
    content < 2 || capitalised * 10 < content * 6
}

fn handles(text: &Text<'_>, candidates: &mut Vec<Candidate>) {
    for i in 0..text.tokens.len() {
        if text.words[i] == "@"
            && text
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.is_word && t.span.start == text.tokens[i].span.end)
            && !text.body[..text.tokens[i].span.start].ends_with(|c: char| c.is_alphanumeric())
        {
            candidates.push(Candidate {
                first: i,
                last: i + 1,
                weak: false,
                ordinary_check: false,
                product: false,
                alias: None,
                handle: true,
                votes: Votes::default(),
            });
        }
    }
}

/// Web addresses cited as sources: "(ledgerdaily.example)".
fn web_addresses(text: &Text<'_>) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let n = text.tokens.len();
    let mut i = 0;
    while i + 2 < n {
        let adjacent = |a: usize| text.tokens[a].span.end == text.tokens[a + 1].span.start;
        let is_address = text.tokens[i].is_word
            && text.words[i + 1] == "."
            && adjacent(i)
            && adjacent(i + 1)
            && DOMAINS.contains(&text.words[i + 2])
            && !(i > 0 && text.words[i - 1] == "@" && adjacent(i - 1));
        if is_address {
            let span = text.span(i, i + 2);
            let name = text.body[span.start..span.end].to_owned();
            match found.iter_mut().find(|f| f.name == name) {
                Some(f) => f.mentions.push(span),
                None => found.push(Found {
                    name,
                    kind: EntityKind::Org,
                    mentions: vec![span],
                }),
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    found
}

/// One distinct surface form and what is known about it.
struct Entry<'a> {
    surface: &'a str,
    tokens: Vec<&'a str>,
    votes: Votes,
    handle: bool,
}

fn lexicon_votes(lex: &Lexicon, entry: &Entry<'_>, product: bool) -> Votes {
    let mut v = Votes::default();
    let toks = &entry.tokens;
    let first = toks[0];
    let last = toks[toks.len() - 1];
    if product {
        v.product += 4.0;
    }
    if lex.places.contains(entry.surface) {
        v.place += 4.0;
    }
    if toks.len() > 1 {
        if lex.is_org_suffix(last) {
            v.org += 3.0;
        } else if is_org_word(lex, last) {
            // A plural ("Libraries") is weaker evidence than the word itself.
            v.org += 2.0;
        }
        if toks.len() > 2 && toks[1] == "of" {
            if is_org_word(lex, first) || first == "Friends" {
                v.org += 3.0;
            } else if lex.place_prefixes.contains(first) || lex.place_suffixes.contains(first) {
                v.place += 3.0;
            }
        }
        if lex.place_suffixes.contains(last) {
            v.place += 3.0;
        }
        if lex.place_prefixes.contains(first) {
            let directional = matches!(
                first,
                "North"
                    | "South"
                    | "East"
                    | "West"
                    | "Upper"
                    | "Lower"
                    | "Great"
                    | "Little"
                    | "New"
                    | "Old"
                    | "Nether"
            );
            v.place += if directional { 1.5 } else { 3.0 };
        }
        if toks.len() <= 4
            && lex.given_names.contains(first)
            && !lex.is_org_suffix(last)
            && !lex.place_suffixes.contains(last)
        {
            v.person += 3.5;
        }
        // Two or three capitalised words with nothing else to go on are most often a
        // person's name in news writing.
        if toks.len() <= 3 && toks.iter().all(|t| is_capitalised(t) && !is_acronym(t)) {
            v.person += 0.5;
        }
    } else if is_acronym(first) {
        v.org += 1.0;
    } else if lex.given_names.contains(first) {
        // Someone the article calls by a first name only ("Nell").
        v.person += 2.0;
    }
    v
}

fn build(text: &Text<'_>, lex: &Lexicon, candidates: &[Candidate]) -> Vec<Found> {
    // Surfaces confirmed by a non-weak occurrence.
    let strong: HashSet<&str> = candidates
        .iter()
        .filter(|c| !c.weak)
        .map(|c| text.surface(c.first, c.last))
        .collect();

    let mut entries: Vec<Entry<'_>> = Vec::new();
    let mut by_surface: HashMap<&str, usize> = HashMap::default();
    let mut aliases: Vec<(&str, &str)> = Vec::new();
    for c in candidates {
        let surface = text.surface(c.first, c.last);
        if c.weak && !strong.contains(surface) {
            continue;
        }
        if let Some(a) = c.alias {
            aliases.push((text.words[a], surface));
        }
        let e = *by_surface.entry(surface).or_insert_with(|| {
            let tokens: Vec<&str> = text.words[c.first..=c.last].to_vec();
            let mut entry = Entry {
                surface,
                tokens,
                votes: Votes::default(),
                handle: c.handle,
            };
            entry.votes = lexicon_votes(lex, &entry, c.product);
            entries.push(entry);
            entries.len() - 1
        });
        entries[e].votes.add(c.votes);
    }
    add_surnames(&mut entries, &mut by_surface);
    let (mut parent, group_votes) = merge(lex, &entries, &by_surface, &aliases);
    let mut mentions = scan_mentions(text, &entries, &mut parent);

    let mut roots: Vec<usize> = mentions.keys().copied().collect();
    roots.sort_unstable();
    let mut found = Vec::with_capacity(roots.len());
    for r in roots {
        let mut spans = mentions.remove(&r).unwrap_or_default();
        spans.sort();
        let kind = if entries[r].handle {
            EntityKind::Handle
        } else {
            let mut votes = group_votes[r];
            for (e, entry) in entries.iter().enumerate() {
                if e != r && root(&mut parent, e) == r {
                    votes.add(entry.votes);
                }
            }
            votes.add(entries[r].votes);
            votes.kind()
        };
        found.push(Found {
            name: entries[r].surface.to_owned(),
            kind,
            mentions: spans,
        });
    }
    found
}

/// A person's surname alone is a mention too, even where it opens a sentence.
fn add_surnames<'a>(entries: &mut Vec<Entry<'a>>, by_surface: &mut HashMap<&'a str, usize>) {
    let lex = lexicon::get();
    let mut surnames: Vec<&'a str> = Vec::new();
    for e in entries.iter() {
        if e.tokens.len() > 1
            && e.votes.person > e.votes.org.max(e.votes.place)
            && e.votes.person >= 3.0
        {
            if let Some(&last) = e.tokens.last() {
                // The surface of the last word, borrowed from the full name.
                let at = e.surface.len() - last.len();
                if e.surface[at..] == *last && !is_org_word(lex, last) {
                    surnames.push(&e.surface[at..]);
                }
            }
        }
    }
    for surname in surnames {
        if !by_surface.contains_key(surname) {
            by_surface.insert(surname, entries.len());
            entries.push(Entry {
                surface: surname,
                tokens: vec![surname],
                votes: Votes::default(),
                handle: false,
            });
        }
    }
}

/// Returns the representative of `x` in a union-find forest, compressing the path.
fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn initials(tokens: &[&str]) -> String {
    if tokens.len() < 2 {
        return String::new();
    }
    tokens
        .iter()
        .filter(|t| is_capitalised(t))
        .filter_map(|t| t.chars().next())
        .collect()
}

/// Groups surfaces into entities (union-find over entry indices): "(ACR)" aliases,
/// acronyms of a longer name's initials, a last word standing for the full name
/// ("Quint" for "Mara Quint", "Authority" for "Calder Port Authority"), and a
/// company's first word ("Orvane" for "Orvane Health Technologies"), when only one
/// name fits. Returns the parent of every entry and the votes the links add.
fn merge(
    lex: &Lexicon,
    entries: &[Entry<'_>],
    by_surface: &HashMap<&str, usize>,
    aliases: &[(&str, &str)],
) -> (Vec<usize>, Vec<Votes>) {
    let mut parent: Vec<usize> = (0..entries.len()).collect();
    let mut votes = vec![Votes::default(); entries.len()];
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
            votes[l].org += 1.0;
        }
    }
    // Index the longer names by their initials, last word and first word, so that each
    // short form is matched in constant time.
    // A single word that opens an institution's name is usually the place the
    // institution is named after ("Calder" in "Calder Port Authority").
    let institution_firsts: HashSet<&str> = entries
        .iter()
        .filter(|e| {
            e.tokens.len() > 1
                && lex
                    .institution_suffixes
                    .contains(e.tokens[e.tokens.len() - 1])
        })
        .map(|e| e.tokens[0])
        .collect();
    for (a, entry) in entries.iter().enumerate() {
        if let [word] = entry.tokens.as_slice() {
            if institution_firsts.contains(word) {
                votes[a].place += 1.5;
            }
        }
    }
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::default();
    for (b, entry) in entries.iter().enumerate() {
        if entry.tokens.len() > 1 && !entry.handle {
            by_initials
                .entry(initials(&entry.tokens))
                .or_default()
                .push(b);
            by_last
                .entry(entry.tokens[entry.tokens.len() - 1])
                .or_default()
                .push(b);
            if is_company_word(lex, entry.tokens[entry.tokens.len() - 1]) {
                by_first.entry(entry.tokens[0]).or_default().push(b);
            }
        }
    }
    for (a, entry) in entries.iter().enumerate() {
        let [word] = entry.tokens.as_slice() else {
            continue;
        };
        if is_acronym(word) {
            if let Some([b]) = by_initials.get(&word.replace('.', "")).map(Vec::as_slice) {
                union(&mut parent, a, *b);
                votes[*b].org += 1.0;
            }
            continue;
        }
        if let Some([b]) = by_last.get(word).map(Vec::as_slice) {
            union(&mut parent, a, *b);
            // A surname used alone says the full name is a person's; an institution's
            // last word says nothing new.
            if !is_org_word(lex, word) && !lex.place_suffixes.contains(word) {
                votes[*b].person += 2.0;
            }
        } else if let Some([b]) = by_first.get(word).map(Vec::as_slice) {
            union(&mut parent, a, *b);
            votes[*b].org += 2.0;
        }
    }
    (parent, votes)
}

/// Finds every occurrence of every surface, longest match first, in any line (an
/// all-capitals dateline "VELLMOUTH" included), and files it under its entity's root.
fn scan_mentions(
    text: &Text<'_>,
    entries: &[Entry<'_>],
    parent: &mut [usize],
) -> HashMap<usize, Vec<Span>> {
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::default();
    for (e, entry) in entries.iter().enumerate() {
        by_first.entry(entry.tokens[0]).or_default().push(e);
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|&e| std::cmp::Reverse(entries[e].tokens.len()));
    }
    let words = &text.words;
    let mut mentions: HashMap<usize, Vec<Span>> = HashMap::default();
    let mut i = 0;
    while i < text.tokens.len() {
        // Every name starts with a capital letter (or "@"): skip the rest unhashed.
        let starts_name =
            words[i].chars().next().is_some_and(char::is_uppercase) || words[i] == "@";
        if text.in_value[i] || !starts_name {
            i += 1;
            continue;
        }
        let matches_at = |e: usize, fold: bool| {
            let toks = &entries[e].tokens;
            i + toks.len() <= words.len()
                && toks.iter().zip(&words[i..]).all(|(a, b)| {
                    if fold {
                        a.eq_ignore_ascii_case(b) || title_case(b) == *a
                    } else {
                        a == b
                    }
                })
                && !(toks.len() == 1 && i > 0 && words[i - 1] == "@")
        };
        // An all-capitals word ("CALDER" in a dateline) is first read as the name it
        // spells, when the article also writes that name normally.
        let mut hit = None;
        if is_all_caps_word(words[i]) {
            hit = by_first
                .get(title_case(words[i]).as_str())
                .and_then(|list| list.iter().copied().find(|&e| matches_at(e, true)));
        }
        if hit.is_none() {
            hit = by_first
                .get(words[i])
                .and_then(|list| list.iter().copied().find(|&e| matches_at(e, false)));
        }
        match hit {
            Some(e) => {
                let n = entries[e].tokens.len();
                let r = root(parent, e);
                mentions.entry(r).or_default().push(text.span(i, i + n - 1));
                i += n;
            }
            None => i += 1,
        }
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::super::{sentences, tokens::tokenize, values, Context};
    use super::*;

    fn names(body: &str) -> Vec<(EntityKind, String, Vec<&str>)> {
        let tokens = tokenize(body);
        let sentences = sentences::split(body);
        let values = values::find(body, &tokens, &Context::default());
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
            names("Union chair Mara Quint rejected it. Quint’s members agreed. Quint left.");
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
    fn a_company_goes_by_its_first_word() {
        let found = names("Orvane Health Technologies said on Monday that Orvane would pay. Investors sold Orvane shares.");
        assert_eq!(
            found,
            vec![(
                EntityKind::Org,
                "Orvane Health Technologies".to_owned(),
                vec!["Orvane Health Technologies", "Orvane", "Orvane"]
            )]
        );
    }

    #[test]
    fn unknown_names_are_typed_by_how_they_are_used() {
        let found = names(
            "Ngozi Achterberg, 54, told the court she was shocked. Achterberg said more. \
             Later Tamsin Greer, a lawyer, spoke in Dorrow near Gullhaven Bay.",
        );
        let kinds: Vec<(EntityKind, &str)> = found.iter().map(|f| (f.0, f.1.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (EntityKind::Person, "Ngozi Achterberg"),
                (EntityKind::Person, "Tamsin Greer"),
                (EntityKind::Place, "Dorrow"),
                (EntityKind::Place, "Gullhaven Bay"),
            ]
        );
    }

    #[test]
    fn sentence_initial_words_and_headings_do_not_flood() {
        let found = names(
            "Speaking on Monday, officials agreed.\nPort Talks Stall As Union Walks Out\nHowever the talks went on.\nClosures are likely, and closures hurt.",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn titles_are_not_part_of_names() {
        let found = names("Judge Helena Strand adjourned the case. Dr. Inês Valcárcel agreed.");
        let names: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(names, ["Helena Strand", "Inês Valcárcel"]);
        assert!(found.iter().all(|f| f.0 == EntityKind::Person));
    }

    #[test]
    fn products_handles_places_and_web_addresses() {
        let found = names(
            "The board bought Kestrel 5 from Orvane Health Technologies in London, it said on @OrvaneHealth (ledgerdaily.example).",
        );
        let kinds: Vec<(EntityKind, &str)> = found.iter().map(|f| (f.0, f.1.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (EntityKind::Org, "Orvane Health Technologies"),
                (EntityKind::Org, "ledgerdaily.example"),
                (EntityKind::Place, "London"),
                (EntityKind::Product, "Kestrel 5"),
                (EntityKind::Handle, "@OrvaneHealth"),
            ]
        );
    }

    #[test]
    fn an_all_caps_dateline_is_a_mention() {
        let found = names("VELLMOUTH — Trains stopped in Vellmouth on Monday.");
        assert_eq!(found[0].2, vec!["VELLMOUTH", "Vellmouth"]);
    }

    #[test]
    fn titles_inside_names_particles_and_combining_accents() {
        let found = names(
            "Castrian Foreign Minister Pavel Dunmore met Jan van der Berg and Rene\u{301} Dupont. General Motors agreed.",
        );
        let kinds: Vec<(EntityKind, &str)> = found.iter().map(|f| (f.0, f.1.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (EntityKind::Person, "Jan van der Berg"),
                (EntityKind::Person, "Pavel Dunmore"),
                (EntityKind::Person, "Rene\u{301} Dupont"),
                (EntityKind::Org, "General Motors"),
            ]
        );
    }

    #[test]
    fn and_joins_only_inside_organisation_names() {
        let found = names("Crews from Marchfield Fire and Rescue Service helped. Mara Quint and Dev Malloy spoke.");
        let names: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert!(
            names.contains(&"Marchfield Fire and Rescue Service"),
            "{names:?}"
        );
        assert!(
            names.contains(&"Mara Quint") && names.contains(&"Dev Malloy"),
            "{names:?}"
        );
    }
}
