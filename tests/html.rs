//! HTML pages become articles: metadata, main text, numbered links, furniture dropped.

use std::fmt::Write as _;

use gloss::corpus::{parse_article, Format, SkipReason};

const NEWS: &str = r#"<!doctype html><html><head><meta charset="utf-8">
<title>Port deal | Harbour Signal</title>
<meta name="author" content="Callum Deane">
<meta property="article:published_time" content="2026-03-02T09:15:00Z">
<script>var s = "<p>scriptword</p>"; trackEverything();</script>
<style>.x { color: red }</style></head>
<body>
<nav><a href="https://h.example/">Home</a> <a href="https://h.example/world">Worldnav</a></nav>
<div class="cookie-banner">We use cookiewords for consent. <button>Accept</button></div>
<header><h1>Union rejects the port offer</h1></header>
<article>
<div class="share-buttons"><a href="https://fb.example/share">Facebookshare</a></div>
<h1>Union rejects the port offer</h1>
<p class="byline">By Callum Deane</p>
<time datetime="2026-03-02">2 March</time>
<p>The dockworkers&#8217; union rejected the offer on Monday &amp; said talks would resume.</p>
<p>Officials at the <a href="https://port.example/statement">port authority</a> called the vote disappointing.</p>
<ul><li>Wages rise four percent</li><li>Night shifts end</li></ul>
<blockquote><p>We will not sign this deal as written, said the steward.</p></blockquote>
<table><tr><th>Item</th><th>Offer</th></tr><tr><td>Pay</td><td>4%</td></tr></table>
<p>Negotiators expect another round of meetings before the end of the month, according to people familiar.</p>
<aside class="related"><h3>Related</h3><ul><li><a href="https://h.example/r1">Relatedstory headline</a></li></ul></aside>
<section id="comments"><p>Commenterword says this is outrageous and long enough to count.</p></section>
</article>
<div class="newsletter">Subscribeword to our newsletter</div>
<footer>Copyright footerword</footer>
</body></html>"#;

fn load(html: &[u8]) -> Result<gloss::corpus::Article, SkipReason> {
    parse_article("id", "news/page.html", Some("news"), html).map(|(a, _)| a)
}

#[test]
fn a_news_page_keeps_the_article_and_drops_the_furniture() {
    let a = load(NEWS.as_bytes()).expect("an article");
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.meta.title, "Union rejects the port offer");
    assert_eq!(a.meta.author.as_deref(), Some("Callum Deane"));
    assert_eq!(a.meta.date.as_deref(), Some("2026-03-02"));
    let article_words = "The dockworkers’ union rejected the offer on Monday & said talks would resume. \
        Officials at the port authority called the vote disappointing. Wages rise four percent \
        Night shifts end We will not sign this deal as written, said the steward. Item Offer Pay 4% \
        Negotiators expect another round of meetings before the end of the month, according to people familiar.";
    let words: Vec<&str> = article_words.split_whitespace().collect();
    let body_words: Vec<&str> = a.body.split_whitespace().collect();
    let present = words
        .iter()
        .filter(|w| {
            body_words.iter().any(|b| {
                b.trim_end_matches(|c: char| c == ']' || c.is_ascii_digit() || c == '[') == **w
                    || b == *w
            })
        })
        .count();
    assert_eq!(present, words.len(), "{}", a.body);
    for furniture in [
        "scriptword",
        "Worldnav",
        "cookiewords",
        "Accept",
        "Facebookshare",
        "Relatedstory",
        "Commenterword",
        "Subscribeword",
        "footerword",
        "trackEverything",
        "color",
    ] {
        assert!(!a.body.contains(furniture), "{furniture} in {}", a.body);
    }
    assert!(a.body.contains("port authority[1]"), "{}", a.body);
    assert!(
        a.body
            .ends_with("Links\n[1] https://port.example/statement"),
        "{}",
        a.body
    );
    assert!(
        a.body
            .contains("• Wages rise four percent\n• Night shifts end"),
        "{}",
        a.body
    );
    assert!(a.body.contains("│ We will not sign"), "{}", a.body);
    assert!(
        a.body.contains("Item │ Offer\n─────┼──────\nPay  │ 4%"),
        "{}",
        a.body
    );
    assert!(!a.body.starts_with("Union rejects"), "{}", a.body);
    assert!(!a.body.contains("By Callum"), "{}", a.body);
}

fn para(text: &str) -> String {
    format!("<p>{text} This sentence pads the paragraph so the page reads as an article with enough prose in it, and a second clause carries it well past the threshold for article text that the extractor applies to every page.</p>")
}

#[test]
fn entities_are_decoded() {
    let html = format!(
        "<title>A &amp; B</title><main>{}</main>",
        para("Caf&eacute; &ldquo;quoted&rdquo; &#8217;tis &#x2019;em &lt;b&gt; &copy; &bogus; &#150;")
    );
    let a = load(html.as_bytes()).expect("an article");
    assert_eq!(a.meta.title, "A & B");
    assert!(
        a.body.starts_with("Café “quoted” ’tis ’em <b> © &bogus; –"),
        "{}",
        a.body
    );
}

#[test]
fn windows_1252_pages_are_decoded_by_their_charset() {
    let mut html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>Caf\xe9 \x93quoted\x94 \x96 it\x92s ".to_vec();
    html.extend_from_slice(b"a long paragraph with plenty of words to count as real article text for the reader here, and then some more words so that the page reads as an article.</p></body></html>");
    let a = load(&html).expect("an article");
    assert!(
        a.body.starts_with("Café “quoted” – it’s a long"),
        "{}",
        a.body
    );
}

#[test]
fn a_link_farm_is_refused() {
    let mut html = String::from("<html><body><h1>Index</h1><ul>");
    for n in 0..200 {
        let _ = write!(
            html,
            "<li><a href=\"https://x.example/{n}\">Story number {n} headline</a></li>"
        );
    }
    html.push_str("</ul><p>Short.</p></body></html>");
    assert_eq!(
        load(html.as_bytes()).map(|_| ()),
        Err(SkipReason::NotAnArticle)
    );
}

#[test]
fn control_characters_and_hostile_titles_are_made_safe() {
    let html = format!(
        "<title><script>alert(1)</script>Real &#27;]0;owned&#7;title</title><body>{}</body>",
        para("Text &#27;[2J with escapes \u{1b}]52;c;AAAA\u{7} inside.")
    );
    let a = load(html.as_bytes()).expect("an article");
    assert!(
        !a.meta.title.contains('<') && a.meta.title.contains("Real"),
        "{}",
        a.meta.title
    );
    assert!(!a.meta.title.chars().any(char::is_control));
    assert!(
        !a.body.chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        a.body
    );
    assert!(
        !a.body.contains("[2J") && !a.body.contains("52;c"),
        "{:?}",
        a.body
    );
}

#[test]
fn hostile_markup_finishes_without_panicking() {
    // Nesting past the depth cap ends in a clear refusal or a safe article, never a
    // panic or a stack overflow.
    let deep = format!("{}{}", "<div><span>".repeat(100_000), para("Deep text."));
    match load(deep.as_bytes()) {
        Ok(a) => assert!(!a.body.chars().any(|c| c.is_control() && c != '\n')),
        Err(reason) => assert_eq!(reason, SkipReason::NotAnArticle),
    }
    let unclosed = format!("<p>{}<b><i><a href=\"x", para("Open").repeat(3));
    let _ = load(unclosed.as_bytes());
    let script = format!(
        "<script>var a = '</scr' + 'ipt>'; if (a < b) {{}}</script>{}",
        para("After script.")
    );
    let a = load(script.as_bytes()).expect("text after a script");
    assert!(a.body.contains("After script."), "{}", a.body);
    let tags = "<b>".repeat(3_500_000);
    assert!(load(tags.as_bytes()).is_err());
    let junk = "<<<>>>&&&#;&#x;&#99999999999;</ </a <a b='".repeat(10_000);
    let _ = load(junk.as_bytes());
}

#[test]
fn an_article_without_article_or_main_is_found_by_its_paragraphs() {
    let html = format!(
        "<body><div class=\"top\"><p>Top teaser.</p></div><div class=\"content\">{}{}</div><div><p>Small print.</p></div></body>",
        para("First body paragraph."),
        para("Second body paragraph.")
    );
    let a = load(html.as_bytes()).expect("an article");
    assert!(a.body.contains("First body paragraph.") && a.body.contains("Second body paragraph."));
    assert!(
        !a.body.contains("Top teaser") && !a.body.contains("Small print"),
        "{}",
        a.body
    );
}

mod arbitrary {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_bytes_load_or_are_refused_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = gloss::corpus::parse_article("id", "x.html", None, &bytes);
        }

        #[test]
        fn tag_soup_never_panics(parts in proptest::collection::vec(prop_oneof![
            Just("<p>"), Just("</p>"), Just("<li>"), Just("<table>"), Just("<td>"), Just("</tr>"),
            Just("<a href='https://e.x/'>"), Just("</a>"), Just("&amp;"), Just("&#"), Just("<script>"),
            Just("</script"), Just("<!--"), Just("words here and there "), Just("<article>"), Just("é"),
        ], 0..200)) {
            let html: String = parts.concat();
            if let Ok((a, _)) = gloss::corpus::parse_article("id", "x.html", None, html.as_bytes()) {
                prop_assert!(!a.body.chars().any(|c| c.is_control() && c != '\n'));
            }
        }
    }
}

#[test]
fn a_page_written_by_the_feed_archive_is_an_article_however_short() {
    let short = "<html><head><title>Brief</title></head><body><article><p>Cranes arrive Monday.</p></article></body></html>";
    assert_eq!(load(short.as_bytes()), Err(SkipReason::NotAnArticle));
    let archived = short.replace(
        "<head>",
        "<head><meta name=\"generator\" content=\"gloss feed archive\"><meta property=\"og:site_name\" content=\"Wire Weekly\">",
    );
    let article = load(archived.as_bytes()).expect("an archived entry loads");
    assert_eq!(article.body, "Cranes arrive Monday.");
    assert_eq!(article.meta.source.as_deref(), Some("Wire Weekly"));
}

#[test]
fn twenty_megabytes_of_nested_junk_markup_finish() {
    // Not timed here (benches/page.rs times it): the point is that the caps on depth
    // and element count keep it linear, and that it ends in an article or a refusal.
    let pieces = [
        "<div><span><b><i>",
        "<table><tr><td><p>text in a cell ",
        "<a href=x onclick='1<2'>link",
        "</span></div></td>",
        "&amp;&#x27;&bogus;& <<>> ",
        "<ul><li><li><li>item ",
        "<script>if(a<b){}</script>",
        "<!-- comment <p> -->",
        "<p class=c id=i data-x=\"1\">Some words of prose here. ",
        "</p></p></p>",
    ];
    let mut page = String::with_capacity(21 * 1024 * 1024);
    let mut n = 0;
    while page.len() < 20 * 1024 * 1024 {
        page.push_str(pieces[n % pieces.len()]);
        n += 1;
    }
    match gloss::corpus::extract_page(page.as_bytes(), None) {
        Ok(a) => {
            assert!(a.truncated, "so many tags are past the element cap");
            assert!(!a.text.chars().any(|c| c.is_control() && c != '\n'));
        }
        Err(reason) => assert_eq!(reason, SkipReason::NotAnArticle),
    }
}

#[test]
fn fetched_pages_decode_by_the_servers_charset_then_their_own() {
    use gloss::corpus::extract_page;
    let body = "<p>Zażółć gęślą jaźń, powiedział burmistrz, a rada miasta przyjęła uchwałę o remoncie mostu na rzece jeszcze w tym roku, choć koszt prac wzrósł o jedną trzecią w porównaniu z planem sprzed dwóch lat.</p>";
    let (latin2, _, _) = encoding_rs::ISO_8859_2.encode(body);
    // Undeclared: not UTF-8, so windows-1252, which garbles Polish letters.
    let guessed = extract_page(&latin2, None).expect("an article");
    assert!(!guessed.text.contains("Zażółć"), "{}", guessed.text);
    // The server's Content-Type says what the page does not.
    let told = extract_page(&latin2, Some("text/html; charset=ISO-8859-2")).expect("an article");
    assert!(told.text.starts_with("Zażółć gęślą jaźń"), "{}", told.text);
    // The page's own declaration works as well, and a byte-order mark beats both.
    let mut declared = b"<meta charset=\"iso-8859-2\">".to_vec();
    declared.extend_from_slice(&latin2);
    assert!(extract_page(&declared, None)
        .expect("an article")
        .text
        .starts_with("Zażółć"));
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(body.as_bytes());
    assert!(extract_page(&bom, Some("iso-8859-2"))
        .expect("an article")
        .text
        .starts_with("Zażółć"));
}

#[test]
fn only_web_links_are_numbered_and_relative_ones_are_resolved() {
    let html = format!(
        "<head><link rel=canonical href=\"https://news.example/world/story.html\"></head><main>{}</main>",
        para(
            "See <a href=\"javascript:alert(1)\">this</a>, <a href=\"mailto:a@b.example\">mail</a>, \
             <a href=\"#top\">top</a>, <a href=\"/politics/\">politics</a>, \
             <a href=\"next.html\">next</a> and <a href=\"HTTPS://other.example/x\">other</a>."
        )
    );
    let a = load(html.as_bytes()).expect("an article");
    assert!(
        a.body
            .contains("See this, mail, top, politics[1], next[2] and other[3]."),
        "{}",
        a.body
    );
    assert!(
        a.body.ends_with(
            "Links\n[1] https://news.example/politics/\n[2] https://news.example/world/next.html\n[3] HTTPS://other.example/x"
        ),
        "{}",
        a.body
    );
}

#[test]
fn json_ld_fills_in_what_meta_tags_leave_out() {
    let html = format!(
        "<head><title>Site name only</title><script type=\"application/ld+json\">\
         {{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Ferry fares frozen\",\
         \"datePublished\":\"2026-04-01T08:00:00+01:00\",\"author\":{{\"@type\":\"Person\",\"name\":\"Ana Sills\"}},\
         \"publisher\":{{\"@type\":\"Organization\",\"name\":\"Coast Courier\"}}}}</script></head><body><article>{}</article></body>",
        para("Fares stay where they are.")
    );
    let a = gloss::corpus::extract_page(html.as_bytes(), None).expect("an article");
    assert_eq!(a.title.as_deref(), Some("Ferry fares frozen"));
    assert_eq!(a.byline.as_deref(), Some("Ana Sills"));
    assert_eq!(a.date.as_deref(), Some("2026-04-01"));
    assert_eq!(a.site.as_deref(), Some("Coast Courier"));
    // Meta tags, when present, come first.
    let with_meta = html.replace(
        "<head>",
        "<head><meta name=\"author\" content=\"Desk Editor\"><meta property=\"og:title\" content=\"Fares frozen for a year\">",
    );
    let a = gloss::corpus::extract_page(with_meta.as_bytes(), None).expect("an article");
    assert_eq!(a.title.as_deref(), Some("Fares frozen for a year"));
    assert_eq!(a.byline.as_deref(), Some("Desk Editor"));
}

#[test]
fn paragraphs_made_of_divs_and_double_breaks_are_articles() {
    let sentence = "The council voted to keep the ferry running through the winter, after a long debate about its cost and the number of people who rely on it.";
    let divs = format!(
        "<body><div class=\"x1\"><div class=\"x2\">{}</div></div></body>",
        format!("<div>{sentence}</div>").repeat(4)
    );
    let a = load(divs.as_bytes()).expect("div paragraphs are an article");
    assert_eq!(a.body.matches("The council voted").count(), 4, "{}", a.body);
    let breaks = format!(
        "<body><td class=\"story\"><font>{}</font></td></body>",
        format!("{sentence}<br><br>").repeat(4)
    );
    let a = load(breaks.as_bytes()).expect("<br><br> paragraphs are an article");
    assert_eq!(
        a.body.split("\n\n").count(),
        4,
        "each double break ends a paragraph: {}",
        a.body
    );
}

#[test]
fn links_nested_past_the_autoclose_stay_linear() {
    // An `<a>` is closed by the next one only when it is a few elements up; deeper
    // nesting leaves every link holding the rest of the page.
    let html = format!(
        "{}{}",
        "<a href=\"https://e.example/\"><div><div><div><div><div><div><div><h2>Headline text for a link</h2>"
            .repeat(30_000),
        para("After the links.")
    );
    let _ = load(html.as_bytes());
}

#[test]
fn text_hidden_by_inline_style_is_left_out() {
    let html = format!(
        "<body><div class=\"story\">{}<div style=\"display: none\"><p>Hiddencopy of the story for printing, long enough to count as a paragraph of text.</p></div>{}</div></body>",
        para("First."),
        para("Second.")
    );
    let a = load(html.as_bytes()).expect("an article");
    assert!(!a.body.contains("Hiddencopy"), "{}", a.body);
}

#[test]
fn linked_headings_with_summaries_are_an_index_unless_the_page_is_an_article() {
    let mut items = String::new();
    for n in 0..8 {
        let _ = write!(
            items,
            "<h3><a href=\"https://walks.example/{n}/\">Walk number {n} along the cliffs and coves</a></h3>\
             <p>A short summary of walk {n}, with a view of the bay and a café at the end of it.</p>"
        );
    }
    let index = format!("<body><div class=\"list\">{items}</div></body>");
    assert_eq!(
        load(index.as_bytes()).map(|_| ()),
        Err(SkipReason::NotAnArticle)
    );
    // The same list in a page's one <article> (or a page that says it is an article)
    // is a round-up.
    let roundup = format!("<body><article><h1>Eight walks</h1>{items}</article></body>");
    let a = load(roundup.as_bytes()).expect("a round-up is an article");
    assert!(
        a.body.contains("Walk number 7 along the cliffs"),
        "{}",
        a.body
    );
    let declared = index.replace(
        "<body>",
        "<head><meta property=\"og:type\" content=\"article\"></head><body>",
    );
    assert!(load(declared.as_bytes()).is_ok());
}

#[test]
fn a_form_around_the_whole_page_still_holds_the_article() {
    // ASP.NET Web Forms pages wrap everything in one <form>.
    let html = format!(
        "<body><form id=\"aspnetForm\" method=\"post\"><input type=\"hidden\" name=\"__VIEWSTATE\" value=\"x\">\
         <div class=\"menu\"><a href=\"/\">Home</a></div><div class=\"content\">{}{}</div>\
         <div class=\"search\"><input type=\"text\"><button>Go</button></div></form></body>",
        para("First."),
        para("Second.")
    );
    let a = load(html.as_bytes()).expect("an article");
    assert!(
        a.body.contains("First.") && a.body.contains("Second."),
        "{}",
        a.body
    );
    assert!(
        !a.body.contains("Home") && !a.body.contains("Go"),
        "{}",
        a.body
    );
}
