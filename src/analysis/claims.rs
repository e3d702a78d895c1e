//! Claims: quotes with their speakers, figures, and attributed statements.
//!
//! A quote's speaker is looked for where news writing puts it, in this order: "according
//! to X"; after the closing mark (`,” Quint said` / `,” said union chair Mara Quint`);
//! before the opening mark (`Quint told reporters that “…”`); the subject of the
//! sentence (`He called it “…”`); the speaker of the quote just before it in the same
//! paragraph (a quote that runs on); and the next sentence (`“…” That was the
//! evidence of X, who told the court …`). Pronouns go to the subject of the nearest
//! sentence before that names a person; a speaker that is not a name ("a
//! spokesperson", "one freight forwarder") stays unnamed rather than borrowing the
//! nearest name.

use super::lexicon;
use super::tokens::Token;
use super::{ClaimKind, EntityKind, Found, Span};

/// A claim as the pipeline finds it, in byte offsets.
pub struct RawClaim {
    pub kind: ClaimKind,
    pub span: Span,
    pub quote: Option<Span>,
    /// The speaker, as an index into the names.
    pub speaker: Option<usize>,
}

/// Who a quote or statement belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Speaker {
    /// A named entity, by index into the names.
    Named(usize),
    /// Someone the text does not name ("a spokesperson").
    Unnamed,
    /// Nothing found yet.
    Unknown,
}

impl Speaker {
    fn found(self) -> bool {
        self != Self::Unknown
    }

    fn named(self) -> Option<usize> {
        match self {
            Self::Named(e) => Some(e),
            _ => None,
        }
    }
}

/// A mention of a name, in tokens.
#[derive(Debug, Clone, Copy)]
struct MentionAt {
    first: usize,
    last: usize,
    entity: usize,
    kind: EntityKind,
}

/// A quotation: its marks and its words, in tokens.
#[derive(Debug, Clone, Copy)]
struct Quote {
    open: usize,
    close: usize,
    single: bool,
}

const PREPOSITIONS: &[&str] = &[
    "for", "of", "at", "with", "to", "from", "by", "on", "in", "against", "about", "like", "than",
    "into", "over", "under", "between", "behind", "toward", "towards",
];

/// Words that open a noun phrase naming nobody in particular ("a spokesperson").
const DETERMINERS: &[&str] = &[
    "a", "an", "one", "some", "another", "several", "two", "three", "many", "most", "few", "A",
    "An", "One", "Some", "Another", "Several", "Two", "Three", "Many", "Most", "Few",
];

const PERSON_PRONOUNS: &[&str] = &["he", "she", "He", "She"];
const GROUP_PRONOUNS: &[&str] = &["it", "they", "It", "They"];

/// How many sentences back a pronoun may reach.
const PRONOUN_REACH: usize = 3;

struct Scan<'a> {
    body: &'a str,
    tokens: &'a [Token],
    words: Vec<&'a str>,
    /// The sentence of every token.
    sentence_of: Vec<usize>,
    /// The first token of every sentence, and one past its last.
    sentence_tokens: Vec<(usize, usize)>,
    /// The line (paragraph) of every sentence.
    paragraph_of: Vec<usize>,
    /// Mentions sorted by first token.
    mentions: Vec<MentionAt>,
    /// For every token that starts a mention, its index in `mentions`.
    mention_starting: Vec<Option<usize>>,
}

impl<'a> Scan<'a> {
    fn new(body: &'a str, tokens: &'a [Token], sentences: &[Span], names: &[Found]) -> Self {
        let words: Vec<&str> = tokens.iter().map(|t| t.text(body)).collect();
        let mut sentence_of = vec![0; tokens.len()];
        let mut sentence_tokens = Vec::with_capacity(sentences.len());
        let mut k = 0;
        for (n, s) in sentences.iter().enumerate() {
            while k < tokens.len() && tokens[k].span.end <= s.start {
                if n > 0 {
                    sentence_of[k] = n - 1;
                }
                k += 1;
            }
            let first = k;
            while k < tokens.len() && tokens[k].span.start < s.end {
                sentence_of[k] = n;
                k += 1;
            }
            sentence_tokens.push((first, k));
        }
        for slot in &mut sentence_of[k..] {
            *slot = sentences.len().saturating_sub(1);
        }
        let mut paragraph_of = Vec::with_capacity(sentences.len());
        let mut line = 0;
        let mut at = 0;
        for s in sentences {
            line += body[at..s.start].matches('\n').count();
            at = s.start;
            paragraph_of.push(line);
        }
        // Mentions in tokens.
        let mut starts: Vec<(usize, usize, usize)> = Vec::new();
        for (e, found) in names.iter().enumerate() {
            for m in &found.mentions {
                starts.push((m.start, m.end, e));
            }
        }
        starts.sort_unstable();
        let mut mentions = Vec::with_capacity(starts.len());
        let mut mention_starting = vec![None; tokens.len()];
        let mut t = 0;
        for (start, end, e) in starts {
            while t < tokens.len() && tokens[t].span.start < start {
                t += 1;
            }
            if t >= tokens.len() {
                break;
            }
            let mut last = t;
            while last + 1 < tokens.len() && tokens[last + 1].span.end <= end {
                last += 1;
            }
            mention_starting[t] = Some(mentions.len());
            mentions.push(MentionAt {
                first: t,
                last,
                entity: e,
                kind: names[e].kind,
            });
        }
        Self {
            body,
            tokens,
            words,
            sentence_of,
            sentence_tokens,
            paragraph_of,
            mentions,
            mention_starting,
        }
    }

    fn word(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }

    fn is_verb(&self, i: usize) -> bool {
        lexicon::get().reporting_verbs.contains(self.word(i))
    }

    /// Says whether the reporting verb at `i` reports something here: not passive
    /// ("can be predicted"), not a noun ("taking notes", "the claims"), not refused
    /// ("declined to say"), and "added" only before what was added ("added that …").
    fn reports(&self, i: usize) -> bool {
        if !self.is_verb(i) {
            return false;
        }
        let before = i.checked_sub(1).map_or("", |b| self.word(b));
        let two_before = i.checked_sub(2).map_or("", |b| self.word(b));
        let after = self.word(i + 1);
        let passive = matches!(
            before,
            "be" | "been" | "being" | "is" | "was" | "are" | "were"
        );
        let noun = matches!(
            before,
            "a" | "an"
                | "the"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "taking"
                | "making"
                | "these"
                | "those"
                | "such"
        );
        let refused = before == "not"
            || before == "n’t"
            || (before == "to"
                && matches!(
                    two_before,
                    "declined" | "refused" | "unable" | "decline" | "refuse" | "not"
                ));
        let object_verb = matches!(
            self.word(i),
            "added" | "adds" | "called" | "calls" | "described" | "describes"
        ) && !matches!(
            after,
            "that" | "," | ":" | "“" | "\"" | "for" | "it" | "them" | "him" | "her" | "this"
        );
        !(passive || noun || refused || object_verb)
    }

    /// Mentions whose first token lies in `from..to`.
    fn mentions_in(&self, from: usize, to: usize) -> &[MentionAt] {
        let a = self.mentions.partition_point(|m| m.first < from);
        let b = self.mentions.partition_point(|m| m.first < to);
        &self.mentions[a..b.max(a)]
    }

    /// Says whether a mention is the object of a preposition ("for Moorcroft") or a
    /// possessor ("Quint’s deputy"), which are not the subject of a clause.
    fn is_oblique(&self, m: &MentionAt) -> bool {
        let before = m.first.checked_sub(1).map_or("", |i| self.word(i));
        let after = self.word(m.last + 1);
        PREPOSITIONS.contains(&before) || matches!(after, "’s" | "'s" | "’" | "'")
    }

    /// The subject of the clause that ends just before `verb`, looked for in
    /// `from..verb`: the person nearest the verb, else another name, else a pronoun,
    /// else a phrase naming nobody.
    fn subject_before(&self, from: usize, verb: usize) -> Speaker {
        // "…, who told the court" names the person just before "who".
        let relative = verb > 0 && self.word(verb - 1) == "who";
        let candidates: Vec<&MentionAt> = self
            .mentions_in(from, verb)
            .iter()
            .filter(|m| relative || !self.is_oblique(m))
            .filter(|m| speakable(m.kind))
            .collect();
        if let Some(m) = candidates
            .iter()
            .rev()
            .find(|m| m.kind == EntityKind::Person)
        {
            return Speaker::Named(m.entity);
        }
        // Another name, when it sits right before the verb ("the CPA said") or opens
        // the clause ("Orvane Health Technologies, which makes Kestrel 5, said").
        let clause_opener = (from..verb).find(|&i| self.tokens[i].is_word);
        if let Some(m) = candidates.last() {
            if m.last + 1 >= verb.saturating_sub(1) {
                return Speaker::Named(m.entity);
            }
        }
        if let Some(m) = candidates.first() {
            if Some(m.first) == clause_opener {
                return Speaker::Named(m.entity);
            }
        }
        for i in (from..verb).rev() {
            let w = self.word(i);
            if PERSON_PRONOUNS.contains(&w) {
                return self.resolve(i, EntityKind::Person);
            }
            if GROUP_PRONOUNS.contains(&w) {
                return self.resolve(i, EntityKind::Org);
            }
        }
        // A lower-case phrase before the verb ("a spokesperson said", "officials
        // said") names nobody.
        if verb > from && self.tokens[verb - 1].is_word {
            return Speaker::Unnamed;
        }
        Speaker::Unknown
    }

    /// The speaker named after a reporting verb: `said union chair Mara Quint`,
    /// `said a spokesperson`.
    fn subject_after(&self, verb: usize, limit: usize) -> Speaker {
        let first = verb + 1;
        if first >= limit {
            return Speaker::Unknown;
        }
        let mut end = first;
        while end < limit
            && end < first + 10
            && !matches!(self.word(end), "." | "," | ";" | ":" | "—" | "–" | "(")
        {
            end += 1;
        }
        let w = self.word(first);
        if PERSON_PRONOUNS.contains(&w) {
            return self.resolve(first, EntityKind::Person);
        }
        let in_phrase = self.mentions_in(first, end);
        if let Some(m) = in_phrase
            .iter()
            .rev()
            .find(|m| m.kind == EntityKind::Person)
        {
            return Speaker::Named(m.entity);
        }
        if DETERMINERS.contains(&w) {
            return Speaker::Unnamed;
        }
        if let Some(m) = in_phrase.iter().find(|m| speakable(m.kind)) {
            return Speaker::Named(m.entity);
        }
        if matches!(w, "the" | "The") {
            return Speaker::Unnamed;
        }
        Speaker::Unknown
    }

    /// Resolves a pronoun at token `at` to the subject of the nearest sentence before it
    /// that has one of the wanted kind.
    fn resolve(&self, at: usize, kind: EntityKind) -> Speaker {
        let here = self.sentence_of[at];
        for s in (here.saturating_sub(PRONOUN_REACH)..=here).rev() {
            let (first, end) = self.sentence_tokens[s];
            let end = if s == here { at } else { end };
            // A sentence whose subject names nobody ("One freight forwarder, who …,
            // said") is the one the pronoun points back to.
            let opener = (first..end).find(|&i| self.tokens[i].is_word);
            if let Some(o) = opener {
                if DETERMINERS.contains(&self.word(o))
                    && self.mention_starting[o].is_none()
                    && s != here
                {
                    let first_name = self
                        .mentions_in(first, end)
                        .first()
                        .map_or(end, |m| m.first);
                    let first_verb = (o..end).find(|&i| self.is_verb(i)).unwrap_or(end);
                    if first_verb < first_name {
                        return Speaker::Unnamed;
                    }
                }
            }
            // The sentence's subject, or failing that anyone of the kind it names
            // ("The jury heard from X, who said …").
            let here_mentions = self.mentions_in(first, end);
            let found = here_mentions
                .iter()
                .find(|m| !self.is_oblique(m) && kind_fits(m.kind, kind))
                .or_else(|| here_mentions.iter().find(|m| kind_fits(m.kind, kind)));
            if let Some(m) = found {
                return Speaker::Named(m.entity);
            }
        }
        Speaker::Unknown
    }
}

fn speakable(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Person | EntityKind::Org | EntityKind::Other
    )
}

fn kind_fits(found: EntityKind, wanted: EntityKind) -> bool {
    match wanted {
        EntityKind::Person => found == EntityKind::Person,
        _ => matches!(found, EntityKind::Org | EntityKind::Other),
    }
}

/// Finds quotations, in tokens. Double quotes (curly or straight) pair within a line;
/// single quotes count where they open and close at word edges, outside a double
/// quote, so that apostrophes ("Quint’s", "don’t") are never taken for them.
fn quotes(scan: &Scan<'_>) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open_double: Option<usize> = None;
    let mut straight_open = false;
    let mut open_single: Option<usize> = None;
    let mut line_end = 0;
    for (i, t) in scan.tokens.iter().enumerate() {
        if t.span.start >= line_end {
            open_double = None;
            straight_open = false;
            open_single = None;
            line_end = scan.body[t.span.start..]
                .find('\n')
                .map_or(scan.body.len(), |p| t.span.start + p);
        }
        let w = scan.words[i];
        match w {
            "“" => open_double = Some(i),
            "”" => {
                if let Some(o) = open_double.take() {
                    out.push(Quote {
                        open: o,
                        close: i,
                        single: false,
                    });
                    open_single = None;
                }
            }
            "\"" => {
                if straight_open {
                    if let Some(o) = open_double.take() {
                        out.push(Quote {
                            open: o,
                            close: i,
                            single: false,
                        });
                        open_single = None;
                    }
                    straight_open = false;
                } else {
                    open_double = Some(i);
                    straight_open = true;
                }
            }
            "‘" | "'" | "’" if open_double.is_none() => {
                let before = scan.body[..t.span.start].chars().next_back();
                let after = scan.body[t.span.end..].chars().next();
                let opens = !before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric);
                let closes = before
                    .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '!' | '?'))
                    && !after.is_some_and(char::is_alphanumeric);
                if w != "’" && opens {
                    open_single = Some(i);
                } else if closes {
                    if let Some(o) = open_single.take() {
                        out.push(Quote {
                            open: o,
                            close: i,
                            single: true,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Finds the claims of `body` in reading order.
pub fn find(
    body: &str,
    tokens: &[Token],
    sentences: &[Span],
    names: &[Found],
    values: &[Found],
) -> Vec<RawClaim> {
    let scan = Scan::new(body, tokens, sentences, names);
    let mut claims: Vec<RawClaim> = Vec::new();
    let mut quoted_sentences = vec![false; sentences.len()];
    // The speaker of the last quote, and its paragraph, for quotes that run on.
    let mut previous: Option<(usize, Speaker)> = None;
    let mut previous_single = false;
    for q in quotes(&scan) {
        let s_open = scan.sentence_of[q.open];
        let s_close = scan.sentence_of[q.close];
        // Marks around nothing but punctuation ("“#$%”", a run of quote marks) quote
        // nobody.
        if !(q.open + 1..q.close).any(|i| tokens[i].is_word) {
            continue;
        }
        let words = q.close - q.open - 1;
        let paragraph = scan.paragraph_of[s_open];
        let mut speaker = attribute(&scan, q, !q.single);
        let short = words < 3;
        // A whole quoted sentence with no speaker of its own runs on from the quote
        // before it, or is attributed in the sentence after it.
        let opens_sentence = scan.sentence_tokens[s_open].0 == q.open;
        // British style runs single-quoted sentences on in the same way.
        let single_runs_on = q.single && previous_single;
        if !speaker.found() && !short && (!q.single || single_runs_on) && opens_sentence {
            if let Some((_, s)) = previous.filter(|(p, _)| *p == paragraph) {
                speaker = s;
            } else if s_close + 1 < sentences.len() && scan.paragraph_of[s_close + 1] == paragraph {
                speaker = next_sentence_speaker(&scan, s_close + 1);
            }
        }
        // A scare quote ("thin") or a single-quoted phrase counts only when someone
        // is said to have spoken it.
        if (short || q.single) && !speaker.found() {
            continue;
        }
        previous = Some((paragraph, speaker));
        previous_single = q.single;
        for flag in &mut quoted_sentences[s_open..=s_close] {
            *flag = true;
        }
        let inner = Span {
            start: tokens[q.open].span.end,
            end: tokens[q.close].span.start,
        };
        claims.push(RawClaim {
            kind: ClaimKind::Quote,
            span: Span {
                start: sentences[s_open].start,
                end: sentences[s_close].end,
            },
            quote: Some(inner),
            speaker: speaker.named(),
        });
    }
    // Figures and statements in the sentences without quotes.
    let value_tokens = value_token_flags(tokens, values);
    for (n, s) in sentences.iter().enumerate() {
        if quoted_sentences[n] {
            continue;
        }
        let (first, end) = scan.sentence_tokens[n];
        let names_here = !scan.mentions_in(first, end).is_empty();
        // Money, shares and counts make a figure on their own; a date needs a name.
        let has_amount = value_tokens[first..end]
            .iter()
            .any(|v| matches!(v, Some(k) if *k != EntityKind::Date));
        let has_date = value_tokens[first..end].contains(&Some(EntityKind::Date));
        if has_amount || (has_date && names_here) {
            // A figure reported by someone keeps its source as the speaker.
            let speaker = (first..end)
                .find(|&i| scan.reports(i))
                .map_or(Speaker::Unknown, |v| scan.subject_before(first, v));
            claims.push(RawClaim {
                kind: ClaimKind::Figure,
                span: *s,
                quote: None,
                speaker: speaker.named(),
            });
            continue;
        }
        let according = (first..end)
            .any(|i| scan.word(i).eq_ignore_ascii_case("according") && scan.word(i + 1) == "to");
        let verb = (first..end).find(|&i| scan.reports(i));
        if verb.is_none() && !according {
            continue;
        }
        let speaker = verb.map_or(Speaker::Unknown, |v| scan.subject_before(first, v));
        claims.push(RawClaim {
            kind: ClaimKind::Statement,
            span: *s,
            quote: None,
            speaker: speaker.named(),
        });
    }
    claims.sort_by_key(|c| (c.span.start, c.kind != ClaimKind::Quote));
    claims
}

/// The kind of value each token belongs to, if any.
fn value_token_flags(tokens: &[Token], values: &[Found]) -> Vec<Option<EntityKind>> {
    let mut spans: Vec<(Span, EntityKind)> = values
        .iter()
        .flat_map(|v| v.mentions.iter().map(move |&s| (s, v.kind)))
        .collect();
    spans.sort_by_key(|(s, _)| *s);
    tokens
        .iter()
        .map(|t| {
            let k = spans.partition_point(|(s, _)| s.end <= t.span.start);
            spans
                .get(k)
                .filter(|(s, _)| s.start <= t.span.start)
                .map(|(_, kind)| *kind)
        })
        .collect()
}

/// Finds the speaker of a quote in its own sentences.
fn attribute(scan: &Scan<'_>, q: Quote, subject_fallback: bool) -> Speaker {
    let (s_first, _) = scan.sentence_tokens[scan.sentence_of[q.open]];
    let (_, s_end) = scan.sentence_tokens[scan.sentence_of[q.close]];
    // "according to X, “…”" or "“…”, according to X".
    for (from, to) in [(s_first, q.open), (q.close + 1, s_end)] {
        for i in from..to {
            if scan.word(i).eq_ignore_ascii_case("according") && scan.word(i + 1) == "to" {
                if let Some(m) = scan.mentions_in(i + 2, (i + 8).min(to)).first() {
                    return Speaker::Named(m.entity);
                }
                return Speaker::Unnamed;
            }
        }
    }
    // After the closing mark: `,” Quint said` / `,” said Quint`.
    let limit = s_end.min(q.close + 14);
    let after_verb = (q.close + 1..limit).find(|&i| scan.is_verb(i));
    // A verb in a clause joined on after the quote ("… “thin” and said …") belongs to
    // the sentence's subject, not to a speaker named after the quote.
    let joined = |v: usize| {
        (q.close + 1..v).any(|i| {
            matches!(
                scan.word(i),
                "and" | "but" | "or" | "that" | "which" | "while"
            )
        })
    };
    if let Some(v) = after_verb.filter(|&v| !joined(v)) {
        let between = scan.mentions_in(q.close + 1, v);
        let has_subject = !between.is_empty()
            || (q.close + 1..v).any(|i| {
                PERSON_PRONOUNS.contains(&scan.word(i))
                    || GROUP_PRONOUNS.contains(&scan.word(i))
                    || scan.tokens[i].is_word
            });
        let speaker = if has_subject {
            scan.subject_before(q.close + 1, v)
        } else {
            scan.subject_after(v, s_end)
        };
        if speaker.found() {
            return speaker;
        }
    }
    // Before the opening mark: `Quint said: “…”`, `X told reporters that “…”`.
    let before_verb = (s_first..q.open).rev().find(|&i| scan.is_verb(i));
    if let Some(v) = before_verb {
        // The clause starts after any earlier quote in the sentence.
        let clause = (s_first..v)
            .rev()
            .find(|&i| matches!(scan.word(i), "”" | "\"" | ";"))
            .map_or(s_first, |i| i + 1);
        let speaker = scan.subject_before(clause, v);
        if speaker.found() {
            return speaker;
        }
        let speaker = scan.subject_after(v, q.open);
        if speaker.found() {
            return speaker;
        }
    }
    // The sentence's subject, when it opens the sentence: `He called it “…”`. A
    // single-quoted phrase needs a reporting verb: in `X: Is ‘sell-out’ fair?` it is
    // a word under discussion, not speech.
    if !subject_fallback {
        return Speaker::Unknown;
    }
    let opener = (s_first..q.open).find(|&i| scan.tokens[i].is_word);
    if let Some(o) = opener {
        if let Some(m) = scan.mention_starting[o].map(|k| scan.mentions[k]) {
            if m.kind == EntityKind::Person {
                return Speaker::Named(m.entity);
            }
        }
        if PERSON_PRONOUNS.contains(&scan.word(o)) {
            return scan.resolve(o, EntityKind::Person);
        }
    }
    Speaker::Unknown
}

/// `“…” That was the evidence of X, who told the court …`: the speaker of a quote
/// named in the sentence after it.
fn next_sentence_speaker(scan: &Scan<'_>, s: usize) -> Speaker {
    let (first, end) = scan.sentence_tokens[s];
    // "That was Quint’s verdict", "Those were the words of X".
    let points_back = matches!(
        (scan.word(first), scan.word(first + 1)),
        ("That" | "This" | "Such", "was" | "is")
            | ("Those" | "These", "were" | "are")
            | ("So", "said")
    );
    if points_back {
        if let Some(m) = scan
            .mentions_in(first, (first + 10).min(end))
            .iter()
            .find(|m| m.kind == EntityKind::Person)
        {
            return Speaker::Named(m.entity);
        }
    }
    match (first..end).find(|&i| scan.is_verb(i)) {
        Some(v) => match scan.subject_before(first, v) {
            Speaker::Named(e) => Speaker::Named(e),
            _ => Speaker::Unknown,
        },
        None => Speaker::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, ClaimKind};

    fn speakers(body: &str) -> Vec<(Option<String>, Option<String>)> {
        analyze(body)
            .claims
            .into_iter()
            .filter(|c| c.kind == ClaimKind::Quote)
            .map(|c| (c.quote, c.speaker))
            .collect()
    }

    fn check(body: &str, expected: &[(&str, Option<&str>)]) {
        let found = speakers(body);
        assert_eq!(found.len(), expected.len(), "{found:?}");
        for (got, (quote, speaker)) in found.iter().zip(expected) {
            assert!(
                got.0.as_deref().is_some_and(|q| q.contains(quote)),
                "{got:?} for {quote:?}"
            );
            assert_eq!(got.1.as_deref(), *speaker, "speaker of {quote:?}");
        }
    }

    #[test]
    fn speakers_after_the_quote() {
        check(
            "Union chair Mara Quint spoke on Monday.\n“It is an insult to every crew,” Quint said.\nThe offer was “final and complete”, said Desmond Fairlie of the Calder Port Authority.\n“We will look again,” said Corbel analyst Hattie Okoro.\n“Nobody’s panicking yet,” said a spokesperson for the Authority.",
            &[
                ("It is an insult", Some("Mara Quint")),
                ("final and complete", Some("Desmond Fairlie")),
                ("We will look again", Some("Hattie Okoro")),
                ("panicking", None),
            ],
        );
    }

    #[test]
    fn speakers_before_the_quote_and_pronouns() {
        check(
            "According to Mara Quint, “this will not stand for long.”\nAmélie Fontaine-Roux, for Declan Moorcroft, said her client was innocent.\n“Signing is not a crime,” she told the jury.\nQuint’s deputy, Dev Malloy, said no action was planned. “We are not there yet,” he said.",
            &[
                ("this will not stand", Some("Mara Quint")),
                ("Signing is not a crime", Some("Amélie Fontaine-Roux")),
                ("not there yet", Some("Dev Malloy")),
            ],
        );
    }

    #[test]
    fn quotes_that_run_on_and_quotes_attributed_after() {
        check(
            "“Carriers do not leave a port because of one bad week,” Tobias Renwick said. “They leave because they cannot plan.”\n“Nobody ever visited those warehouses.” That was the evidence of Tamsin Greer, an investigator, who told the court she found nothing.",
            &[
                ("Carriers do not leave", Some("Tobias Renwick")),
                ("They leave because", Some("Tobias Renwick")),
                ("Nobody ever visited", Some("Tamsin Greer")),
            ],
        );
    }

    #[test]
    fn an_unnamed_source_does_not_borrow_a_name() {
        check(
            "Desmond Fairlie left early. One freight forwarder, who asked not to be named, said customers were worried. “Nobody is panicking yet,” he said.",
            &[("Nobody is panicking", None)],
        );
    }

    #[test]
    fn single_quotes_count_when_attributed_and_apostrophes_never() {
        check(
            "Mara Quint said the offer was ‘final and complete’ on Monday. The crews’ union didn’t agree with the ‘temporary’ plan.",
            &[("final and complete", Some("Mara Quint"))],
        );
    }

    #[test]
    fn figures_and_statements() {
        let body = "The Calder Port Authority will spend $40 million on cranes.\nThe Dockworkers Union said the offer was final.\nIt rained.";
        let found: Vec<(ClaimKind, Option<String>)> = analyze(body)
            .claims
            .into_iter()
            .map(|c| (c.kind, c.speaker))
            .collect();
        assert_eq!(
            found,
            vec![
                (ClaimKind::Figure, None),
                (ClaimKind::Statement, Some("Dockworkers Union".to_owned())),
            ]
        );
    }
}
