//! Exporting from the reader: `e` opens a prompt for the format and the scope; Enter
//! asks the loop to write the file (`App::run_export`), and the status line says where.

use gloss::export::select::{Corpus, Scope};

use crate::tui::annotate::Prompt;
use crate::tui::app::App;
use gloss::export::select::{render, write_atomically, Format};

/// The formats the prompt offers, in order.
pub const FORMATS: [Format; 4] = [Format::Markdown, Format::Json, Format::Csv, Format::W3c];

/// The scopes the prompt offers, in order.
pub const SCOPES: [&str; 5] = [
    "this article",
    "this source",
    "everything",
    "the filter",
    "the search",
];

/// The scope of the last search's results (Ctrl-x in the search opens the prompt on
/// it).
pub const SEARCH_SCOPE: usize = 4;

/// A format's name as the prompt shows it.
pub fn format_name(f: Format) -> &'static str {
    f.name()
}

impl App {
    /// Opens the export prompt.
    pub fn start_export_prompt(&mut self) {
        let scope = if self.filter.is_some() {
            3
        } else if self.current.is_some() {
            0
        } else {
            2
        };
        self.prompt = Some(Prompt::Export { format: 0, scope });
    }

    /// The scope chosen in the prompt, or why it cannot be used.
    fn scope_of(&self, choice: usize) -> Result<(Scope, String), String> {
        let entry = self.current_entry();
        match choice {
            0 => {
                let e = entry.ok_or("open an article to export its annotations")?;
                Ok((
                    Scope {
                        articles: vec![e.article.id.clone()],
                        ..Scope::default()
                    },
                    "article".to_owned(),
                ))
            }
            1 => {
                let source = entry
                    .and_then(|e| e.article.meta.source.clone())
                    .ok_or("this article names no source")?;
                Ok((
                    Scope {
                        source: Some(source),
                        ..Scope::default()
                    },
                    "source".to_owned(),
                ))
            }
            2 => Ok((Scope::default(), "all".to_owned())),
            SEARCH_SCOPE => {
                let ids = self
                    .search_annotations()
                    .ok_or("no search to export (s, then Ctrl-x, exports its results)")?;
                Ok((
                    Scope {
                        annotations: Some(ids),
                        ..Scope::default()
                    },
                    "search".to_owned(),
                ))
            }
            _ => {
                let filter = self
                    .filter
                    .as_ref()
                    .ok_or("no filter is set (F sets one)")?;
                Ok((
                    Scope {
                        annotations: Some(self.filter_annotations()),
                        ..Scope::default()
                    },
                    format!("filter-{}", filter.text),
                ))
            }
        }
    }

    /// Writes the export the prompt asked for into the data folder's `exports/`, and
    /// says where. Only the loop calls this, after an update.
    pub fn run_export(&mut self) {
        let Some((format, scope)) = self.export_request.take() else {
            return;
        };
        let (scope, label) = match self.scope_of(scope) {
            Ok(s) => s,
            Err(why) => {
                self.message = Some(why);
                return;
            }
        };
        let Some(dir) = self
            .store
            .dir()
            .and_then(std::path::Path::parent)
            .map(|d| d.join("exports"))
        else {
            self.message = Some("there is no data folder to export into".to_owned());
            return;
        };
        let corpus = Corpus {
            articles: self
                .entries
                .iter()
                .map(|e| (&e.article, &e.analysis))
                .collect(),
            links: &self.links,
        };
        let text = render(format, &self.store, &corpus, &scope);
        let stamp: String = gloss::annotations::now_rfc3339()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        // A tag may hold any letter: the file name keeps letters, digits and dashes.
        let label: String = label
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .take(40)
            .collect();
        let mut path = dir.join(format!("gloss-{label}-{stamp}.{}", format.extension()));
        // Two exports in one second get two files: an earlier one is never replaced.
        let mut written = std::fs::create_dir_all(&dir)
            .and_then(|()| Err(std::io::Error::other("too many exports in one second")));
        if std::fs::create_dir_all(&dir).is_ok() {
            for n in 2..100 {
                match write_atomically(&path, text.as_bytes(), false) {
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        path =
                            dir.join(format!("gloss-{label}-{stamp}-{n}.{}", format.extension()));
                    }
                    other => {
                        written = other;
                        break;
                    }
                }
            }
        }
        // The file's name first: on a narrow status line the folder is what gets cut.
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        self.message = Some(match written {
            Ok(()) => gloss::text::sanitize_line(&format!("exported {name} to {}", dir.display())),
            Err(e) => format!("export failed: {e}"),
        });
    }
}
