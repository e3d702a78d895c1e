//! The reader's whole vocabulary of intents and results.
//!
//! Key bindings name actions in `snake_case` (`"j" = "down"`); results of background work
//! come back as past-tense variants that no key can name.

use serde::Deserialize;

use gloss::corpus::LoadReport;

use crate::tui::app::ArticleEntry;

/// A mouse event the reader understands, in terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    /// The wheel turned towards the user.
    ScrollDown { column: u16, row: u16 },
    /// The wheel turned away from the user.
    ScrollUp { column: u16, row: u16 },
    /// The left button went down.
    Click { column: u16, row: u16 },
}

/// Everything that can change the reader's state.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave gloss.
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Move focus to the next visible pane.
    FocusNext,
    /// Move focus to the previous visible pane.
    FocusPrev,
    /// Move focus to the pane on the left.
    FocusLeft,
    /// Move focus to the pane on the right.
    FocusRight,
    /// Move the selection or cursor down one row.
    Down,
    /// Move the selection or cursor up one row.
    Up,
    /// Go to the first row.
    Top,
    /// Go to the last row.
    Bottom,
    /// Move down half a page.
    HalfPageDown,
    /// Move up half a page.
    HalfPageUp,
    /// Move down a page.
    PageDown,
    /// Move up a page.
    PageUp,
    /// Open the selected item: an article, an outlet's list, an entity's next mention.
    Open,
    /// Start typing a search in the article.
    Search,
    /// Go to the next search match.
    NextMatch,
    /// Go to the previous search match.
    PrevMatch,
    /// Clear the search highlight and any message.
    Clear,
    /// Make the focused side pane narrower.
    ShrinkPane,
    /// Make the focused side pane wider.
    GrowPane,
    /// Show or hide the source list.
    ToggleSources,
    /// Show or hide the side panel.
    TogglePanel,
    /// Show the article alone, or bring the side panes back.
    ToggleZoom,
    /// Restore the pane sizes and visibility from the configuration.
    ResetLayout,
    /// Show the messages about files that were skipped or repaired.
    ShowMessages,
    /// Fold or unfold the outlet under the selection.
    ToggleSource,
    /// Close the overlay.
    Close,
    /// Accept the prompt's input.
    Confirm,
    /// Cancel the prompt.
    Cancel,
    /// Delete the character before the prompt's cursor.
    DeleteBack,
    /// Clear the prompt's input.
    ClearInput,
    /// Show the board of every claim carried by more than one source.
    ShowBoard,
    /// Go to the next source of the selected claim.
    NextSource,
    /// Go to the previous source of the selected claim.
    PrevSource,
    /// Go back to where the last jump came from.
    Back,
    /// List the other articles that mention the selected entity.
    ShowMentions,
    /// Start or end a selection at the article cursor.
    ToggleMark,
    /// Move the article cursor to the next word.
    WordNext,
    /// Move the article cursor to the previous word's start.
    WordBack,
    /// Move the article cursor to the end of the word.
    WordEnd,
    /// Move the article cursor to the next sentence.
    SentenceNext,
    /// Move the article cursor to the previous sentence.
    SentencePrev,
    /// Tag the selection, the annotation or sentence under the cursor, or the panel's
    /// claim or entity (a prompt that completes existing tags).
    Tag,
    /// Apply quick tag 1 from config.toml.
    QuickTag1,
    /// Apply quick tag 2.
    QuickTag2,
    /// Apply quick tag 3.
    QuickTag3,
    /// Apply quick tag 4.
    QuickTag4,
    /// Apply quick tag 5.
    QuickTag5,
    /// Apply quick tag 6.
    QuickTag6,
    /// Apply quick tag 7.
    QuickTag7,
    /// Apply quick tag 8.
    QuickTag8,
    /// Apply quick tag 9.
    QuickTag9,
    /// Add or edit the note of what the cursor is on.
    Note,
    /// Remove the annotation under the cursor.
    RemoveAnnotation,
    /// Undo the last annotation change.
    Undo,
    /// Redo the last undone annotation change.
    Redo,
    /// List the open article's annotations.
    ShowAnnotations,
    /// Show only articles carrying a tag (a prompt; empty shows all).
    FilterByTag,
    /// Search every article of the library (a prompt; results as you type).
    Find,
    /// Save the search being typed as a source-list entry (in config.toml).
    SaveQuery,
    /// Mark every article the search matches read.
    MarkResultsRead,
    /// Tag every sentence the search matches.
    TagResults,
    /// Export the annotations on the sentences the search matches.
    ExportResults,
    /// A query was saved to config.toml.
    #[serde(skip)]
    QuerySaved(gloss::config::SavedQuery),
    /// Complete the tag being typed.
    Complete,
    /// Start a new line in a note.
    NewLine,
    /// Write the note in `$VISUAL` or `$EDITOR`.
    EditNote,
    /// Export annotations (a prompt for the format and the scope).
    Export,
    /// The editor closed with the note's new text, or failed (the reason).
    /// Refresh the selected feed.
    Refresh,
    /// Refresh every feed.
    RefreshAll,
    /// List the open article's numbered links.
    ShowLinks,
    /// A feed refresh made progress: the feed, entries done, entries in all.
    #[serde(skip)]
    RefreshProgress(String, usize, usize),
    /// A feed was refreshed: what happened, and its new or changed articles.
    #[serde(skip)]
    FeedRefreshed(Box<(gloss::feeds::RefreshReport, Vec<ArticleEntry>, LoadReport)>),
    /// A feed could not be refreshed: the feed, the reason.
    #[serde(skip)]
    FeedFailed(String, String),
    /// Every feed asked for is done.
    #[serde(skip)]
    RefreshFinished,
    #[serde(skip)]
    NoteEdited(Result<String, String>),
    /// Type a character into the prompt.
    #[serde(skip)]
    InsertChar(char),
    /// The terminal changed size (columns, rows).
    #[serde(skip)]
    Resized(u16, u16),
    /// A mouse event.
    #[serde(skip)]
    Mouse(Mouse),
    /// A batch of articles finished loading and analysis.
    #[serde(skip)]
    ArticlesLoaded(Vec<ArticleEntry>),
    /// Loading ended; the report lists skipped files and warnings.
    #[serde(skip)]
    LoadFinished(LoadReport),
    /// The claims of every article were linked across sources.
    #[serde(skip)]
    Linked(Box<gloss::links::Links>),
}

impl Action {
    /// Says whether the action is about feeds or links (handled in `tui/feeds.rs`).
    pub fn is_feed(&self) -> bool {
        matches!(
            self,
            Self::Refresh
                | Self::RefreshAll
                | Self::ShowLinks
                | Self::RefreshProgress(..)
                | Self::FeedRefreshed(_)
                | Self::FeedFailed(..)
                | Self::RefreshFinished
        )
    }
}
