//! The word lists the analysis needs, compiled for gloss and shipped in `assets/lexicon`.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// The lexicons, parsed once.
pub struct Lexicon {
    pub given_names: HashSet<&'static str>,
    pub places: HashSet<&'static str>,
    /// Last words of business names, which articles shorten to the first word.
    pub company_suffixes: HashSet<&'static str>,
    /// Last words of institutions, which articles shorten to the last word.
    pub institution_suffixes: HashSet<&'static str>,
    pub place_suffixes: HashSet<&'static str>,
    pub place_prefixes: HashSet<&'static str>,
    pub titles: HashSet<&'static str>,
    pub reporting_verbs: HashSet<&'static str>,
    pub function_words: HashSet<&'static str>,
    pub not_names: HashSet<&'static str>,
}

impl Lexicon {
    /// Says whether `word` ends organisation names of either sort.
    pub fn is_org_suffix(&self, word: &str) -> bool {
        self.company_suffixes.contains(word) || self.institution_suffixes.contains(word)
    }
}

/// The words of one `[section]` of a list file.
fn section(text: &'static str, name: &str) -> HashSet<&'static str> {
    let mut inside = false;
    let mut out = HashSet::default();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == format!("[{name}]");
        } else if inside && !line.starts_with('#') {
            out.extend(line.split_whitespace());
        }
    }
    out
}

/// Words in a list file: `#` starts a comment; words are separated by spaces or lines.
fn words(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
}

/// Entries one per line (for lists whose entries contain spaces).
fn lines(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Returns the lexicons.
pub fn get() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        given_names: words(include_str!("../../assets/lexicon/given_names.txt")),
        places: lines(include_str!("../../assets/lexicon/places.txt")),
        company_suffixes: section(
            include_str!("../../assets/lexicon/org_suffixes.txt"),
            "company",
        ),
        institution_suffixes: section(
            include_str!("../../assets/lexicon/org_suffixes.txt"),
            "institution",
        ),
        place_suffixes: section(
            include_str!("../../assets/lexicon/place_affixes.txt"),
            "suffixes",
        ),
        place_prefixes: section(
            include_str!("../../assets/lexicon/place_affixes.txt"),
            "prefixes",
        ),
        titles: words(include_str!("../../assets/lexicon/titles.txt")),
        reporting_verbs: words(include_str!("../../assets/lexicon/reporting_verbs.txt")),
        function_words: words(include_str!("../../assets/lexicon/function_words.txt")),
        not_names: words(include_str!("../../assets/lexicon/not_names.txt")),
    })
}

/// Role words that, written next to a name, say it is a person's.
pub const PERSON_ROLES: &[&str] = &[
    "chair",
    "chairman",
    "chairwoman",
    "chief",
    "executive",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "minister",
    "secretary",
    "director",
    "analyst",
    "economist",
    "mayor",
    "president",
    "professor",
    "councillor",
    "councilor",
    "senator",
    "governor",
    "manager",
    "officer",
    "leader",
    "founder",
    "editor",
    "reporter",
    "correspondent",
    "lawyer",
    "mediator",
    "negotiator",
    "inspector",
    "auditor",
    "nurse",
    "doctor",
    "surgeon",
    "consultant",
    "researcher",
    "head",
    "deputy",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_hold_what_they_should() {
        let lex = get();
        assert!(lex.given_names.contains("Mara") || lex.given_names.contains("Maria"));
        assert!(lex.places.contains("New York"));
        assert!(lex.institution_suffixes.contains("Authority"));
        assert!(lex.company_suffixes.contains("Technologies"));
        assert!(!lex.company_suffixes.contains("Authority"));
        assert!(lex.place_suffixes.contains("Bay") && lex.place_prefixes.contains("River"));
        assert!(lex.titles.contains("Judge"));
        assert!(lex.reporting_verbs.contains("said"));
        assert!(lex.function_words.contains("The"));
        assert!(lex.not_names.contains("CEO"));
        assert!(!lex.given_names.contains("#"));
    }
}
