//! The exports on the sample corpus with a fixed set of annotations: golden files of
//! every format, the JSON round trip, CSV formula guards, the W3C model, and that no
//! output carries a control character.

use gloss::analysis::{analyze_with, Analysis, Context, EntityKind};
use gloss::annotations::{Anchor, Annotation, Target};
use gloss::corpus::{load_sample, Article};
use gloss::export::{
    self, claims_report, export_set, import_json, ClaimsReport, ExportArticle, ExportSet,
    ExportedAnnotation, ExportedArticle,
};
use gloss::links::{link, LinkArticle, Links};
use proptest::prelude::*;
use serde_json::Value;

struct Corpus {
    articles: Vec<Article>,
    analyses: Vec<Analysis>,
    links: Links,
}

fn corpus() -> Corpus {
    let (articles, _) = load_sample();
    let analyses: Vec<Analysis> = articles
        .iter()
        .map(|a| analyze_with(&a.body, &Context::of(a)))
        .collect();
    let input: Vec<LinkArticle<'_>> = articles
        .iter()
        .zip(&analyses)
        .map(|(a, an)| LinkArticle::of(a, an))
        .collect();
    let links = link(&input);
    Corpus {
        articles,
        analyses,
        links,
    }
}

fn index_of(c: &Corpus, path_end: &str) -> usize {
    c.articles
        .iter()
        .position(|a| a.path.ends_with(path_end))
        .unwrap_or_else(|| panic!("no sample article {path_end}"))
}

/// The character range of the first occurrence of `needle` in `body`.
fn span(body: &str, needle: &str) -> (usize, usize) {
    let byte = body
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = body[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn annotation(
    n: u32,
    anchor: Anchor,
    target: Target,
    tags: &[&str],
    note: Option<&str>,
) -> Annotation {
    Annotation {
        id: format!("a{n:016x}"),
        created: format!("2026-03-1{n}T08:0{n}:00Z"),
        modified: format!("2026-03-1{n}T09:0{n}:30Z"),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        note: note.map(str::to_owned),
        target,
        anchor,
    }
}

/// The fixed annotations, one list per article of the corpus.
fn annotations(c: &Corpus) -> Vec<Vec<Annotation>> {
    let mut out = vec![Vec::new(); c.articles.len()];
    let ledger = index_of(c, "talks-stall.md");
    let wire = index_of(c, "calder-dockworkers-reject-offer.txt");
    let signal = index_of(c, "union-rejects-final-offer.txt");
    let notes = index_of(c, "what-the-cranes-mean.md");

    let body = &c.articles[ledger].body;
    let (s, e) = span(
        body,
        "Contract talks at the Port of Calder broke down on Monday",
    );
    out[ledger].push(annotation(
        1,
        Anchor::new(body, s, e),
        Target::Passage,
        &["port", "talks"],
        Some("Compare with the Wire.\nThey say the vote was on Monday too."),
    ));
    // A claim of this article that other sources carry.
    let claim = c.analyses[ledger]
        .claims
        .iter()
        .enumerate()
        .find(|(i, _)| c.links.cluster_of(ledger, *i).is_some())
        .map(|(_, claim)| claim)
        .expect("the Ledger article shares a claim");
    out[ledger].push(annotation(
        2,
        Anchor::new(body, claim.start, claim.end),
        Target::Claim {
            claim: claim.id.clone(),
        },
        &["disputed"],
        None,
    ));

    let body = &c.articles[wire].body;
    let (s, e) = span(
        body,
        "\"This offer is an insult to every crew on the quay, and we will not put our names to it,\" said Quint",
    );
    out[wire].push(annotation(
        3,
        Anchor::new(body, s, e),
        Target::Passage,
        &["key-quote"],
        Some("=HYPERLINK(\"http://evil.example\",\"click\")"),
    ));
    let entity = c.analyses[wire]
        .entities
        .iter()
        .find(|e| e.kind == EntityKind::Person)
        .expect("a person in the Wire article");
    let m = &entity.mentions[0];
    out[wire].push(annotation(
        4,
        Anchor::new(body, m.start, m.end),
        Target::Entity {
            name: entity.name.clone(),
            entity_kind: entity.kind.as_str().to_owned(),
        },
        &[],
        Some("Check her title \u{1b}[31mred\u{1b}[0m and \u{1b}]0;owned\u{7}done"),
    ));

    let body = &c.articles[signal].body;
    let (s, e) = span(body, "Dockworkers Union");
    out[signal].push(annotation(
        5,
        Anchor::new(body, s, e),
        Target::Passage,
        &[],
        None,
    ));

    // As a hand-edited store could hold it: nothing here came from the text.
    out[notes].push(annotation(
        6,
        Anchor {
            exact: "@SUM(1+1) \u{202e}desrever\u{202c} \u{9b}2J".to_owned(),
            prefix: "+before\u{7}".to_owned(),
            suffix: "-after\r\n".to_owned(),
            start: 12,
            end: 30,
            text_hash: "0123456789abcdef".to_owned(),
        },
        Target::Passage,
        &["+plus", "-minus"],
        Some("\t-tabbed note"),
    ));
    out
}

fn set_of(c: &Corpus) -> ExportSet {
    let annotations = annotations(c);
    let input: Vec<(&Article, &Analysis, &[Annotation])> = c
        .articles
        .iter()
        .zip(&c.analyses)
        .zip(&annotations)
        .map(|((a, an), list)| (a, an, list.as_slice()))
        .collect();
    export_set(&input, &c.links)
}

fn report_of(c: &Corpus) -> ClaimsReport {
    let input: Vec<(&Article, &Analysis)> = c.articles.iter().zip(&c.analyses).collect();
    let mut report = claims_report(&input, &c.links);
    if let Some(first) = report.claims.first_mut() {
        first.tags = vec!["disputed".to_owned(), "=cmd".to_owned()];
    }
    report
}

// ---------------------------------------------------------------------------------
// Golden files

#[test]
fn markdown_golden() {
    let c = corpus();
    insta::assert_snapshot!("markdown", export::markdown(&set_of(&c)));
}

#[test]
fn json_golden() {
    let c = corpus();
    insta::assert_snapshot!("json", export::json(&set_of(&c)));
}

#[test]
fn csv_golden() {
    let c = corpus();
    insta::assert_snapshot!("csv", export::csv(&set_of(&c)));
}

#[test]
fn w3c_golden() {
    let c = corpus();
    insta::assert_snapshot!("w3c", export::w3c(&set_of(&c)));
}

#[test]
fn claims_markdown_golden() {
    let c = corpus();
    insta::assert_snapshot!("claims_markdown", export::claims_markdown(&report_of(&c)));
}

#[test]
fn claims_csv_golden() {
    let c = corpus();
    insta::assert_snapshot!("claims_csv", export::claims_csv(&report_of(&c)));
}

// ---------------------------------------------------------------------------------
// The builders

#[test]
fn the_set_holds_annotated_articles_by_outlet_then_date_in_text_order() {
    let c = corpus();
    let set = set_of(&c);
    assert_eq!(set.articles.len(), 4);
    assert_eq!(set.len(), 6);
    let outlets: Vec<&str> = set.articles.iter().map(|a| a.article.outlet()).collect();
    let mut sorted = outlets.clone();
    sorted.sort_unstable();
    assert_eq!(outlets, sorted);
    for article in &set.articles {
        let starts: Vec<usize> = article
            .annotations
            .iter()
            .map(|a| a.annotation.anchor.start)
            .collect();
        assert!(starts.is_sorted(), "{starts:?}");
    }
}

#[test]
fn a_shared_claim_lists_the_other_sources_with_their_wording() {
    let c = corpus();
    let set = set_of(&c);
    let claim = set
        .articles
        .iter()
        .flat_map(|a| &a.annotations)
        .find(|a| a.annotation.id == format!("a{:016x}", 2))
        .expect("the claim annotation");
    assert!(!claim.also_in.is_empty());
    let own = &c.articles[index_of(&c, "talks-stall.md")].meta.title;
    assert!(claim.also_in.iter().all(|o| &o.title != own), "not itself");
    let md = export::markdown(&set);
    for other in &claim.also_in {
        assert!(md.contains(&other.text), "{} missing", other.text);
    }
    let bare = set
        .articles
        .iter()
        .flat_map(|a| &a.annotations)
        .find(|a| a.annotation.id == format!("a{:016x}", 5))
        .expect("the bare highlight");
    assert!(bare.also_in.is_empty());
}

#[test]
fn the_claims_report_has_every_shared_claim_with_its_sources_earliest_first() {
    let c = corpus();
    let report = report_of(&c);
    let shared = c.links.clusters.iter().filter(|k| k.sources() > 1).count();
    assert!(shared > 0);
    assert_eq!(report.claims.len(), shared);
    for claim in &report.claims {
        assert!(claim.sources.len() >= 2, "{claim:?}");
        let dates: Vec<&str> = claim
            .sources
            .iter()
            .filter_map(|s| s.date.as_deref())
            .collect();
        assert!(dates.is_sorted(), "{dates:?}");
    }
    let widths: Vec<usize> = c
        .links
        .clusters
        .iter()
        .filter(|k| k.sources() > 1)
        .map(gloss::links::Cluster::sources)
        .collect();
    assert!(
        widths.is_sorted_by(|a, b| a >= b),
        "most widely carried first"
    );
}

// ---------------------------------------------------------------------------------
// JSON

#[test]
fn json_round_trip_is_lossless_and_identical() {
    let c = corpus();
    let set = set_of(&c);
    let first = export::json(&set);
    let imported = import_json(&first).expect("reads its own export");
    let originals: Vec<(ExportArticle, Vec<Annotation>)> = set
        .articles
        .iter()
        .map(|a| {
            (
                a.article.clone(),
                a.annotations.iter().map(|e| e.annotation.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(imported, originals, "every field comes back exactly");
    let again = export::json(&ExportSet::from_imported(imported));
    assert_eq!(first, again);
}

#[test]
fn json_is_versioned_and_keeps_hostile_text_only_as_escapes() {
    let c = corpus();
    let text = export::json(&set_of(&c));
    let value: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["gloss_export"], 1);
    assert!(text.contains("\\u001b[31m"), "the escape is kept, escaped");
    assert!(text.contains("\\u202e") && text.contains("\\u009b"));
}

#[test]
fn import_names_what_is_wrong() {
    let err = import_json("{ not json").expect_err("not JSON");
    assert!(err.starts_with("not JSON"), "{err}");

    let err = import_json(r#"{"gloss_export": 2, "articles": []}"#).expect_err("version");
    assert!(
        err.contains("version 2") && err.contains("version 1"),
        "{err}"
    );

    let err = import_json(r#"{"articles": []}"#).expect_err("no version");
    assert!(err.contains("gloss_export"), "{err}");

    let c = corpus();
    let text = export::json(&set_of(&c));
    let mut value: Value = serde_json::from_str(&text).expect("valid JSON");
    value["articles"][1]["annotations"][0]
        .as_object_mut()
        .expect("an annotation")
        .remove("created");
    let err = import_json(&value.to_string()).expect_err("missing field");
    assert!(
        err.contains("articles[1].annotations[0]") && err.contains("created"),
        "{err}"
    );

    value["articles"][0]
        .as_object_mut()
        .expect("an entry")
        .remove("article");
    let err = import_json(&value.to_string()).expect_err("missing article");
    assert!(
        err.contains("articles[0]") && err.contains("article"),
        "{err}"
    );

    let err = import_json("{\"gloss_export\": \"\u{1b}[2J\"}").expect_err("odd version");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

// ---------------------------------------------------------------------------------
// CSV

/// Reads RFC 4180 CSV with CRLF row ends into rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                assert!(field.is_empty(), "a quote inside an unquoted field");
                quoted = true;
            }
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "rows end in CRLF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            '\n' => panic!("a bare line feed outside quotes"),
            c => field.push(c),
        }
    }
    assert!(!quoted, "an unterminated quote");
    assert!(
        row.is_empty() && field.is_empty(),
        "the last row ends in CRLF"
    );
    rows
}

#[test]
fn csv_has_the_readwise_columns_and_one_row_per_annotation() {
    let c = corpus();
    let set = set_of(&c);
    let rows = parse_csv(&export::csv(&set));
    assert_eq!(
        rows[0],
        [
            "Highlight",
            "Title",
            "Author",
            "URL",
            "Note",
            "Location",
            "Date",
            "Tags",
            "Source"
        ]
    );
    assert_eq!(rows.len(), 1 + set.len());
    assert!(rows.iter().all(|r| r.len() == 9));
    let quote = rows
        .iter()
        .find(|r| r[0].contains("insult to every crew"))
        .expect("the quote's row");
    assert!(
        quote[0].starts_with("\"This offer"),
        "quotes survive: {}",
        quote[0]
    );
    assert_eq!(quote[7], "key-quote");
    assert_eq!(quote[8], "Meridian Wire");
    let noted = rows
        .iter()
        .find(|r| r[7] == "port, talks")
        .expect("the tagged passage");
    assert_eq!(
        noted[4],
        "Compare with the Wire.\nThey say the vote was on Monday too."
    );
    assert_eq!(noted[6], "2026-03-11T08:01:00Z");
    assert!(noted[5].parse::<usize>().is_ok());
}

fn one_note(note: &str, title: &str) -> ExportSet {
    let body = "The council approved the plan.";
    ExportSet {
        articles: vec![ExportedArticle {
            article: ExportArticle {
                id: "0000000000000001".into(),
                path: "/tmp/a b.txt".into(),
                title: title.into(),
                ..ExportArticle::default()
            },
            annotations: vec![ExportedAnnotation {
                annotation: annotation(
                    1,
                    Anchor::new(body, 4, 11),
                    Target::Passage,
                    &[],
                    Some(note),
                ),
                also_in: Vec::new(),
            }],
        }],
    }
}

#[test]
fn csv_cells_that_could_run_as_formulas_are_neutralised() {
    for start in ["=", "+", "-", "@", "\t", "\r", "  =", "\t="] {
        let hostile = format!("{start}cmd|' /C calc'!A0");
        let rows = parse_csv(&export::csv(&one_note(&hostile, &hostile)));
        for cell in [&rows[1][1], &rows[1][4]] {
            let first = cell.chars().next().expect("not empty");
            assert!(
                !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r'),
                "{start:?} gave {cell:?}"
            );
            let trimmed = cell.trim_start();
            if cell.starts_with('\'') {
                assert!(cell.ends_with("cmd|' /C calc'!A0"), "{cell:?}");
            } else {
                assert!(
                    !trimmed.starts_with(['=', '+', '-', '@']),
                    "{start:?} gave {cell:?}"
                );
            }
        }
        if matches!(start, "=" | "+" | "-" | "@" | "  =" | "\t=") {
            assert!(rows[1][4].starts_with('\''), "{start:?}: {:?}", rows[1][4]);
        }
    }
    let rows = parse_csv(&export::csv(&one_note("plain, \"quoted\" note", "Title")));
    assert_eq!(
        rows[1][4], "plain, \"quoted\" note",
        "harmless text is unchanged"
    );
}

// ---------------------------------------------------------------------------------
// W3C

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is a string in {v}"))
}

/// Checks one annotation of the model against the annotation it was made from.
fn check_annotation(item: &Value, a: &Annotation) {
    assert_eq!(str_of(item, "id"), format!("urn:gloss:annotation:{}", a.id));
    assert_eq!(item["type"], "Annotation");
    assert_eq!(str_of(item, "created"), a.created);
    assert_eq!(str_of(item, "modified"), a.modified);
    let motivations: Vec<&str> = match &item["motivation"] {
        Value::String(m) => vec![m.as_str()],
        Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
        other => panic!("motivation {other}"),
    };
    let has_note = a.note.is_some();
    let has_tags = !a.tags.is_empty();
    assert_eq!(motivations.contains(&"commenting"), has_note, "{item}");
    assert_eq!(motivations.contains(&"tagging"), has_tags, "{item}");
    assert_eq!(
        motivations == ["highlighting"],
        !has_note && !has_tags,
        "{item}"
    );
    let bodies = item
        .get("body")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert_eq!(bodies.len(), usize::from(has_note) + a.tags.len(), "{item}");
    for body in &bodies {
        assert_eq!(body["type"], "TextualBody");
        let value = str_of(body, "value");
        match str_of(body, "purpose") {
            "commenting" => {
                assert_eq!(body["format"], "text/plain");
                assert!(value.len() <= a.note.as_deref().unwrap_or("").len() + 8);
            }
            "tagging" => assert!(a.tags.iter().any(|t| t == value), "{value}"),
            other => panic!("purpose {other}"),
        }
    }
    let target = &item["target"];
    let source = str_of(target, "source");
    assert!(
        source.starts_with("https://")
            || source.starts_with("file:///")
            || source.starts_with("urn:gloss:article:"),
        "{source}"
    );
    assert!(!source.contains(' '), "{source}");
    let selectors = target["selector"].as_array().expect("selectors");
    let quote = selectors
        .iter()
        .find(|s| s["type"] == "TextQuoteSelector")
        .expect("a quote selector");
    assert!(quote["exact"].is_string());
    for side in ["prefix", "suffix"] {
        assert!(quote.get(side).is_none_or(Value::is_string));
    }
    let position = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector")
        .expect("a position selector");
    assert_eq!(position["start"], a.anchor.start);
    assert_eq!(position["end"], a.anchor.end);
}

#[test]
fn w3c_follows_the_web_annotation_model() {
    let c = corpus();
    let set = set_of(&c);
    let doc: Value = serde_json::from_str(&export::w3c(&set)).expect("valid JSON");
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    assert!(str_of(&doc, "id").starts_with("urn:"));
    assert!(!str_of(&doc, "label").is_empty());
    assert_eq!(doc["total"], set.len());
    let page = &doc["first"];
    assert_eq!(page["type"], "AnnotationPage");
    assert!(str_of(page, "id").starts_with("urn:"));
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len(), set.len());
    let originals: Vec<&Annotation> = set
        .articles
        .iter()
        .flat_map(|a| a.annotations.iter().map(|e| &e.annotation))
        .collect();
    for (item, a) in items.iter().zip(originals) {
        check_annotation(item, a);
    }
    // Offsets count characters: on text from the article the quote is there.
    let ledger = &c.articles[index_of(&c, "talks-stall.md")];
    let item = &items[set
        .articles
        .iter()
        .take_while(|a| a.article.id != ledger.id)
        .map(|a| a.annotations.len())
        .sum::<usize>()];
    let sel = &item["target"]["selector"];
    let (start, end) = (
        sel[1]["start"].as_u64().expect("start"),
        sel[1]["end"].as_u64().expect("end"),
    );
    let chars: String = ledger
        .body
        .chars()
        .skip(usize::try_from(start).expect("fits"))
        .take(usize::try_from(end - start).expect("fits"))
        .collect();
    assert_eq!(sel[0]["exact"], chars.as_str());
    assert_eq!(
        item["target"]["source"],
        "https://ledgerdaily.example/port/talks-stall"
    );
}

// ---------------------------------------------------------------------------------
// Output hygiene

/// Fails on a control character other than a line feed (or the CR of a CSV row end)
/// and on a direction override.
fn assert_safe(name: &str, text: &str, crlf: bool) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && crlf && chars.peek() == Some(&'\n') {
            continue;
        }
        assert!(
            c == '\n' || !c.is_control(),
            "{name}: control {c:?} in output"
        );
        assert!(
            !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
            "{name}: direction control {c:?}"
        );
    }
}

fn assert_all_safe(set: &ExportSet, report: &ClaimsReport) {
    assert_safe("markdown", &export::markdown(set), false);
    assert_safe("json", &export::json(set), false);
    assert_safe("csv", &export::csv(set), true);
    assert_safe("w3c", &export::w3c(set), false);
    assert_safe("claims markdown", &export::claims_markdown(report), false);
    assert_safe("claims csv", &export::claims_csv(report), true);
}

#[test]
fn no_output_holds_a_control_character() {
    let c = corpus();
    assert_all_safe(&set_of(&c), &report_of(&c));
    let md = export::markdown(&set_of(&c));
    assert!(
        md.contains("Check her title red and done"),
        "escapes go whole"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_text_never_reaches_an_output_raw(
        note in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f\u{202a}-\u{202e}])*",
        quote in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f\u{202e}])*",
        title in "(\\PC|[\\x00-\\x1f\\x9b])*",
    ) {
        let mut set = one_note(&note, &title);
        set.articles[0].annotations[0].annotation.anchor.exact.clone_from(&quote);
        set.articles[0].annotations[0].annotation.tags = vec![title.clone()];
        set.articles[0].article.source = Some(note.clone());
        let report = ClaimsReport {
            claims: vec![gloss::export::ClaimRow {
                label: title.clone(),
                disagreement: Some(note.clone()),
                tags: vec![quote.clone()],
                sources: vec![gloss::export::ClaimSource {
                    source: title.clone(),
                    title: note.clone(),
                    date: Some(quote.clone()),
                    text: quote.clone(),
                    differs: Some(note.clone()),
                }],
            }],
        };
        assert_all_safe(&set, &report);
        let back = import_json(&export::json(&set)).expect("round trip");
        prop_assert_eq!(&back[0].1[0].anchor.exact, &quote);
        prop_assert_eq!(back[0].1[0].note.as_deref(), Some(note.as_str()));
    }
}

#[test]
fn markdown_escapes_what_would_break_the_outline_or_make_links() {
    use gloss::annotations::{Anchor, Annotation, Target};
    use gloss::export::{markdown, ExportArticle, ExportSet, ExportedAnnotation, ExportedArticle};
    let body = "Intro\n===\nA line";
    let mut a = Annotation::new(
        Anchor::new(body, 0, body.chars().count()),
        Target::Entity {
            name: "A*B_".into(),
            entity_kind: "person".into(),
        },
        vec![],
        Some("My point\n---\nAnd the rest\n===".into()),
    );
    a.id = "a0000000000000001".into();
    let set = ExportSet {
        articles: vec![ExportedArticle {
            article: ExportArticle {
                id: "00000000000000aa".into(),
                path: "x.md".into(),
                title: "[click](javascript:alert)".into(),
                ..ExportArticle::default()
            },
            annotations: vec![ExportedAnnotation {
                annotation: a,
                also_in: vec![],
            }],
        }],
    };
    let md = markdown(&set);
    assert!(md.contains("### \\[click\\](javascript:alert)"), "{md}");
    assert!(md.contains("*A\\*B\\_ (person)*"), "{md}");
    assert!(md.contains("\n\\---\n") && md.contains("\n\\===\n"), "{md}");
    assert!(md.contains("> \\==="), "{md}");
}

#[test]
fn w3c_of_nothing_has_no_empty_page_and_ids_are_iris() {
    use gloss::export::{w3c, ExportSet};
    let empty: serde_json::Value = serde_json::from_str(&w3c(&ExportSet::default())).expect("json");
    assert_eq!(empty["total"], 0);
    assert!(empty.get("first").is_none(), "{empty}");
}

#[test]
fn import_refuses_what_the_reader_could_never_have_made() {
    use gloss::export::import_json;
    let good = r#"{"id": "a0000000000000001", "created": "2026-03-02T09:30:00Z",
        "modified": "2026-03-02T09:30:00Z", "tags": ["Key Quote", "\u202eevil"],
        "target": {"kind": "passage"},
        "anchor": {"exact": "x", "start": 3, "end": 4, "text_hash": "0"}}"#;
    let file = |article: &str, annotations: &[String]| {
        format!(
            r#"{{"gloss_export": 1, "articles": [{{"article": {{"id": "{article}", "path": "p", "title": "t"}}, "annotations": [{}]}}]}}"#,
            annotations.join(",")
        )
    };
    let ok = import_json(&file("00000000000000aa", &[good.to_owned()])).expect("imports");
    assert_eq!(
        ok[0].1[0].tags,
        vec!["evil", "key-quote"],
        "tags as the store keeps them"
    );
    let cases = [
        (good.replace("a0000000000000001", "bad id <>"), "id"),
        (
            good.replacen("2026-03-02T09:30:00Z", "yesterday", 1),
            "created",
        ),
        (
            good.replace("\"start\": 3, \"end\": 4", "\"start\": 20, \"end\": 3"),
            "offsets",
        ),
        (
            good.replace("\"end\": 4", "\"end\": 18446744073709551615"),
            "offsets",
        ),
    ];
    for (annotation, word) in cases {
        let err = import_json(&file("00000000000000aa", &[annotation])).expect_err(word);
        assert!(err.contains(word), "{word}: {err}");
    }
    let twice = import_json(&file(
        "00000000000000aa",
        &[good.to_owned(), good.to_owned()],
    ))
    .expect_err("duplicate");
    assert!(twice.contains("share the id"), "{twice}");
    let bad_article = import_json(&file("../etc", &[good.to_owned()])).expect_err("article id");
    assert!(bad_article.contains("not an article id"), "{bad_article}");
}

#[test]
fn a_lone_carriage_return_still_breaks_the_line() {
    assert_eq!(gloss::export::clean("a\rb\r\nc", true), "a\nb\nc");
    assert_eq!(gloss::export::clean("a\rb", false), "a b");
}
