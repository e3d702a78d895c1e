//! Re-anchoring annotations when an article's text changes: each test makes an anchor
//! on one version of a news story, edits the story the way outlets do, and checks that
//! the passage found is the one a reader would point at.

use gloss::annotations::anchor::{place, place_all, MIN_SCORE};
use gloss::annotations::{Anchor, Placement};
use proptest::prelude::*;

const STORY: &str = "Dock workers at the Calder Port Authorty walked out on Tuesday morning, \
halting the loading of three container ships bound for Rotterdam.\n\n\
The strike follows months of talks over night-shift pay. \"We have been patient for a \
year and a half,\" said Ines Marlow, who chairs the harbour branch of the union. \
\"Patience does not pay the rent.\"\n\n\
A spokesperson for the authority said contingency crews would keep the ferry terminal \
open, but warned that freight delays could last into next week. Shipping lines were \
told to expect berths to be reassigned at short notice.\n\n\
Talks are due to resume on Thursday at the offices of the regional mediation service.";

/// Character offsets of the `nth` occurrence (from 0) of `needle` in `body`.
fn chars_of(body: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (byte, _) = body
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} occurs {} times", nth + 1));
    let start = body[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// The characters of `body` in `range`.
fn text_at(body: &str, (start, end): (usize, usize)) -> String {
    body.chars().skip(start).take(end - start).collect()
}

/// An anchor on the `nth` occurrence of `needle` in `body`.
fn anchor_on(body: &str, needle: &str, nth: usize) -> Anchor {
    let (start, end) = chars_of(body, needle, nth);
    let anchor = Anchor::new(body, start, end);
    assert_eq!(anchor.exact, needle);
    anchor
}

/// The text an anchor was placed on, failing on an orphan.
fn placed_text(placement: &Placement, body: &str) -> String {
    let range = placement
        .range()
        .unwrap_or_else(|| panic!("orphaned: {placement:?}"));
    text_at(body, range)
}

#[test]
fn an_unchanged_story_keeps_the_offsets() {
    let anchor = anchor_on(STORY, "Patience does not pay the rent.", 0);
    let placed = place(&anchor, STORY);
    assert_eq!(
        placed,
        Placement::Unchanged {
            start: anchor.start,
            end: anchor.end
        }
    );
    assert_eq!(placed_text(&placed, STORY), anchor.exact);
}

#[test]
fn a_paragraph_inserted_above_shifts_the_exact_quote() {
    let anchor = anchor_on(STORY, "freight delays could last into next week", 0);
    let update = "UPDATE, 14:20: The union says a second walkout is planned for Friday.\n\n";
    let edited = format!("{update}{STORY}");
    let placed = place(&anchor, &edited);
    let shift = update.chars().count();
    assert_eq!(
        placed,
        Placement::Exact {
            start: anchor.start + shift,
            end: anchor.end + shift
        }
    );
    assert_eq!(placed_text(&placed, &edited), anchor.exact);
}

#[test]
fn a_quote_that_appears_twice_is_told_apart_by_its_context() {
    let story = "The council approved the budget on Monday. Opposition members \
said the vote was rushed. Two days later, after the auditor's letter was published, \
the finance committee said the vote was rushed and asked for it to be held again.";
    let anchor = anchor_on(story, "the vote was rushed", 1);
    let edited = format!(
        "Correction appended: an earlier version misnamed the committee chair.\n\n{}",
        story.replace("on Monday", "on Monday evening")
    );
    let placed = place(&anchor, &edited);
    assert!(matches!(placed, Placement::Exact { .. }), "{placed:?}");
    let (start, _) = placed.range().expect("placed");
    assert_eq!(start, chars_of(&edited, "the vote was rushed", 1).0);
    assert_eq!(placed_text(&placed, &edited), anchor.exact);
}

#[test]
fn a_quote_repeated_with_the_same_context_goes_to_the_nearest() {
    // A live blog repeats its safety notice word for word under each update.
    let notice = "Advice from Calder Water: residents should boil tap water before \
drinking it until further notice. Bottled water is handed out at the leisure centre.";
    let story = format!(
        "09:10 A burst main has cut supplies to the east of the town.\n{notice}\n\n\
         11:45 Engineers say the repair will take at least a day.\n{notice}\n\n\
         13:30 Schools in the area will close early.\n{notice}"
    );
    let quote = "boil tap water before drinking it";
    let anchor = anchor_on(&story, quote, 1);
    // A small fix above the middle notice moves everything after it by one character.
    let edited = story.replace("at least a day", "at least a day.");
    let placed = place(&anchor, &edited);
    assert!(matches!(placed, Placement::Exact { .. }), "{placed:?}");
    assert_eq!(placed.range(), Some(chars_of(&edited, quote, 1)));
}

#[test]
fn a_word_fixed_inside_the_quote_is_found_with_the_fix() {
    let anchor = anchor_on(STORY, "Dock workers at the Calder Port Authorty", 0);
    let edited = STORY.replace("Authorty", "Authority");
    let placed = place(&anchor, &edited);
    assert!(
        matches!(placed, Placement::Context { .. } | Placement::Fuzzy { .. }),
        "{placed:?}"
    );
    assert_eq!(
        placed_text(&placed, &edited),
        "Dock workers at the Calder Port Authority"
    );
}

#[test]
fn a_fix_in_the_middle_of_the_story_is_found_by_context() {
    let anchor = anchor_on(STORY, "Calder Port Authorty", 0);
    let edited = STORY.replace("Authorty", "Authority");
    let placed = place(&anchor, &edited);
    assert!(matches!(placed, Placement::Context { .. }), "{placed:?}");
    assert_eq!(placed_text(&placed, &edited), "Calder Port Authority");
}

#[test]
fn a_refetched_feed_with_small_edits_around_and_inside_is_placed() {
    let quote = "A spokesperson for the authority said contingency crews would keep the ferry terminal open";
    let anchor = anchor_on(STORY, quote, 0);
    let edited = STORY
        .replace("Tuesday morning", "Tuesday")
        .replace("a year and a half", "18 months")
        .replace("\"Patience does not", "\"Patience alone does not")
        .replace(
            "A spokesperson for the authority",
            "A spokeswoman for the port authority",
        )
        .replace("contingency crews", "relief crews")
        .replace("but warned", "but she warned")
        .replace("Talks are due", "Negotiations are due");
    let placed = place(&anchor, &edited);
    assert!(
        matches!(placed, Placement::Context { .. } | Placement::Fuzzy { .. }),
        "{placed:?}"
    );
    assert_eq!(
        placed_text(&placed, &edited),
        "A spokeswoman for the port authority said relief crews would keep the ferry terminal open"
    );
}

#[test]
fn edits_hugging_the_quote_leave_a_fuzzy_match() {
    let quote = "warned that freight delays could last into next week";
    let anchor = anchor_on(STORY, quote, 0);
    // The words just before and just after the quote change, and one inside it, so
    // neither side of the context survives where it touches the quote.
    let edited = STORY
        .replace("open, but warned", "open, though it warned")
        .replace("freight delays", "freight backlogs")
        .replace("next week. Shipping", "next week; shipping");
    let placed = place(&anchor, &edited);
    let Placement::Fuzzy { score, .. } = placed else {
        panic!("expected a fuzzy match: {placed:?}");
    };
    assert!((MIN_SCORE..=1.0).contains(&score), "{score}");
    let found = placed_text(&placed, &edited);
    assert_eq!(
        found,
        "warned that freight backlogs could last into next week"
    );
}

#[test]
fn a_deleted_passage_is_an_orphan() {
    let anchor = anchor_on(STORY, "\"We have been patient for a year and a half,\"", 0);
    let paragraph = STORY
        .split("\n\n")
        .nth(1)
        .expect("the story has a second paragraph");
    let edited = STORY.replace(&format!("{paragraph}\n\n"), "");
    assert!(!edited.contains("patient"));
    assert_eq!(place(&anchor, &edited), Placement::Orphan);
}

#[test]
fn a_passage_rewritten_beyond_recognition_is_an_orphan() {
    let anchor = anchor_on(
        STORY,
        "The strike follows months of talks over night-shift pay.",
        0,
    );
    let paragraph = STORY
        .split("\n\n")
        .nth(1)
        .expect("the story has a second paragraph");
    let rewrite = "Union officials blamed the dispute on a rota change imposed in \
January, which they say left older staff working alone after midnight.";
    let edited = STORY.replace(paragraph, rewrite);
    assert_eq!(place(&anchor, &edited), Placement::Orphan);
}

#[test]
fn multibyte_text_is_counted_in_characters() {
    let story = "🌊 Tempête sur la côte : à Saint-Malo, les rafales ont atteint 140 km/h. \
Au marché, on lisait « مرحبا بكم » et « שלום לכולם » sur les banderoles des \
pêcheurs 🎣, et les étals de 海鮮 étaient vides.";
    let quote = "« مرحبا بكم » et « שלום לכולם »";
    let anchor = anchor_on(story, quote, 0);
    assert_eq!(
        place(&anchor, story).range(),
        Some((anchor.start, anchor.end))
    );

    let insert = "⚠️ Mise à jour — vigilance orange levée. 🙏\n";
    let edited = format!("{insert}{story}");
    let placed = place(&anchor, &edited);
    let shift = insert.chars().count();
    assert_eq!(
        placed,
        Placement::Exact {
            start: anchor.start + shift,
            end: anchor.end + shift
        }
    );
    assert_eq!(placed_text(&placed, &edited), quote);

    // A word fixed inside an accented, emoji-laden quote.
    let anchor = anchor_on(story, "pêcheurs 🎣, et les étals de 海鮮 étaient vides", 0);
    let fixed = edited.replace("étaient vides", "étaient déserts");
    let placed = place(&anchor, &fixed);
    assert_eq!(
        placed_text(&placed, &fixed),
        "pêcheurs 🎣, et les étals de 海鮮 étaient déserts"
    );
}

#[test]
fn an_empty_body_places_nothing_but_its_own_empty_anchor() {
    let empty = Anchor::new("", 0, 0);
    assert_eq!(place(&empty, ""), Placement::Unchanged { start: 0, end: 0 });
    assert_eq!(place(&empty, STORY), Placement::Orphan);

    let anchor = anchor_on(STORY, "container ships bound for Rotterdam", 0);
    assert_eq!(place(&anchor, ""), Placement::Orphan);
}

#[test]
fn an_empty_quote_is_placed_only_where_its_context_meets() {
    let (start, _) = chars_of(STORY, "Shipping lines", 0);
    let caret = Anchor::new(STORY, start, start);
    let edited = format!("Breaking: talks collapse.\n\n{STORY}");
    let placed = place(&caret, &edited);
    let at = chars_of(&edited, "Shipping lines", 0).0;
    assert_eq!(placed, Placement::Context { start: at, end: at });

    let split = edited.replace("next week. Shipping", "next week. Meanwhile, shipping");
    assert_eq!(place(&caret, &split), Placement::Orphan);
}

#[test]
fn a_quote_longer_than_the_body_is_an_orphan() {
    let anchor = anchor_on(
        STORY,
        "A spokesperson for the authority said contingency crews would keep the ferry terminal \
open, but warned that freight delays could last into next week.",
        0,
    );
    let summary = "Dock strike halts Calder port; ferries still running.";
    assert!(summary.chars().count() < anchor.exact.chars().count());
    assert_eq!(place(&anchor, summary), Placement::Orphan);
}

#[test]
fn placing_many_anchors_at_once_agrees_with_placing_each() {
    let anchors: Vec<Anchor> = [
        "walked out on Tuesday",
        "Ines Marlow",
        "Calder Port Authorty",
        "regional mediation service",
        "\"We have been patient for a year and a half,\"",
    ]
    .iter()
    .map(|q| anchor_on(STORY, q, 0))
    .collect();
    let edited = format!(
        "Live: port strike.\n\n{}",
        STORY
            .replace("Authorty", "Authority")
            .replace("\"We have been patient for a year and a half,\" said Ines Marlow, who chairs the harbour branch of the union. ", "")
    );
    let each: Vec<Placement> = anchors.iter().map(|a| place(a, &edited)).collect();
    assert_eq!(place_all(&anchors, &edited), each);
    let texts: Vec<Option<String>> = each
        .iter()
        .map(|p| p.range().map(|r| text_at(&edited, r)))
        .collect();
    assert_eq!(
        texts,
        [
            Some("walked out on Tuesday".to_owned()),
            None,
            Some("Calder Port Authority".to_owned()),
            Some("regional mediation service".to_owned()),
            None,
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn anchors_survive_text_inserted_before_them(
        body in "\\PC{1,120}",
        a in 0usize..200,
        b in 0usize..200,
        at in 0usize..200,
        inserted in "\\PC{0,60}",
    ) {
        let len = body.chars().count();
        let start = a % len;
        let end = start + 1 + b % (len - start);
        let anchor = Anchor::new(&body, start, end);
        prop_assert_eq!(
            place(&anchor, &body),
            Placement::Unchanged { start, end }
        );

        let at = at % (start + 1);
        let byte = body.char_indices().nth(at).map_or(body.len(), |(i, _)| i);
        let edited = format!("{}{inserted}{}", &body[..byte], &body[byte..]);
        let placed = place(&anchor, &edited);
        let range = placed.range();
        prop_assert!(range.is_some(), "orphaned: {:?}", placed);
        let range = range.unwrap_or_default();
        prop_assert_eq!(text_at(&edited, range), anchor.exact);
    }
}
