//! The library never names a terminal crate: `src/lib.rs` and every module it owns stay
//! free of ratatui and crossterm, which belong to the binary's `src/tui`.

use std::fs;
use std::path::{Path, PathBuf};

const TERMINAL_CRATES: &[&str] = &["ratatui", "crossterm", "termion", "termwiz"];

/// Returns the lines of `source` (outside comments) that name a terminal crate.
fn terminal_mentions(source: &str) -> Vec<(usize, String)> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.split("//").next().unwrap_or("");
            TERMINAL_CRATES.iter().any(|c| {
                code.match_indices(c).any(|(i, _)| {
                    let before = code[..i].chars().next_back();
                    let after = code[i + c.len()..].chars().next();
                    !before.is_some_and(|b| b.is_alphanumeric() || b == '_')
                        && !after.is_some_and(|a| a.is_alphanumeric() || a == '_')
                })
            })
        })
        .map(|(n, line)| (n + 1, line.to_owned()))
        .collect()
}

/// Every Rust file of the library: everything under `src/` except the binary's own
/// `main.rs`, `cli` and `tui`.
fn library_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("src is readable").flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if matches!(name, "main.rs" | "cli.rs" | "cli" | "tui.rs" | "tui")
                && path.parent() == Some(Path::new(SRC))
            {
                continue;
            }
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new(SRC), &mut out);
    out
}

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

#[test]
fn the_library_never_imports_a_terminal_crate() {
    let files = library_files();
    assert!(files.len() > 10, "the walk found the library: {files:?}");
    let mut offenders = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("source is readable");
        for (line, code) in terminal_mentions(&text) {
            offenders.push(format!("{}:{line}: {code}", file.display()));
        }
    }
    assert!(
        offenders.is_empty(),
        "library files name a terminal crate:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_library_does_not_own_the_terminal_modules() {
    let lib = fs::read_to_string(format!("{SRC}/lib.rs")).expect("lib.rs");
    for module in ["mod tui", "mod cli"] {
        assert!(!lib.contains(module), "lib.rs declares `{module}`");
    }
    let main = fs::read_to_string(format!("{SRC}/main.rs")).expect("main.rs");
    assert!(main.contains("mod tui;"), "the binary owns src/tui");
}

#[test]
fn the_check_catches_imports_and_ignores_comments_and_lookalikes() {
    assert_eq!(terminal_mentions("use ratatui::widgets::Block;").len(), 1);
    assert_eq!(
        terminal_mentions("    let x = crossterm::terminal::size();").len(),
        1
    );
    assert!(terminal_mentions("// ratatui is for the binary").is_empty());
    assert!(terminal_mentions("let my_ratatui_like = 1;").is_empty());
}
