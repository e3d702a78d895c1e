//! The `gloss` command: parse the command line, set up logging, dispatch.

mod cli;
mod tui;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
