//! Writes a generated corpus to a folder, for the command-line benchmarks in the
//! README: `cargo run --release --example gencorpus -- DIR [COUNT] [SEED]`.

#[path = "../benches/support/corpus_gen.rs"]
mod corpus_gen;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gencorpus DIR [COUNT] [SEED]");
        return ExitCode::from(2);
    };
    let count = args.next().and_then(|c| c.parse().ok()).unwrap_or(10_000);
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(7);
    let mut bytes = 0;
    for g in corpus_gen::generate(count, seed) {
        let path = dir.join(&g.path);
        if let Some(parent) = path.parent() {
            if let Err(err) = std::fs::create_dir_all(parent) {
                eprintln!("gencorpus: cannot create {}: {err}", parent.display());
                return ExitCode::from(1);
            }
        }
        bytes += g.text.len();
        if let Err(err) = std::fs::write(&path, g.text) {
            eprintln!("gencorpus: cannot write {}: {err}", path.display());
            return ExitCode::from(1);
        }
    }
    println!(
        "wrote {count} articles, {} KB, to {}",
        bytes / 1000,
        dir.display()
    );
    ExitCode::SUCCESS
}
