//! A deterministic generator of news corpora for benchmarks: it recombines and varies
//! the bundled sample articles into as many distinct articles as asked.
//!
//! Articles come in stories. Each story takes the sample articles of one of the two
//! sample stories and renames their people, organisations, places and products
//! consistently (the same new names across the story's articles), so a story's
//! articles carry the same quotes and figures as each other, in their own words, just
//! as the sample outlets do, while different stories share numbers but not names.
//! Outlets and dates are drawn per article. The same `(count, seed)` always gives the
//! same corpus.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use gloss::analysis::EntityKind;
use gloss::corpus::{load_sample, Article};

/// One generated article: a relative path and the file's text (Markdown with front
/// matter).
pub struct Generated {
    pub path: String,
    pub text: String,
}

/// `SplitMix64`: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(u64::MAX)).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ada", "Bram", "Celia", "Dorian", "Edda", "Farid", "Greta", "Hollis", "Ines", "Jonas",
    "Kalinda", "Lorcan", "Maren", "Nikos", "Oona", "Piet", "Quilla", "Rafe", "Signe", "Tobin",
    "Una", "Vesna", "Wendel", "Xanthe", "Yorick", "Zelda", "Anouk", "Bastian", "Cosima", "Dag",
];
const LAST: &[&str] = &[
    "Arkwright",
    "Bellweather",
    "Corrigan",
    "Dunmore",
    "Esterhazy",
    "Fairweather",
    "Galloway",
    "Hartnell",
    "Ingleby",
    "Jessop",
    "Kilbride",
    "Lowther",
    "Mortimer",
    "Nettleship",
    "Ormerod",
    "Pellegrini",
    "Quayle",
    "Rathbone",
    "Sandoval",
    "Thackeray",
    "Umber",
    "Vasquez",
    "Wetherby",
    "Yardley",
    "Zellweger",
    "Ashdown",
    "Brierley",
    "Calloway",
    "Dempsey",
    "Elsworth",
    "Fenwick",
    "Grimshaw",
    "Hazeldine",
    "Iredale",
    "Jardine",
    "Kettering",
    "Lindqvist",
    "Moravec",
];
const STEMS: &[&str] = &[
    "Arden",
    "Blackmere",
    "Corvane",
    "Dunlin",
    "Eskdale",
    "Fernhill",
    "Glenrith",
    "Harrowgate",
    "Islay",
    "Juniper",
    "Kestrow",
    "Larkspur",
    "Marrow",
    "Northgate",
    "Oakhurst",
    "Pennant",
    "Quarry",
    "Redmarsh",
    "Saltire",
    "Thornby",
    "Ullswater",
    "Vantage",
    "Westerly",
    "Yarrow",
    "Zephyr",
    "Ashby",
    "Bramwell",
    "Culver",
    "Drayton",
    "Elmstead",
];
const OUTLETS: &[&str] = &[
    "Ledger Daily",
    "Meridian Wire",
    "Harbour Signal",
    "Quayside Trade Journal",
    "Coastline Business Weekly",
    "The Morning Tally",
    "Low Tide Notes",
    "Wardline Health Review",
    "Northern Courier",
    "The Evening Post",
    "Riverside Gazette",
    "Capital Dispatch",
    "Market Bulletin",
    "Civic Observer",
    "Tidewater Times",
    "Granite Herald",
    "Summit Review",
    "Estuary News",
    "Plainsong Weekly",
    "Beacon Chronicle",
];

/// The two sample stories: their articles' bodies and titles, and the words of the
/// names they contain, by the kind of name.
struct Template {
    articles: Vec<Article>,
    words: Vec<(String, EntityKind)>,
}

fn templates() -> Vec<Template> {
    let (articles, _) = load_sample();
    // The sample's two stories are told apart by who they are about.
    let (port, health): (Vec<Article>, Vec<Article>) = articles
        .into_iter()
        .partition(|a| a.body.contains("Calder Port Authority") || a.body.contains("Dockworkers"));
    [port, health]
        .into_iter()
        .map(|articles| {
            let mut words: BTreeMap<String, EntityKind> = BTreeMap::new();
            for a in &articles {
                for e in gloss::analyze(&a.body).entities {
                    if matches!(
                        e.kind,
                        EntityKind::Person
                            | EntityKind::Org
                            | EntityKind::Place
                            | EntityKind::Product
                    ) {
                        for w in e.name.split_whitespace() {
                            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                            if w.chars().count() > 2
                                && w.chars().next().is_some_and(char::is_uppercase)
                                && !is_common(w)
                            {
                                words.entry(w.to_owned()).or_insert(e.kind);
                            }
                        }
                    }
                }
            }
            // Acronyms ("CPA", "NRHB") are renamed too, or every story would share them.
            for a in &articles {
                for w in a.body.split(|c: char| !c.is_alphanumeric()) {
                    if (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()) {
                        words.entry(w.to_owned()).or_insert(EntityKind::Other);
                    }
                }
            }
            Template {
                articles,
                words: words.into_iter().collect(),
            }
        })
        .collect()
}

/// Words inside names that are ordinary words and stay as they are.
fn is_common(word: &str) -> bool {
    matches!(
        word,
        "Port"
            | "Authority"
            | "Union"
            | "Health"
            | "Board"
            | "Regional"
            | "General"
            | "Hospital"
            | "Systems"
            | "Technologies"
            | "Capital"
            | "Lift"
            | "Road"
            | "Wharf"
            | "The"
            | "Of"
            | "Review"
            | "Daily"
            | "Weekly"
            | "Wire"
            | "Signal"
            | "Notes"
    )
}

/// Replaces whole words of `text` found in `map`.
fn rename(text: &str, map: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut word_start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(s) = word_start.take() {
            let word = &text[s..i];
            // "CALDER" in a dateline is renamed with "Calder".
            let shouted = word.chars().count() > 2 && word.chars().all(char::is_uppercase);
            let title: String = word
                .chars()
                .enumerate()
                .map(|(i, c)| if i == 0 { c } else { c.to_ascii_lowercase() })
                .collect();
            match (
                map.get(word),
                shouted.then(|| map.get(title.as_str())).flatten(),
            ) {
                (Some(new), _) => out.push_str(new),
                (None, Some(new)) => out.push_str(&new.to_uppercase()),
                (None, None) => out.push_str(word),
            }
        }
        if i < text.len() {
            out.push(c);
        }
    }
    out
}

/// Generates `count` articles from `seed`.
pub fn generate(count: usize, seed: u64) -> Vec<Generated> {
    let templates = templates();
    let mut rng = Rng(seed);
    let mut out = Vec::with_capacity(count);
    let mut story = 0usize;
    while out.len() < count {
        let template = &templates[story % templates.len()];
        // Consistent new names for this story.
        let mut map: BTreeMap<&str, String> = BTreeMap::new();
        for (word, kind) in &template.words {
            // Two draws per name keep stories from sharing names by chance.
            let new = match kind {
                EntityKind::Person => format!(
                    "{}{}{}",
                    rng.pick(LAST),
                    rng.pick(&["", "e", "son", "ley", "er", "ford", "wick"]),
                    rng.pick(&["", "-Hale", "-Moss", "-Reed", "-Vane", "-Cole"])
                ),
                EntityKind::Place => format!(
                    "{}{}",
                    rng.pick(STEMS),
                    rng.pick(&["ton", "by", "mouth", "ford", "wick", "stead", "ham"])
                ),
                _ => format!("{}{}", rng.pick(STEMS), rng.pick(STEMS).to_lowercase()),
            };
            map.insert(word.as_str(), new);
        }
        // Acronyms get new letters.
        for (word, _) in template
            .words
            .iter()
            .filter(|(w, _)| w.chars().all(|c| c.is_ascii_uppercase()))
        {
            let letters: String = (0..word.len())
                .map(|_| char::from(b'A' + u8::try_from(rng.below(26)).unwrap_or(0)))
                .collect();
            map.insert(word.as_str(), letters);
        }
        // Given names get given names.
        for first in template.words.iter().filter(|(w, _)| lexicon_first_name(w)) {
            map.insert(first.0.as_str(), rng.pick(FIRST).to_owned());
        }
        let day0 = rng.next() % 300;
        for (n, article) in template.articles.iter().enumerate() {
            if out.len() >= count {
                break;
            }
            let outlet = rng.pick(OUTLETS);
            let day = day0 + (rng.next() % 20);
            let (month, dom) = (1 + day / 28 % 12, 1 + day % 28);
            let title = rename(&article.meta.title, &map);
            let body = rename(&article.body, &map);
            let mut text = String::with_capacity(body.len() + 200);
            let _ = write!(
                text,
                "---\ntitle: {title}\nsource: {outlet}\ndate: 2026-{month:02}-{dom:02}\nurl: https://gen.example/{story}/{n}\nauthor: {} {}\n---\n{body}\n",
                rng.pick(FIRST),
                rng.pick(LAST)
            );
            out.push(Generated {
                path: format!("story-{story:05}/{n:02}.md"),
                text,
            });
        }
        story += 1;
    }
    out
}

fn lexicon_first_name(word: &str) -> bool {
    matches!(
        word,
        "Mara"
            | "Desmond"
            | "Priya"
            | "Dev"
            | "Karin"
            | "Tobias"
            | "Aurelia"
            | "Halima"
            | "Gregor"
            | "Marguerite"
            | "Inês"
            | "Zoë"
            | "Joel"
            | "Luca"
            | "Tamsin"
            | "Jun"
            | "Callum"
            | "Curtis"
    )
}

/// `count` generated articles, loaded and analysed on all cores (not timed by the
/// benchmarks that use it).
#[allow(dead_code)]
pub fn analysed(count: usize, seed: u64) -> (Vec<Article>, Vec<gloss::analysis::Analysis>) {
    use rayon::prelude::*;
    let articles: Vec<Article> = generate(count, seed)
        .iter()
        .map(|g| {
            gloss::corpus::parse_article(&g.path, &g.path, None, g.text.as_bytes())
                .expect("loads")
                .0
        })
        .collect();
    let analyses = articles
        .par_iter()
        .map(|a| gloss::analysis::analyze_with(&a.body, &gloss::analysis::Context::of(a)))
        .collect();
    (articles, analyses)
}
