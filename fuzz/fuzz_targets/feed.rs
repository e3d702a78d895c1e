//! Feeds: any bytes are read or refused, never a panic; every entry is terminal-safe
//! and its archive page reads back without a panic either.

#![no_main]

use gloss::corpus::{entry_document, parse_article, parse_feed};
use libfuzzer_sys::fuzz_target;

fn safe(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && c != '\n')
}

fuzz_target!(
    init: {
        // parse_feed catches panics inside feed-rs (and the quick-xml it drives) and
        // refuses the feed; those are expected here, so they are let unwind quietly to
        // it. Any other panic goes to libFuzzer's hook, which aborts; and one that gets
        // past parse_feed aborts in libFuzzer's wrapper all the same.
        let libfuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_feed_rs = info
                .location()
                .is_some_and(|l| l.file().contains("/feed-rs-") || l.file().contains("/quick-xml-"));
            if !in_feed_rs {
                libfuzzer_hook(info);
            }
        }));
    },
    |data: &[u8]| {
        let Ok(feed) = parse_feed(data) else {
            return;
        };
        for entry in feed.entries.iter().take(16) {
            assert!(!entry.id.is_empty());
            assert!(!entry.title.is_empty() && entry.title.chars().count() <= 300);
            assert!(safe(&entry.title) && !entry.title.contains('\n'));
            for field in [
                &entry.link,
                &entry.author,
                &entry.date,
                &entry.content,
                &entry.summary,
            ]
            .into_iter()
            .flatten()
            {
                assert!(safe(field), "{field:?}");
            }
            let doc = entry_document(entry, feed.title.as_deref().unwrap_or("feed"));
            if let Ok((article, _)) = parse_article("id", "feeds/entry.html", None, doc.as_bytes()) {
                assert!(safe(&article.body) && safe(&article.meta.title));
            }
        }
    }
);
