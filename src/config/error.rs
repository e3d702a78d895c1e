//! Configuration errors a person can act on: file, line, what is wrong, and the fix.

use std::path::{Path, PathBuf};

/// An error in the user's configuration or keymap.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file has a mistake at a known place.
    #[error("{}:{line}:{column}: {message}\n  fix: {fix}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
        /// What to do about it.
        fix: String,
    },
}

/// Returns the 1-based line and column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl ConfigError {
    /// Builds an error at byte `offset` of `text`.
    pub fn at(
        path: &Path,
        text: &str,
        offset: usize,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        let (line, column) = line_column(text, offset);
        Self::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            fix: fix.into(),
        }
    }

    /// Turns a TOML parse error into an error with a line and a fix.
    pub fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Self {
        let offset = err.span().map_or(0, |s| s.start);
        let message = err.message().trim().to_owned();
        let fix = if message.starts_with("unknown field") {
            "remove the key or correct its spelling; config.example.toml lists every key with its default"
        } else if message.contains("invalid type") || message.contains("expected") {
            "give a value of the type shown in config.example.toml"
        } else {
            "correct the TOML syntax at that place; config.example.toml shows every key"
        };
        Self::at(path, text, offset, message, fix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based() {
        assert_eq!(line_column("ab\ncd\n", 0), (1, 1));
        assert_eq!(line_column("ab\ncd\n", 4), (2, 2));
        assert_eq!(line_column("é\nx", 3), (2, 1));
    }
}
