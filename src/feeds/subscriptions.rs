//! The `[[feed]]` and `[[query]]` lists in `config.toml`, edited in place: comments,
//! order and every other setting stay as the user wrote them, and a file that does not
//! parse is never written over.

use std::path::Path;

use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};

use crate::config::{Config, FeedConfig, SavedQuery};

/// Why the subscription list could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum SubscriptionError {
    /// The config file could not be read or written.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        error: std::io::Error,
    },
    /// The config file has an error; it is left alone.
    #[error("{0}\n(config.toml was not changed; fix it first)")]
    Invalid(String),
    /// A feed with this name or address is already listed.
    #[error("already subscribed: {name} ({url})")]
    Duplicate {
        /// The listed feed's name.
        name: String,
        /// The listed feed's address.
        url: String,
    },
    /// A query with this name or text is already saved.
    #[error("already saved as {0:?}")]
    DuplicateQuery(String),
    /// No feed has this name or address.
    #[error("no feed is named {0:?} or has that address (`gloss feeds list` shows them)")]
    NotFound(String),
}

/// Reads the config file (empty when missing): its parsed configuration, which must be
/// valid, and the document to edit.
fn read(path: &Path) -> Result<(Config, DocumentMut), SubscriptionError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(SubscriptionError::Io {
                path: path.display().to_string(),
                error,
            })
        }
    };
    let config =
        Config::parse(&text, path).map_err(|e| SubscriptionError::Invalid(e.to_string()))?;
    let doc = text
        .parse::<DocumentMut>()
        .map_err(|e| SubscriptionError::Invalid(format!("{}: {e}", path.display())))?;
    Ok((config, doc))
}

fn write(path: &Path, doc: &DocumentMut) -> Result<(), SubscriptionError> {
    let text = doc.to_string();
    // What is written must itself be a valid configuration.
    Config::parse(&text, path).map_err(|e| SubscriptionError::Invalid(e.to_string()))?;
    let io = |error| SubscriptionError::Io {
        path: path.display().to_string(),
        error,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    crate::export::select::write_atomically(path, text.as_bytes(), true).map_err(io)
}

fn feeds_table(feed: &FeedConfig) -> Table {
    let mut table = Table::new();
    table["name"] = value(feed.name.as_str());
    table["url"] = value(feed.url.as_str());
    if !feed.tags.is_empty() {
        let tags: Array = feed.tags.iter().map(String::as_str).collect();
        table["tags"] = value(tags);
    }
    if !feed.fetch_pages {
        table["fetch_pages"] = value(false);
    }
    table
}

/// Adds `feed` to the `[[feed]]` list of the config file at `path` (created if missing).
pub fn add(path: &Path, feed: &FeedConfig) -> Result<(), SubscriptionError> {
    let (config, mut doc) = read(path)?;
    if let Some(old) = config
        .feed
        .iter()
        .find(|f| f.url == feed.url || f.name == feed.name)
    {
        return Err(SubscriptionError::Duplicate {
            name: old.name.clone(),
            url: old.url.clone(),
        });
    }
    let list = doc
        .entry("feed")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    let Some(list) = list.as_array_of_tables_mut() else {
        return Err(SubscriptionError::Invalid(format!(
            "{}: `feed` must be written as [[feed]] tables",
            path.display()
        )));
    };
    list.push(feeds_table(feed));
    write(path, &doc)
}

/// Adds a saved query to the `[[query]]` list of the config file at `path` (created if
/// missing).
pub fn add_query(path: &Path, saved: &SavedQuery) -> Result<(), SubscriptionError> {
    let (config, mut doc) = read(path)?;
    if let Some(old) = config
        .query
        .iter()
        .find(|q| q.name == saved.name || q.query == saved.query)
    {
        return Err(SubscriptionError::DuplicateQuery(old.name.clone()));
    }
    let list = doc
        .entry("query")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    let Some(list) = list.as_array_of_tables_mut() else {
        return Err(SubscriptionError::Invalid(format!(
            "{}: `query` must be written as [[query]] tables",
            path.display()
        )));
    };
    let mut table = Table::new();
    table["name"] = value(saved.name.as_str());
    table["query"] = value(saved.query.as_str());
    list.push(table);
    write(path, &doc)
}

/// Removes the feed named `which` (or with that address); returns it.
pub fn remove(path: &Path, which: &str) -> Result<FeedConfig, SubscriptionError> {
    let (config, mut doc) = read(path)?;
    let Some(index) = config
        .feed
        .iter()
        .position(|f| f.name == which || f.url == which)
    else {
        return Err(SubscriptionError::NotFound(which.to_owned()));
    };
    let removed = config.feed[index].clone();
    let empty = match doc.get_mut("feed").and_then(Item::as_array_of_tables_mut) {
        Some(list) => {
            list.remove(index);
            list.is_empty()
        }
        None => false,
    };
    if empty {
        doc.remove("feed");
    }
    write(path, &doc)?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(name: &str, url: &str) -> FeedConfig {
        FeedConfig {
            name: name.to_owned(),
            url: url.to_owned(),
            tags: vec!["port".to_owned()],
            fetch_pages: true,
        }
    }

    #[test]
    fn adding_and_removing_keeps_everything_else_as_written() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config.toml");
        let original = "# my reader\n[reader]\nmouse = false # no mouse here\n";
        std::fs::write(&path, original).expect("write");
        add(&path, &feed("Wire Weekly", "https://wire.example/rss.xml")).expect("add");
        add(&path, &feed("Coast", "https://coast.example/atom")).expect("add");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with(original), "{text}");
        let config = Config::parse(&text, &path).expect("valid");
        assert_eq!(config.feed.len(), 2);
        assert_eq!(
            config.feed[0],
            feed("Wire Weekly", "https://wire.example/rss.xml")
        );
        assert!(!config.reader.mouse);

        let dup = add(&path, &feed("Other", "https://wire.example/rss.xml"));
        assert!(matches!(dup, Err(SubscriptionError::Duplicate { .. })));
        assert_eq!(
            remove(&path, "Wire Weekly").expect("remove").url,
            "https://wire.example/rss.xml"
        );
        assert_eq!(
            remove(&path, "https://coast.example/atom")
                .expect("remove")
                .name,
            "Coast"
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), original);
        assert!(matches!(
            remove(&path, "Coast"),
            Err(SubscriptionError::NotFound(_))
        ));
    }

    #[test]
    fn a_saved_query_is_added_once_and_the_rest_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config.toml");
        let original = "# mine\n[reader]\nmouse = false\n";
        std::fs::write(&path, original).expect("write");
        let saved = SavedQuery {
            name: "Disputed".to_owned(),
            query: "tag:disputed \"crane order\"".to_owned(),
        };
        add_query(&path, &saved).expect("added");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with(original), "{text}");
        assert_eq!(
            Config::parse(&text, &path).expect("valid").query,
            vec![saved.clone()]
        );
        let again = add_query(&path, &saved);
        assert!(matches!(again, Err(SubscriptionError::DuplicateQuery(n)) if n == "Disputed"));
    }

    #[test]
    fn a_broken_config_is_never_written_over() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config.toml");
        let broken = "[reader]\nmouse = maybe\n";
        std::fs::write(&path, broken).expect("write");
        let err = add(&path, &feed("W", "https://w.example/")).expect_err("refused");
        assert!(err.to_string().contains("was not changed"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), broken);
    }
}
