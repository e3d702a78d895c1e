//! Where gloss keeps its files: the platform directories, overridable for tests.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "gloss")
}

/// Returns the configuration folder: `GLOSS_CONFIG_DIR`, else the platform's.
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("GLOSS_CONFIG_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| project().map(|p| p.config_dir().to_path_buf()))
}

/// Returns the data folder (annotations, logs): `GLOSS_DATA_DIR`, else the platform's.
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("GLOSS_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| project().map(|p| p.data_dir().to_path_buf()))
}

/// Expands a leading `~` to the home folder.
pub fn expand_home(path: &str) -> PathBuf {
    if let Some(rest) = path
        .strip_prefix("~/")
        .or_else(|| (path == "~").then_some(""))
    {
        if let Some(home) = directories::BaseDirs::new() {
            return home.home_dir().join(rest);
        }
    }
    Path::new(path).to_path_buf()
}
