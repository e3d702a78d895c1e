//! HTML pages: any bytes load or are refused, never a panic, and nothing that could
//! drive a terminal reaches the article.

#![no_main]

use gloss::corpus::parse_article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((article, _)) = parse_article("id", "fuzz/page.html", Some("fuzz"), data) {
        assert!(!article.body.chars().any(|c| c.is_control() && c != '\n'));
        for field in [
            Some(&article.meta.title),
            article.meta.source.as_ref(),
            article.meta.author.as_ref(),
            article.meta.url.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            assert!(!field.chars().any(char::is_control), "{field:?}");
        }
    }
});
