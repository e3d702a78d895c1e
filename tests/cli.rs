//! The command line, run as a user would: every run with its own temporary config and
//! data folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

#[path = "support/server.rs"]
mod server;

/// A temporary home for one test: config and data folders, and a place for files.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("config")).expect("config dir");
        std::fs::create_dir_all(dir.path().join("data")).expect("data dir");
        Self { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        std::fs::write(&path, bytes).expect("write");
        path
    }

    fn config(&self, text: &str) {
        self.write("config/config.toml", text.as_bytes());
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(args)
            .env("GLOSS_CONFIG_DIR", self.path("config"))
            .env("GLOSS_DATA_DIR", self.path("data"))
            .env_remove("NO_COLOR")
            .stdin(Stdio::null())
            .output()
            .expect("gloss runs")
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Collects every string in a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn offset(v: &Value) -> usize {
    usize::try_from(v.as_u64().expect("an offset")).expect("fits")
}

fn corpus() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/corpus")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn help_and_version() {
    let env = Env::new();
    let out = env.run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for word in ["open", "analyze"] {
        assert!(text.contains(word), "{text}");
    }
    let out = env.run(&["--version"]);
    assert!(stdout(&out).starts_with("gloss "));
}

#[test]
fn bad_arguments_exit_2() {
    let env = Env::new();
    assert_eq!(env.run(&["open"]).status.code(), Some(2));
    assert_eq!(env.run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(env.run(&["analyze", "--json"]).status.code(), Some(2));
    let missing = env.path("nowhere/at-all.md");
    let out = env.run(&["analyze", "--json", missing.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("at-all.md"), "{}", stderr(&out));
}

#[test]
fn analyze_json_follows_the_contract_on_the_sample_corpus() {
    let env = Env::new();
    let out = env.run(&["analyze", "--json", "--with-text", &corpus()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(doc["version"], 1);
    assert!(doc["clusters"].is_array());
    let articles = doc["articles"].as_array().expect("articles");
    assert!(articles.len() >= 12);
    let mut sources = std::collections::HashSet::new();
    for a in articles {
        for key in ["id", "path", "title", "body"] {
            assert!(a[key].is_string(), "{key} in {a}");
        }
        for key in ["source", "date", "url", "author"] {
            assert!(a[key].is_string() || a[key].is_null(), "{key} in {a}");
        }
        sources.insert(a["source"].as_str().unwrap_or("").to_owned());
        let body: Vec<char> = a["body"].as_str().expect("body").chars().collect();
        // Offsets count characters: slicing the body by them gives the mention.
        for e in a["entities"].as_array().expect("entities") {
            let kind = e["kind"].as_str().expect("kind");
            assert!(
                [
                    "person", "org", "place", "product", "money", "percent", "date", "quantity",
                    "handle", "other"
                ]
                .contains(&kind),
                "{kind}"
            );
            for m in e["mentions"].as_array().expect("mentions") {
                let (s, t) = (offset(&m["start"]), offset(&m["end"]));
                let slice: String = body[s..t].iter().collect();
                assert_eq!(slice, m["text"].as_str().expect("text"));
            }
        }
        for c in a["claims"].as_array().expect("claims") {
            assert!(["quote", "figure", "statement"].contains(&c["kind"].as_str().expect("kind")));
            let (s, t) = (offset(&c["start"]), offset(&c["end"]));
            let slice: String = body[s..t].iter().collect();
            assert_eq!(slice, c["text"].as_str().expect("text"));
        }
    }
    assert!(sources.len() >= 5, "{sources:?}");
    // Without --with-text there is no body.
    let out = env.run(&["analyze", "--json", &corpus()]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(doc["articles"][0].get("body").is_none());
}

#[test]
fn analyses_are_cached_on_disk_and_reused() {
    let env = Env::new();
    let cache = env.path("data/cache/analysis");
    let out = env.run(&["analyze", "--json", "--no-cache", &corpus()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!cache.exists(), "--no-cache writes nothing");
    let first = env.run(&["analyze", "--json", &corpus()]);
    let files = std::fs::read_dir(&cache).expect("cache folder").count();
    assert!(files > 0, "the cache holds the analyses");
    let second = env.run(&["analyze", "--json", &corpus()]);
    assert_eq!(
        first.stdout, second.stdout,
        "cached analyses give the same output"
    );
    assert_eq!(first.stdout, out.stdout, "and the same as analysing afresh");
}

#[test]
fn one_bad_file_never_stops_the_rest() {
    let env = Env::new();
    env.write(
        "news/good.md",
        b"---\ntitle: Good\nsource: Ledger Daily\n---\nThe union said no.",
    );
    env.write("news/empty.txt", b"");
    env.write("news/binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00");
    env.write("news/latin1.txt", b"Caf\xe9 opens\n\nThe caf\xe9 said yes.");
    env.write(
        "news/escapes.txt",
        b"Title\x1b]0;owned\x07 here\n\nBody \x1b[31mred\x1b[0m text.",
    );
    env.write("news/big.txt", &vec![b'a'; 5000]);
    env.write("news/picture.jpg", b"\xff\xd8\xff\xe0 not an article");
    env.config("[limits]\nmax_file_size = 4096\n");
    let out = env.run(&[
        "analyze",
        "--json",
        "--with-text",
        env.path("news").to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    for name in ["empty.txt", "binary.txt", "big.txt"] {
        assert!(
            err.contains(name) && err.contains("skipped"),
            "{name} named in:\n{err}"
        );
    }
    assert!(
        err.contains("empty file") && err.contains("binary") && err.contains("size limit"),
        "{err}"
    );
    assert!(
        err.contains("latin1.txt") && err.contains("invalid UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("escapes.txt") && err.contains("escape sequence"),
        "{err}"
    );
    assert!(
        !err.contains("picture.jpg"),
        "files of other types in a folder are passed over: {err}"
    );
    assert!(!err.contains('\u{1b}'), "stderr carries no escape sequence");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let titles: Vec<&str> = doc["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["title"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(
        titles.contains(&"Good")
            && titles.contains(&"Caf\u{fffd} opens")
            && titles.contains(&"Title here"),
        "{titles:?}"
    );
    // serde_json escapes control characters, so look inside the decoded strings.
    let mut all = Vec::new();
    strings(&doc, &mut all);
    for s in all {
        assert!(
            !s.chars().any(|c| c.is_control() && c != '\n'),
            "a control character in {s:?}"
        );
        assert!(!s.contains("owned") && !s.contains("[31m"), "{s:?}");
    }
}

#[test]
fn a_bad_config_names_the_file_line_and_fix() {
    let env = Env::new();
    env.config("[layout]\nsources_width = 30\ncolour = \"blue\"\n");
    let out = env.run(&["analyze", "--json", &corpus()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("config.toml:3"), "{err}");
    assert!(err.contains("unknown field `colour`"), "{err}");
    assert!(err.contains("fix:"), "{err}");
    env.config("[theme]\nborder = \"purple\"\n");
    let err = stderr(&env.run(&["analyze", "--json", &corpus()]));
    assert!(
        err.contains("config.toml:2") && err.contains("'purple' is not a colour"),
        "{err}"
    );
    env.config("this is not toml");
    let out = env.run(&["analyze", "--json", &corpus()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("config.toml:1"), "{}", stderr(&out));
}

#[test]
fn a_bad_key_binding_is_refused_before_the_screen_opens() {
    let env = Env::new();
    env.config("[reader]\nmouse = false\n\n[keys.article]\n\"j\" = \"teleport\"\n");
    let out = env.run(&[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("config.toml:5") && err.contains("'teleport' is not an action"),
        "{err}"
    );
    assert!(
        err.contains("toggle_help"),
        "the message lists the actions: {err}"
    );
}

#[test]
fn the_reader_refuses_to_draw_without_a_terminal() {
    let env = Env::new();
    let out = env.run(&["open", &corpus()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("gloss analyze --json"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_example_config_is_accepted_as_a_real_config() {
    let env = Env::new();
    let example =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml"))
            .expect("example");
    env.config(&example);
    let out = env.run(&["analyze", "--json", &corpus()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Puts annotations on two sample articles into the data folder's store, as the reader
/// would.
fn seed_annotations(env: &Env) {
    use gloss::annotations::{Anchor, Annotation, ArticleRef, Store, Target};
    let (articles, _) = gloss::corpus::load_sample();
    let (mut store, problems) = Store::open(&env.path("data/annotations"));
    assert!(problems.is_empty());
    for (n, a) in articles.iter().take(2).enumerate() {
        let r = ArticleRef {
            id: a.id.clone(),
            path: a.path.clone(),
            title: a.meta.title.clone(),
            source: a.meta.source.clone(),
            ..ArticleRef::default()
        };
        let mut ann = Annotation::new(
            Anchor::new(&a.body, 0, 40),
            Target::Passage,
            vec!["disputed".into(), format!("t{n}")],
            Some(format!("=note {n}\nsecond line")),
        );
        ann.created = format!("2026-03-0{}T10:00:00Z", n + 1);
        ann.modified.clone_from(&ann.created);
        store.upsert(&r, ann).expect("upsert");
    }
    assert!(store.save_all().is_empty());
}

#[test]
fn export_writes_a_file_and_never_replaces_one_without_force() {
    let env = Env::new();
    seed_annotations(&env);
    let out = env.path("notes.md");
    let out_arg = out.to_str().expect("utf-8 path");
    let first = env.run(&["export", "--format", "markdown", "--out", out_arg]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("wrote"), "{}", stderr(&first));
    let written = std::fs::read(&out).expect("written");
    let again = env.run(&["export", "--format", "csv", "--out", out_arg]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(
        std::fs::read(&out).expect("still there"),
        written,
        "untouched"
    );
    let forced = env.run(&["export", "--format", "csv", "--out", out_arg, "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_ne!(std::fs::read(&out).expect("replaced"), written);
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(env.path(""))
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty());
}

#[test]
fn export_filters_by_tag_source_and_day_and_refuses_a_bad_day() {
    let env = Env::new();
    seed_annotations(&env);
    let json = |args: &[&str]| -> Value {
        let mut all = vec!["export", "--format", "json"];
        all.extend_from_slice(args);
        let o = env.run(&all);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str(&stdout(&o)).expect("json")
    };
    let count = |v: &Value| -> usize {
        v["articles"]
            .as_array()
            .expect("articles")
            .iter()
            .map(|a| a["annotations"].as_array().expect("annotations").len())
            .sum()
    };
    assert_eq!(count(&json(&[])), 2);
    assert_eq!(count(&json(&["--tag", "t1"])), 1);
    assert_eq!(count(&json(&["--tag", "t0", "--tag", "t1"])), 2);
    assert_eq!(count(&json(&["--since", "2026-03-02"])), 1);
    assert_eq!(count(&json(&["--source", "no such outlet"])), 0);
    // A query scopes the export to annotations on the sentences it matches.
    assert_eq!(count(&json(&["--query", "tag:t1"])), 1);
    assert_eq!(count(&json(&["--query", "has:note"])), 2);
    assert_eq!(count(&json(&["--query", "has:note NOT tag:t0"])), 1);
    assert_eq!(count(&json(&["--query", "zyzzyva"])), 0);
    let unreadable = env.run(&["export", "--format", "json", "--query", "kind:quotes"]);
    assert_eq!(unreadable.status.code(), Some(2));
    assert!(
        stderr(&unreadable).contains("`quotes`"),
        "{}",
        stderr(&unreadable)
    );
    let bad = env.run(&["export", "--format", "json", "--since", "March"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
}

#[test]
fn export_import_into_an_empty_store_and_export_again_is_identical() {
    let env = Env::new();
    seed_annotations(&env);
    let first = env.run(&["export", "--format", "json"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let file = env.write("export.json", &first.stdout);
    let other = Env::new();
    let imported = other.run(&["import", file.to_str().expect("utf-8 path")]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        stderr(&imported).contains("imported 2 annotations"),
        "{}",
        stderr(&imported)
    );
    let second = other.run(&["export", "--format", "json"]);
    assert_eq!(stdout(&second), stdout(&first));
    let junk = other.write("junk.json", b"{ not json");
    let refused = other.run(&["import", junk.to_str().expect("utf-8 path")]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn export_refuses_an_empty_tag_and_a_link_in_the_way_and_import_keeps_newer_edits() {
    let env = Env::new();
    seed_annotations(&env);
    let blank = env.run(&["export", "--format", "csv", "--tag", " "]);
    assert_eq!(blank.status.code(), Some(2), "{}", stderr(&blank));
    #[cfg(unix)]
    {
        let link = env.path("link.csv");
        std::os::unix::fs::symlink(env.path("nowhere.csv"), &link).expect("symlink");
        let o = env.run(&[
            "export",
            "--format",
            "csv",
            "--out",
            link.to_str().expect("utf-8"),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(!env.path("nowhere.csv").exists());
    }
    // An export, then an edit in the store, then the old export imported again.
    let old = env.run(&["export", "--format", "json"]);
    let file = env.write("old.json", &old.stdout);
    let mut v: Value = serde_json::from_slice(&old.stdout).expect("json");
    let first = &mut v["articles"][0]["annotations"][0];
    first["modified"] = Value::String("2099-01-01T00:00:00Z".into());
    first["note"] = Value::String("edited later".into());
    let newer = env.write(
        "newer.json",
        serde_json::to_string(&v).expect("json").as_bytes(),
    );
    let took = env.run(&["import", newer.to_str().expect("utf-8")]);
    assert!(took.status.success(), "{}", stderr(&took));
    let back = env.run(&["import", file.to_str().expect("utf-8")]);
    assert!(back.status.success(), "{}", stderr(&back));
    assert!(stderr(&back).contains("kept 1"), "{}", stderr(&back));
    let now = env.run(&["export", "--format", "json"]);
    assert!(stdout(&now).contains("edited later"));
}

#[test]
fn the_json_round_trip_keeps_articles_that_are_not_loaded() {
    // An export of articles no corpus holds: all their metadata comes from the file.
    let file = r#"{"gloss_export": 1, "articles": [{"article": {"id": "00000000000000ab",
        "path": "/news/gone.md", "title": "Gone", "source": "Wire", "date": "2026-03-02",
        "url": "https://wire.example/gone", "author": "A. Writer"}, "annotations": [
        {"id": "a00000000000000b1", "created": "2026-03-02T09:30:00Z",
         "modified": "2026-03-02T09:30:00Z", "tags": ["kept"], "target": {"kind": "passage"},
         "anchor": {"exact": "x", "start": 0, "end": 1, "text_hash": "0"}}]}]}"#;
    let env = Env::new();
    let empty = env.path("empty");
    std::fs::create_dir_all(&empty).expect("dir");
    let input = env.write("in.json", file.as_bytes());
    assert!(env
        .run(&["import", input.to_str().expect("utf-8")])
        .status
        .success());
    let first = env.run(&["export", "--format", "json", empty.to_str().expect("utf-8")]);
    assert!(stdout(&first).contains("A. Writer") && stdout(&first).contains("2026-03-02"));
    let again = Env::new();
    let copy = again.write("first.json", &first.stdout);
    assert!(again
        .run(&["import", copy.to_str().expect("utf-8")])
        .status
        .success());
    let second = again.run(&["export", "--format", "json", empty.to_str().expect("utf-8")]);
    assert_eq!(stdout(&second), stdout(&first));
}

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title>
<item><guid>h-1</guid><title>Cranes bought</title><link>https://harbour.example/cranes</link>
<pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The Calder port board approved fourteen new cranes on Tuesday, the chair Odile Brandt said.&lt;/p&gt;</description></item>
</channel></rss>"#;

#[test]
#[allow(clippy::too_many_lines)]
fn feeds_are_added_listed_refreshed_exported_and_removed() {
    let server = server::Server::start();
    server.body(
        "/rss",
        "application/rss+xml",
        FEED.replace("https://harbour.example/cranes", &server.url("/cranes")),
    );
    // The entry is a summary: its page is fetched and its main text kept.
    server.body(
        "/cranes",
        "text/html",
        "<html><body><nav><a href=\"/\">Home</a></nav><article><h1>Cranes bought</h1>\
         <p>The Calder port board approved fourteen new cranes on Tuesday, the chair Odile Brandt said, \
         ending a year of delays over the harbour's ageing equipment.</p>\
         <p>Delivery is expected next spring.</p></article></body></html>",
    );
    let env = Env::new();
    env.config("# mine\n[reader]\nmouse = false\n");
    let url = server.url("/rss");

    let added = env.run(&[
        "feeds",
        "add",
        &url,
        "--name",
        "Harbour Wire",
        "--tag",
        "port",
    ]);
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(stdout(&added).starts_with("subscribed to Harbour Wire"));
    let config = std::fs::read_to_string(env.path("config/config.toml")).expect("config");
    assert!(
        config.starts_with("# mine\n[reader]\nmouse = false\n"),
        "{config}"
    );
    assert!(config.contains("[[feed]]"));

    let twice = env.run(&["feeds", "add", &url]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(stderr(&twice).contains("already subscribed: Harbour Wire"));
    let bad = env.run(&["feeds", "add", "file:///etc/passwd"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("is not an http:// or https:// address"));

    let refreshed = env.run(&["feeds", "refresh"]);
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    assert_eq!(
        stdout(&refreshed).trim(),
        "Harbour Wire: 1 entry, 1 new, 0 changed"
    );
    let listed = env.run(&["feeds", "list"]);
    assert_eq!(
        stdout(&listed).trim(),
        format!("Harbour Wire  {url}  1 article  [port]")
    );
    // What was kept is analysed like any article, offline.
    drop(server);
    let analysed = env.run(&[
        "analyze",
        "--json",
        env.path("data/feeds").to_str().expect("utf-8"),
    ]);
    let json: Value = serde_json::from_slice(&analysed.stdout).expect("json");
    assert_eq!(json["articles"][0]["title"], "Cranes bought");
    assert_eq!(json["articles"][0]["source"], "Harbour Wire");
    assert!(json["articles"][0]["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .any(|e| e["name"] == "Odile Brandt"));
    let with_text = env.run(&[
        "analyze",
        "--json",
        "--with-text",
        env.path("data/feeds").to_str().expect("utf-8"),
    ]);
    let json: Value = serde_json::from_slice(&with_text.stdout).expect("json");
    let text = json["articles"][0]["body"].as_str().expect("body");
    assert!(text.contains("Delivery is expected next spring."), "{text}");
    assert!(!text.contains("Home"));

    let opml = env.run(&["feeds", "export"]);
    assert!(
        stdout(&opml).contains(&format!("xmlUrl=\"{url}\"")),
        "{}",
        stdout(&opml)
    );
    let file = env.write("subs.opml", &opml.stdout);

    let removed = env.run(&["feeds", "remove", "Harbour Wire"]);
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert!(stdout(&removed).contains("its kept articles stay in"));
    assert_eq!(
        std::fs::read_to_string(env.path("config/config.toml")).expect("config"),
        "# mine\n[reader]\nmouse = false\n"
    );
    let imported = env.run(&["feeds", "import", file.to_str().expect("utf-8")]);
    assert_eq!(
        stdout(&imported).trim(),
        "subscribed to 1 feed(s); 0 already listed"
    );
    // The server is gone: the refresh fails with the feed's name and the reason.
    let offline = env.run(&["feeds", "refresh", "Harbour Wire"]);
    assert_eq!(offline.status.code(), Some(1));
    assert!(
        stderr(&offline).starts_with("gloss: Harbour Wire: "),
        "{}",
        stderr(&offline)
    );
}

#[test]
fn search_prints_matching_sentences_and_exits_by_what_it_found() {
    let env = Env::new();
    seed_annotations(&env);
    // One line per matching sentence: path, source, date, the sentence.
    let found = env.run(&["search", "insult"]);
    assert_eq!(found.status.code(), Some(0), "{}", stderr(&found));
    let lines: Vec<String> = stdout(&found).lines().map(str::to_owned).collect();
    assert!(lines.len() >= 3, "{lines:?}");
    for line in &lines {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 4, "{line}");
        assert!(fields[3].to_lowercase().contains("insult"), "{line}");
    }
    // As JSON: the same matches, with offsets that slice the body to the marks.
    let json = env.run(&["search", "--json", "insult"]);
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let v: Value = serde_json::from_str(&stdout(&json)).expect("json");
    let matches = v["matches"].as_array().expect("matches");
    assert_eq!(matches.len(), lines.len());
    assert_eq!(v["total"].as_u64(), Some(lines.len() as u64));
    let (articles, _) = gloss::corpus::load_sample();
    for m in matches {
        let article = articles
            .iter()
            .find(|a| a.id == m["article"].as_str().expect("id"))
            .expect("a sample article");
        let text: Vec<char> = if m["in"] == "title" {
            article.meta.title.chars().collect()
        } else {
            article.body.chars().collect()
        };
        for mark in m["marks"].as_array().expect("marks") {
            let (s, e) = (offset(&mark[0]), offset(&mark[1]));
            let word: String = text[s..e].iter().collect();
            assert_eq!(word.to_lowercase(), "insult", "{m}");
        }
    }
    // The reader's annotations are searched too.
    let tagged = env.run(&["search", "tag:disputed has:note"]);
    assert_eq!(tagged.status.code(), Some(0), "{}", stderr(&tagged));
    assert!(!stdout(&tagged).is_empty());
    // Read marks come from read.toml in the data folder.
    let first = &articles[0];
    env.write(
        "data/read.toml",
        format!("version = 1\nread = [\"{}\"]\n", first.id).as_bytes(),
    );
    let read = env.run(&["search", "is:read"]);
    assert_eq!(read.status.code(), Some(0), "{}", stderr(&read));
    assert!(stdout(&read)
        .lines()
        .all(|l| l.starts_with(&format!("{}\t", first.path))));
    let unread = env.run(&["search", "unread"]);
    assert!(!stdout(&unread).contains(&format!("{}\t", first.path)));
    assert!(!stdout(&unread).is_empty());
    // Nothing found: exit 1 and nothing printed.
    let none = env.run(&["search", "zyzzyva"]);
    assert_eq!(none.status.code(), Some(1), "{}", stderr(&none));
    assert!(stdout(&none).is_empty());
    // A query that cannot be read: exit 2, the offending word named and underlined.
    let bad = env.run(&["search", "quint auther:x"]);
    assert_eq!(bad.status.code(), Some(2));
    let said = stderr(&bad);
    assert!(said.contains("`auther:`"), "{said}");
    let caret = said.lines().last().expect("a caret line");
    assert_eq!(caret.trim(), "^^^^^^^", "{said}");
    assert_eq!(caret.find('^'), Some(2 + "quint ".len()), "{said}");
}

#[test]
fn the_library_index_is_kept_on_disk_and_follows_changed_articles() {
    let env = Env::new();
    env.write(
        "news/port.md",
        b"---\ntitle: Crane order stalls\nsource: Ledger Daily\ndate: 2026-03-02\n---\nThe Calder Port Authority ordered 14 cranes.\n",
    );
    env.write(
        "news/ferry.md",
        b"---\ntitle: Ferry cut\nsource: Harbour Signal\ndate: 2026-03-04\n---\nTwo sailings were cut on Monday.\n",
    );
    let folder = env.path("news");
    env.config(&format!(
        "[[source]]\nname = \"News\"\npath = \"{}\"\n",
        folder.display()
    ));
    let first = env.run(&["search", "cranes"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let index = env.path("data/search/index.bin");
    let kept = std::fs::read(&index).expect("the index is kept");
    // Unchanged library: answered from the kept index, which is left as it was.
    let again = env.run(&["search", "sailings"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(std::fs::read(&index).expect("still there"), kept);
    // A changed article is indexed again: its new words are found, its old ones not.
    env.write(
        "news/ferry.md",
        b"---\ntitle: Ferry cut\nsource: Harbour Signal\ndate: 2026-03-04\n---\nAll sailings resume on Friday.\n",
    );
    let changed = env.run(&["search", "resume"]);
    assert_eq!(changed.status.code(), Some(0), "{}", stderr(&changed));
    assert_eq!(env.run(&["search", "monday"]).status.code(), Some(1));
    assert_ne!(std::fs::read(&index).expect("rewritten"), kept);
    // A damaged index is said and built again; the answer is the same.
    std::fs::write(&index, b"GLOSSIDX\x01 and then nothing sensible").expect("damage it");
    let rebuilt = env.run(&["search", "cranes"]);
    assert_eq!(rebuilt.status.code(), Some(0), "{}", stderr(&rebuilt));
    assert!(
        stderr(&rebuilt).contains("building the search index again"),
        "{}",
        stderr(&rebuilt)
    );
    assert_eq!(stdout(&rebuilt), stdout(&first));
}
