//! Embeds the sample corpus in `assets/corpus` so `gloss` works from any directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "txt")
        ) {
            out.push(path);
        }
    }
}

/// Hashes the analysis code and its word lists, so that cached analyses are thrown
/// away whenever either changes.
fn analyzer_hash(root: &Path) -> u64 {
    let mut files = vec![root.join("src").join("analysis.rs")];
    for dir in [
        root.join("src").join("analysis"),
        root.join("assets").join("lexicon"),
    ] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            files.extend(entries.flatten().map(|e| e.path()));
        }
        println!("cargo:rerun-if-changed={}", dir.display());
    }
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        for byte in std::fs::read(&file).unwrap_or_default() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!(
        "cargo:rustc-env=GLOSS_ANALYZER_HASH={:016x}",
        analyzer_hash(&root)
    );
    let corpus = root.join("assets").join("corpus");
    println!("cargo:rerun-if-changed=assets/corpus");
    let mut files = Vec::new();
    collect(&corpus, &mut files);
    files.sort();
    let mut code = String::from("/// Every sample article as (path inside the corpus, raw bytes).\npub static SAMPLE_FILES: &[(&str, &[u8])] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let rel = file
            .strip_prefix(&corpus)
            .expect("collected under the corpus")
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            file.display().to_string()
        )
        .expect("writing to a String");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("sample_corpus.rs"), code).expect("OUT_DIR is writable");
}
