//! Hostile input: loading and analysis never panic, stay within time proportional to
//! the input, and keep their offsets inside the text.

use std::time::{Duration, Instant};

use gloss::corpus::parse_article;
use proptest::prelude::*;

fn check_analysis(body: &str) {
    let analysis = gloss::analyze(body);
    let chars: Vec<char> = body.chars().collect();
    for e in &analysis.entities {
        for m in &e.mentions {
            assert!(m.start < m.end && m.end <= chars.len(), "{m:?}");
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
    }
    for c in &analysis.claims {
        assert!(c.start < c.end && c.end <= chars.len(), "{c:?}");
        assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn analysis_survives_arbitrary_text(body in "\\PC{0,400}") {
        check_analysis(&body);
    }

    #[test]
    fn analysis_survives_news_shaped_noise(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("Mara Quint".to_owned()), Just(" said ".to_owned()), Just("“".to_owned()),
                Just("”".to_owned()), Just("\"".to_owned()), Just("'".to_owned()), Just("’s".to_owned()),
                Just("$40M".to_owned()), Just("12 per cent".to_owned()), Just("March 2, 2026".to_owned()),
                Just(". ".to_owned()), Just("\n".to_owned()), Just("(CPA)".to_owned()), Just("according to".to_owned()),
                Just("Calder Port Authority".to_owned()), Just("€".to_owned()), Just("東京".to_owned()),
                Just("@CalderPorts".to_owned()), Just(" ".to_owned()), "[A-Za-z]{1,8}".prop_map(|s| s),
                "\\PC{1,3}".prop_map(|s| s),
            ],
            0..80,
        )
    ) {
        check_analysis(&parts.concat());
    }

    #[test]
    fn loading_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600), markdown in any::<bool>()) {
        let path = if markdown { "x/a.md" } else { "x/a.txt" };
        if let Ok((article, _)) = parse_article("id", path, Some("x"), &bytes) {
            for text in [&article.body, &article.meta.title] {
                assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
            }
            check_analysis(&article.body);
        }
    }
}

/// Analyses `body` and returns how long it took.
fn timed(body: &str) -> Duration {
    let start = Instant::now();
    check_analysis(body);
    start.elapsed()
}

#[test]
fn degenerate_articles_analyse_in_time_proportional_to_their_size() {
    // Generous bounds: a debug build on a loaded machine; the point is to catch
    // quadratic behaviour, which would take minutes here.
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        (
            "one long line without punctuation",
            "Mara Quint said the offer was bad and ".repeat(20_000),
        ),
        (
            "quotes without full stops",
            "Mara Quint said \"the offer was bad\" and ".repeat(10_000),
        ),
        ("only numbers", "1234 5678 40 12% $3 ".repeat(40_000)),
        (
            "all caps",
            "THE CALDER PORT AUTHORITY SAID NO. ".repeat(20_000),
        ),
        (
            "mixed scripts",
            "東京 Москва القاهرة Calder said “ok”. ".repeat(15_000),
        ),
        ("one sentence a line", "Mara Quint said.\n".repeat(40_000)),
        ("a run of straight quotes", "\"".repeat(200_000)),
        ("junk inside quotes", "“#$%&*” ".repeat(50_000)),
        (
            "capitalised noise",
            "Alpha Beta Gamma Delta Epsilon ".repeat(30_000),
        ),
    ];
    for (name, body) in cases {
        let elapsed = timed(&body);
        assert!(
            elapsed < Duration::from_secs(20),
            "{name}: {} bytes took {elapsed:?}",
            body.len()
        );
    }
}

#[test]
fn random_bytes_decoded_lossily_analyse() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut bytes = Vec::with_capacity(1 << 20);
    while bytes.len() < 1 << 20 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(timed(&text) < Duration::from_secs(20));
}

/// Found by `cargo fuzz run html`: a headline longer than the 1,024 bytes kept of it
/// was cut inside a character.
#[test]
fn a_long_headline_is_cut_between_characters() {
    let page = format!(
        "<html><body><article><h1>a{}</h1><p>{}</p></article></body></html>",
        "é".repeat(600),
        "The port reopened on Monday after a week of talks. ".repeat(5)
    );
    let (article, _) = parse_article("id", "x/page.html", None, page.as_bytes()).expect("loads");
    assert!(article.meta.title.starts_with("aéé"));
}
