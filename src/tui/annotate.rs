//! Annotating from the keyboard: the article cursor's point and selection, the tag,
//! note and filter prompts, quick tags, removal, undo and redo.
//!
//! Every change goes to the store in memory and names its article in `to_save`; the
//! loop writes those files after the update (`App::save_pending`), so `update` itself
//! does no I/O.

use gloss::annotations::{anchor, Anchor, Annotation, ArticleRef, Target};

use crate::tui::app::{App, Overlay, Pane, PanelRow};

/// What a prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Tags for a subject, separated by commas, with the completion chosen.
    Tags {
        input: String,
        subject: Subject,
        choice: usize,
    },
    /// A note for a subject; it may span lines.
    Note { text: String, subject: Subject },
    /// A query to filter the source list by (empty clears the filter).
    Filter { input: String },
    /// An export: the chosen format and scope (indices into `tui::export`).
    Export { format: usize, scope: usize },
    /// A search of the whole library, with its results as typed.
    Find(Box<crate::tui::find::Find>),
}

/// What an annotation key acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A range of the open article's text, in characters.
    Range { start: usize, end: usize },
    /// An existing annotation of the open article, by id.
    Annotation(String),
    /// A claim of the open article, by index.
    Claim(usize),
    /// An entity of the open article, by index.
    Entity(usize),
    /// Every sentence a search matches, by its query (tags only).
    Results(String),
}

/// One annotation change, kept for undo and redo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub article: ArticleRef,
    pub before: Option<Annotation>,
    pub after: Option<Annotation>,
}

/// An annotation of the open article and where it is in the text now.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub annotation: Annotation,
    /// `None` for an orphan: its passage is no longer in the text.
    pub range: Option<(usize, usize)>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

impl App {
    /// The article id and reference of the open article.
    fn article_ref(&self) -> Option<ArticleRef> {
        Some(ArticleRef::of(&self.current_entry()?.article))
    }

    /// Places the open article's annotations in its text, after it opens or changes.
    pub fn place_annotations(&mut self) {
        self.placed.clear();
        let Some(entry) = self.current_entry() else {
            return;
        };
        let body = &entry.article.body;
        let annotations = self.store.annotations(&entry.article.id);
        // One pass builds the text's index for all of them.
        let anchors: Vec<Anchor> = annotations.iter().map(|a| a.anchor.clone()).collect();
        let placed: Vec<Placed> = annotations
            .iter()
            .zip(anchor::place_all(&anchors, body))
            .map(|(a, p)| Placed {
                annotation: a.clone(),
                range: p.range(),
            })
            .collect();
        let sentences = gloss::analysis::sentence_ranges(body);
        self.placed = placed;
        self.sentences = sentences;
    }

    /// The annotations of the open article that cover character `ch`, shortest first.
    pub fn annotations_at(&self, ch: usize) -> Vec<&Placed> {
        let mut out: Vec<&Placed> = self
            .placed
            .iter()
            .filter(|p| p.range.is_some_and(|(s, e)| s <= ch && ch < e.max(s + 1)))
            .collect();
        out.sort_by_key(|p| p.range.map_or(usize::MAX, |(s, e)| e - s));
        out
    }

    /// The selected range (`v` and the point), extended to the end of the word the
    /// later end is on.
    pub fn selection_range(&self) -> Option<(usize, usize)> {
        let mark = self.mark?;
        let (lo, hi) = (mark.min(self.point), mark.max(self.point));
        let body = &self.current_entry()?.article.body;
        Some((lo, word_end(body, hi)))
    }

    /// Keeps the point on the cursor line: a line move puts it at the line's start.
    pub fn sync_point(&mut self) {
        if let Some(line) = self.lines().get(self.cursor) {
            if self.point < line.char_start || self.point >= line.char_end.max(line.char_start + 1)
            {
                self.point = line.char_start;
            }
        }
    }

    /// Moves the point to a character and the cursor line with it.
    fn move_point(&mut self, ch: usize) {
        self.point = ch;
        self.cursor = self.line_of_char(ch);
    }

    /// Moves the point by words or sentences.
    pub fn point_motion(&mut self, motion: Motion) {
        let Some(entry) = self.current_entry() else {
            return;
        };
        let chars: Vec<char> = entry.article.body.chars().collect();
        let n = chars.len();
        let mut p = self.point.min(n);
        let target = match motion {
            Motion::WordNext => {
                while p < n && is_word(chars[p]) {
                    p += 1;
                }
                while p < n && !is_word(chars[p]) {
                    p += 1;
                }
                p.min(n.saturating_sub(1))
            }
            Motion::WordBack => {
                p = p.saturating_sub(1);
                while p > 0 && !is_word(chars[p]) {
                    p -= 1;
                }
                while p > 0 && is_word(chars[p - 1]) {
                    p -= 1;
                }
                p
            }
            Motion::WordEnd => {
                p = (p + 1).min(n);
                while p < n && !is_word(chars[p]) {
                    p += 1;
                }
                while p + 1 < n && is_word(chars[p + 1]) {
                    p += 1;
                }
                p.min(n.saturating_sub(1))
            }
            Motion::SentenceNext => self
                .sentences
                .iter()
                .map(|s| s.0)
                .find(|&s| s > p)
                .unwrap_or(p),
            Motion::SentencePrev => self
                .sentences
                .iter()
                .map(|s| s.0)
                .rev()
                .find(|&s| s < p)
                .unwrap_or(0),
        };
        self.move_point(target);
    }

    /// Applies an annotation or point action; returns whether it was one.
    pub fn annotation_action(&mut self, action: &crate::tui::action::Action) -> bool {
        use crate::tui::action::Action;
        match action {
            Action::ToggleMark => self.toggle_mark(),
            Action::WordNext => self.point_motion(Motion::WordNext),
            Action::WordBack => self.point_motion(Motion::WordBack),
            Action::WordEnd => self.point_motion(Motion::WordEnd),
            Action::SentenceNext => self.point_motion(Motion::SentenceNext),
            Action::SentencePrev => self.point_motion(Motion::SentencePrev),
            Action::Tag => self.start_tag_prompt(),
            Action::QuickTag1 => self.quick_tag(1),
            Action::QuickTag2 => self.quick_tag(2),
            Action::QuickTag3 => self.quick_tag(3),
            Action::QuickTag4 => self.quick_tag(4),
            Action::QuickTag5 => self.quick_tag(5),
            Action::QuickTag6 => self.quick_tag(6),
            Action::QuickTag7 => self.quick_tag(7),
            Action::QuickTag8 => self.quick_tag(8),
            Action::QuickTag9 => self.quick_tag(9),
            Action::Note => self.start_note_prompt(),
            Action::RemoveAnnotation => self.remove_annotation(),
            Action::Undo => self.undo_change(),
            Action::Redo => self.redo_change(),
            Action::ShowAnnotations => self.show_annotations(),
            Action::FilterByTag => self.start_filter_prompt(),
            Action::Export => self.start_export_prompt(),
            _ => return false,
        }
        true
    }

    /// The tags the reader gave a claim, in this article or in any other article that
    /// carries it: a claim marked `disputed` shows so wherever it appears.
    pub fn claim_tags(&self, article: usize, claim: usize) -> Vec<String> {
        let mut members = vec![(article, claim)];
        if let Some(c) = self.links.cluster_of(article, claim) {
            members.extend(c.members.iter().map(|m| (m.article, m.claim)));
        }
        let mut tags = Vec::new();
        for (a, c) in members {
            let Some(entry) = self.entries.get(a) else {
                continue;
            };
            let Some(claim) = entry.analysis.claims.get(c) else {
                continue;
            };
            for ann in self.store.annotations(&entry.article.id) {
                if is_of_claim(ann, claim, &entry.article.body) {
                    tags.extend(ann.tags.iter().cloned());
                }
            }
        }
        gloss::annotations::normalise_tags(tags)
    }

    /// The tags of a cluster's claims, from every article that carries it.
    pub fn cluster_tags(&self, cluster: usize) -> Vec<String> {
        self.links.clusters.get(cluster).map_or_else(Vec::new, |c| {
            c.members
                .first()
                .map_or_else(Vec::new, |m| self.claim_tags(m.article, m.claim))
        })
    }

    /// Starts or ends a selection at the point.
    pub fn toggle_mark(&mut self) {
        if self.current.is_none() {
            return;
        }
        self.focus = Pane::Article;
        self.mark = if self.mark.is_some() {
            None
        } else {
            Some(self.point)
        };
    }

    /// What an annotation key acts on: the panel's claim or entity when the panel has
    /// focus; else the selection, the annotation under the point, or its sentence.
    fn subject(&self) -> Option<Subject> {
        let entry = self.current_entry()?;
        if self.focus == Pane::Panel {
            let existing = |target: &Target| {
                self.placed
                    .iter()
                    .find(|p| &p.annotation.target == target)
                    .map(|p| Subject::Annotation(p.annotation.id.clone()))
            };
            return match self.panel_rows.get(self.panel.selected) {
                Some(&PanelRow::Claim(c)) => {
                    let claim = entry.analysis.claims.get(c)?;
                    self.placed
                        .iter()
                        .find(|p| is_of_claim(&p.annotation, claim, &entry.article.body))
                        .map(|p| Subject::Annotation(p.annotation.id.clone()))
                        .or(Some(Subject::Claim(c)))
                }
                Some(&PanelRow::Entity(e)) => {
                    let entity = entry.analysis.entities.get(e)?;
                    existing(&Target::Entity {
                        name: entity.name.clone(),
                        entity_kind: entity.kind.as_str().to_owned(),
                    })
                    .or(Some(Subject::Entity(e)))
                }
                _ => None,
            };
        }
        if let Some((start, end)) = self.selection_range() {
            return Some(Subject::Range { start, end });
        }
        if let Some(p) = self.annotations_at(self.point).first() {
            return Some(Subject::Annotation(p.annotation.id.clone()));
        }
        self.sentences
            .iter()
            .find(|&&(s, e)| s <= self.point && self.point < e)
            .or_else(|| {
                // On a line between sentences: the first sentence of the line.
                let line = self.lines().get(self.cursor)?;
                self.sentences
                    .iter()
                    .find(|&&(s, _)| s >= line.char_start && s < line.char_end)
            })
            .map(|&(start, end)| Subject::Range { start, end })
    }

    /// The annotation a subject already is, or a new one for it.
    fn annotation_for(&self, subject: &Subject) -> Option<(Option<Annotation>, Annotation)> {
        let entry = self.current_entry()?;
        let body = &entry.article.body;
        let new = |anchor: Anchor, target: Target| Annotation::new(anchor, target, vec![], None);
        Some(match subject {
            Subject::Annotation(id) => {
                let old = self
                    .store
                    .annotations(&entry.article.id)
                    .iter()
                    .find(|a| &a.id == id)?
                    .clone();
                (Some(old.clone()), old)
            }
            Subject::Range { start, end } => {
                (None, new(Anchor::new(body, *start, *end), Target::Passage))
            }
            Subject::Claim(c) => {
                let claim = entry.analysis.claims.get(*c)?;
                (
                    None,
                    new(
                        Anchor::new(body, claim.start, claim.end),
                        Target::Claim {
                            claim: claim.id.clone(),
                        },
                    ),
                )
            }
            Subject::Results(_) => return None,
            Subject::Entity(e) => {
                let entity = entry.analysis.entities.get(*e)?;
                let m = entity.mentions.first()?;
                (
                    None,
                    new(
                        Anchor::new(body, m.start, m.end),
                        Target::Entity {
                            name: entity.name.clone(),
                            entity_kind: entity.kind.as_str().to_owned(),
                        },
                    ),
                )
            }
        })
    }

    /// Applies an edit to a subject's annotation (made if needed) and records it.
    fn edit_subject(&mut self, subject: &Subject, edit: impl FnOnce(&mut Annotation)) -> bool {
        let Some(article) = self.article_ref() else {
            return false;
        };
        let Some((before, mut after)) = self.annotation_for(subject) else {
            self.message = Some("nothing to annotate here".to_owned());
            return false;
        };
        edit(&mut after);
        after.tags = gloss::annotations::normalise_tags(after.tags);
        after.note = after.note.filter(|n| !n.trim().is_empty());
        if before.as_ref() == Some(&after) {
            return false;
        }
        if before.is_some() {
            after.modified = gloss::annotations::now_rfc3339();
        }
        self.apply_change(Change {
            article,
            before,
            after: Some(after),
        })
    }

    /// Puts a change into the store and the undo history.
    fn apply_change(&mut self, change: Change) -> bool {
        if self.write(
            &change.article,
            change.before.as_ref(),
            change.after.as_ref(),
        ) {
            self.undo.push(change);
            self.redo.clear();
            self.mark = None;
            true
        } else {
            false
        }
    }

    /// Replaces `before` by `after` in the store (either may be absent).
    fn write(
        &mut self,
        article: &ArticleRef,
        before: Option<&Annotation>,
        after: Option<&Annotation>,
    ) -> bool {
        let result = match (before, after) {
            (_, Some(a)) => self.store.upsert(article, a.clone()),
            (Some(b), None) => self.store.remove(&article.id, &b.id).map(|_| ()),
            (None, None) => Ok(()),
        };
        match result {
            Ok(()) => {
                if !self.to_save.contains(&article.id) {
                    self.to_save.push(article.id.clone());
                }
                self.place_annotations();
                true
            }
            Err(err) => {
                self.message = Some(err.to_string());
                false
            }
        }
    }

    /// Adds tags to what the keys act on; no tags makes a plain highlight.
    pub fn add_tags(&mut self, subject: &Subject, tags: &[String]) {
        let tags = gloss::annotations::normalise_tags(tags.to_vec());
        if let Subject::Results(query) = subject {
            self.tag_results(query, &tags);
            return;
        }
        let said = if tags.is_empty() {
            "highlighted".to_owned()
        } else {
            format!("tagged {}", tags.join(", "))
        };
        let changed = self.edit_subject(subject, |a| a.tags.extend(tags));
        if changed {
            self.message = Some(said);
        }
    }

    /// Why there is nothing for an annotation key to act on.
    fn nothing_here(&self, verb: &str) -> String {
        if self.current.is_none() {
            format!("open an article to {verb} it")
        } else if self.focus == Pane::Panel {
            format!("select a claim or an entity to {verb} it")
        } else {
            format!("nothing to {verb} here: move to a sentence")
        }
    }

    /// Tags every sentence a search matches: a passage annotation on each sentence, or
    /// the tags added to one already there on exactly that sentence. Each is a change
    /// of its own for undo.
    pub(crate) fn tag_results(&mut self, query: &str, tags: &[String]) {
        if tags.is_empty() {
            self.message = Some("no tag given: nothing was tagged".to_owned());
            return;
        }
        let sentences = match self.result_sentences(query) {
            Ok(sentences) => sentences,
            Err(why) => {
                self.message = Some(why);
                return;
            }
        };
        let mut tagged = 0;
        for (article, (start, end)) in sentences {
            let entry = &self.entries[article];
            let body = &entry.article.body;
            let reference = ArticleRef::of(&entry.article);
            let existing = self
                .store
                .annotations(&entry.article.id)
                .iter()
                .find(|a| a.anchor.start == start && a.anchor.end == end)
                .cloned();
            let after = match &existing {
                Some(old) => {
                    let mut new = old.clone();
                    new.tags.extend(tags.iter().cloned());
                    new.tags = gloss::annotations::normalise_tags(new.tags);
                    if new == *old {
                        continue;
                    }
                    new.modified = gloss::annotations::now_rfc3339();
                    new
                }
                None => Annotation::new(
                    Anchor::new(body, start, end),
                    Target::Passage,
                    tags.to_vec(),
                    None,
                ),
            };
            let change = Change {
                article: reference,
                before: existing,
                after: Some(after),
            };
            if self.apply_change(change) {
                tagged += 1;
            }
        }
        self.message = Some(format!(
            "tagged {} sentence{} {}",
            tagged,
            if tagged == 1 { "" } else { "s" },
            tags.join(", ")
        ));
    }

    /// Applies quick tag `n` (1–9) from the configuration.
    pub fn quick_tag(&mut self, n: usize) {
        let Some(tag) = self.quick_tags.get(n - 1).cloned() else {
            self.message = Some(format!(
                "no quick tag {n}: list up to nine in [annotations] quick_tags of config.toml"
            ));
            return;
        };
        if let Some(subject) = self.subject() {
            let already = matches!(&subject, Subject::Annotation(id)
                if self.placed.iter().any(|p| &p.annotation.id == id && p.annotation.tags.contains(&tag)));
            if already {
                self.message = Some(format!("already tagged {tag}"));
            } else {
                self.add_tags(&subject, &[tag]);
            }
        } else {
            self.message = Some(self.nothing_here("tag"));
        }
    }

    /// Opens the tag prompt for what the keys act on.
    pub fn start_tag_prompt(&mut self) {
        match self.subject() {
            Some(subject) => {
                self.prompt_for = self.current_entry().map(|e| e.article.id.clone());
                self.prompt = Some(Prompt::Tags {
                    input: String::new(),
                    subject,
                    choice: 0,
                });
            }
            None => self.message = Some(self.nothing_here("tag")),
        }
    }

    /// Opens the note prompt, with the existing note when there is one.
    pub fn start_note_prompt(&mut self) {
        let Some(subject) = self.subject() else {
            self.message = Some(self.nothing_here("annotate"));
            return;
        };
        self.prompt_for = self.current_entry().map(|e| e.article.id.clone());
        let text = match &subject {
            Subject::Annotation(id) => self
                .placed
                .iter()
                .find(|p| &p.annotation.id == id)
                .and_then(|p| p.annotation.note.clone())
                .unwrap_or_default(),
            _ => String::new(),
        };
        self.prompt = Some(Prompt::Note { text, subject });
    }

    /// Opens the prompt for a tag to filter the source list by.
    pub fn start_filter_prompt(&mut self) {
        self.prompt = Some(Prompt::Filter {
            input: self
                .filter
                .as_ref()
                .map(|f| f.text.clone())
                .unwrap_or_default(),
        });
    }

    /// Removes the annotation under the point (or of the panel's claim or entity).
    pub fn remove_annotation(&mut self) {
        let Some(Subject::Annotation(id)) = self.subject() else {
            self.message = Some("no annotation here to remove".to_owned());
            return;
        };
        let Some(article) = self.article_ref() else {
            return;
        };
        let Some(before) = self
            .store
            .annotations(&article.id)
            .iter()
            .find(|a| a.id == id)
            .cloned()
        else {
            return;
        };
        if self.apply_change(Change {
            article,
            before: Some(before),
            after: None,
        }) {
            self.message = Some("annotation removed (u undoes)".to_owned());
        }
    }

    /// Undoes the last annotation change of the session.
    pub fn undo_change(&mut self) {
        let Some(change) = self.undo.pop() else {
            self.message = Some("nothing to undo".to_owned());
            return;
        };
        // The version written back is new as of now, so that a merge with what
        // another gloss saved meanwhile keeps the undo.
        let restored = change.before.clone().map(stamped);
        if self.write(&change.article, change.after.as_ref(), restored.as_ref()) {
            self.message = Some(format!("undone ({} more)", self.undo.len()));
            self.redo.push(change);
        } else {
            self.undo.push(change);
        }
    }

    /// Redoes the last undone change.
    pub fn redo_change(&mut self) {
        let Some(change) = self.redo.pop() else {
            self.message = Some("nothing to redo".to_owned());
            return;
        };
        let redone = change.after.clone().map(stamped);
        if self.write(&change.article, change.before.as_ref(), redone.as_ref()) {
            self.message = Some(format!("redone ({} more)", self.redo.len()));
            self.undo.push(change);
        } else {
            self.redo.push(change);
        }
    }

    /// The tags that complete the tag being typed, best first: those starting with
    /// it, then those holding its letters in order.
    pub fn completions(&self, input: &str) -> Vec<String> {
        // Commas separate tags; spaces inside one become dashes ("key quote").
        let token = gloss::annotations::normalise_tags(vec![input
            .rsplit(',')
            .next()
            .unwrap_or("")
            .to_owned()])
        .concat();
        // Tags from a hand-edited file are cleaned like typed ones before they are shown.
        let mut known: Vec<String> = self
            .store
            .tags()
            .into_iter()
            .flat_map(|(t, _)| gloss::annotations::normalise_tags(vec![t]))
            .collect();
        known.dedup();
        for q in &self.quick_tags {
            if !known.contains(q) {
                known.push(q.clone());
            }
        }
        let typed: Vec<String> =
            gloss::annotations::normalise_tags(input.split(',').map(str::to_owned).collect());
        let mut scored: Vec<(u8, String)> = known
            .into_iter()
            .filter(|t| !typed.contains(t) || *t == token)
            .filter_map(|t| {
                let score = if token.is_empty() {
                    2
                } else if t.starts_with(&token) {
                    0
                } else if t.contains(&token) {
                    1
                } else if subsequence(&token, &t) {
                    2
                } else {
                    return None;
                };
                Some((score, t))
            })
            .collect();
        scored.sort_by_key(|s| s.0);
        scored.into_iter().map(|(_, t)| t).take(8).collect()
    }

    /// Handles an action while an annotation prompt is open; returns whether it was
    /// used up.
    pub fn update_prompt(&mut self, action: &crate::tui::action::Action) -> bool {
        use crate::tui::action::Action;
        let Some(prompt) = self.prompt.as_mut() else {
            return false;
        };
        if matches!(prompt, Prompt::Find(_)) {
            return self.update_find(action);
        }
        let is_note = matches!(prompt, Prompt::Note { .. });
        if let Prompt::Export { format, scope } = prompt {
            let n = crate::tui::export::FORMATS.len();
            let m = crate::tui::export::SCOPES.len();
            match action {
                Action::Complete => *format = (*format + 1) % n,
                Action::Down => *scope = (*scope + 1) % m,
                Action::Up => *scope = (*scope + m - 1) % m,
                Action::Confirm => {
                    let chosen = (crate::tui::export::FORMATS[*format], *scope);
                    self.export_request = Some(chosen);
                    self.prompt = None;
                }
                Action::Cancel | Action::Close | Action::Clear => self.prompt = None,
                Action::Resized(..)
                | Action::ArticlesLoaded(_)
                | Action::LoadFinished(_)
                | Action::Linked(_) => return false,
                _ => {}
            }
            return true;
        }
        let buffer = match prompt {
            Prompt::Tags { input, .. } | Prompt::Filter { input } => input,
            Prompt::Note { text, .. } => text,
            Prompt::Export { .. } | Prompt::Find(_) => return true,
        };
        match action {
            Action::InsertChar(c) if !c.is_control() => buffer.push(*c),
            Action::NewLine if is_note => buffer.push('\n'),
            Action::DeleteBack => {
                buffer.pop();
            }
            Action::ClearInput => buffer.clear(),
            Action::Cancel | Action::Close | Action::Clear => self.prompt = None,
            Action::Down | Action::Up => {
                if let Some(Prompt::Tags { input, choice, .. }) = self.prompt.clone() {
                    let n = self.completions(&input).len().max(1);
                    let next = if matches!(action, Action::Down) {
                        (choice + 1) % n
                    } else {
                        (choice + n - 1) % n
                    };
                    if let Some(Prompt::Tags { choice, .. }) = self.prompt.as_mut() {
                        *choice = next;
                    }
                }
            }
            Action::Complete => self.complete_tag(),
            Action::NoteEdited(result) => match result {
                Ok(text) => buffer.clone_from(text),
                Err(why) => self.message = Some(why.clone()),
            },
            Action::Confirm => self.confirm_prompt(),
            // Results of background work and resizes still apply under the prompt.
            Action::Resized(..)
            | Action::ArticlesLoaded(_)
            | Action::LoadFinished(_)
            | Action::Linked(_) => return false,
            _ => {}
        }
        // Typing changes the completions: the choice starts again at the best one.
        if let Some(Prompt::Tags { choice, .. }) = self.prompt.as_mut() {
            if !matches!(action, Action::Down | Action::Up) {
                *choice = 0;
            }
        }
        true
    }

    /// The text of the open note prompt.
    pub fn note_text(&self) -> Option<&str> {
        match &self.prompt {
            Some(Prompt::Note { text, .. }) => Some(text),
            _ => None,
        }
    }

    /// Replaces the tag being typed with the chosen completion.
    fn complete_tag(&mut self) {
        let Some(Prompt::Tags { input, choice, .. }) = self.prompt.clone() else {
            return;
        };
        let options = self.completions(&input);
        let Some(pick) = options.get(choice).or_else(|| options.first()) else {
            return;
        };
        let keep = input.rfind(',').map_or("", |i| &input[..=i]).to_owned();
        let keep = if keep.is_empty() {
            keep
        } else {
            format!("{keep} ")
        };
        if let Some(Prompt::Tags { input, .. }) = self.prompt.as_mut() {
            *input = format!("{keep}{pick}, ");
        }
    }

    fn confirm_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        let open = self.current_entry().map(|e| e.article.id.clone());
        let for_article = self.prompt_for.take();
        if !matches!(prompt, Prompt::Filter { .. }) && for_article != open {
            self.message = Some(
                "the article changed while the prompt was open: nothing was changed".to_owned(),
            );
            return;
        }
        match prompt {
            Prompt::Tags { input, subject, .. } => {
                let tags: Vec<String> = input
                    .split(',')
                    .filter(|t| !t.trim().is_empty())
                    .map(str::to_owned)
                    .collect();
                self.add_tags(&subject, &tags);
            }
            Prompt::Note { text, subject } => {
                let text = text.trim_end().to_owned();
                let said = if text.is_empty() {
                    "note removed"
                } else {
                    "note saved"
                };
                if self.edit_subject(&subject, |a| {
                    a.note = Some(text);
                }) {
                    self.message = Some(said.to_owned());
                }
            }
            Prompt::Export { .. } | Prompt::Find(_) => {}
            Prompt::Filter { input } => self.set_filter(input),
        }
    }

    /// Opens the list of the open article's annotations.
    pub fn show_annotations(&mut self) {
        if self.placed.is_empty() {
            self.message = Some("this article has no annotations yet".to_owned());
        } else {
            self.overlay = Some(Overlay::Annotations { selected: 0 });
        }
    }

    /// Moves the cursor to an annotation of the open article.
    pub fn go_to_annotation(&mut self, index: usize) {
        let Some(range) = self.placed.get(index).map(|p| p.range) else {
            return;
        };
        match range {
            Some((start, _)) => {
                self.focus = Pane::Article;
                self.move_point(start);
                self.scroll = self.cursor.saturating_sub(3);
            }
            None => {
                self.message = Some(
                    "this annotation's passage is no longer in the text (an orphan)".to_owned(),
                );
            }
        }
    }

    /// Says whether an article has a sentence matching the source list's filter (any
    /// article does, without a filter).
    pub fn article_matches_filter(&self, article: usize) -> bool {
        self.filter
            .as_ref()
            .is_none_or(|f| f.articles.binary_search(&article).is_ok())
    }

    /// Writes the files of changed articles; a failure becomes the message. Only the
    /// loop calls this, after an update.
    pub fn save_pending(&mut self) {
        let saved = std::mem::take(&mut self.to_save);
        for id in &saved {
            if let Err(err) = self.store.save(id) {
                self.message = Some(format!("annotations not saved yet: {err}"));
                tracing::warn!("saving annotations failed: {err}");
                // Tried again after the next update, and at quit.
                if !matches!(err, gloss::annotations::StoreError::ReadOnly { .. }) {
                    self.to_save.push(id.clone());
                }
            }
        }
        // A save merges what another gloss wrote meanwhile: show it.
        let open = self.current_entry().map(|e| e.article.id.clone());
        if open.is_some_and(|id| saved.contains(&id)) {
            self.place_annotations();
        }
    }
}

/// Says whether an annotation is about a claim: it targets a claim and marks that
/// claim's sentence. The sentence, not the claim's number, decides, so a re-analysed
/// or edited article whose claims are numbered anew keeps its tags on the right claim.
fn is_of_claim(a: &Annotation, claim: &gloss::analysis::Claim, body: &str) -> bool {
    if !matches!(a.target, Target::Claim { .. }) {
        return false;
    }
    let sentence: String = body
        .chars()
        .skip(claim.start)
        .take(claim.end.saturating_sub(claim.start))
        .collect();
    a.anchor.exact == sentence
}

/// An annotation marked as modified now.
fn stamped(mut a: Annotation) -> Annotation {
    a.modified = gloss::annotations::now_rfc3339();
    a
}

/// The end (exclusive) of the word at character `ch`, or just past `ch` off a word.
fn word_end(body: &str, ch: usize) -> usize {
    let mut end = ch;
    let mut chars = body.chars().skip(ch).peekable();
    match chars.peek() {
        Some(&c) if is_word(c) => {
            for c in chars {
                if !is_word(c) {
                    break;
                }
                end += 1;
            }
            end
        }
        Some(_) => ch + 1,
        None => ch,
    }
}

/// Says whether the letters of `needle` appear in `hay` in order.
fn subsequence(needle: &str, hay: &str) -> bool {
    let mut it = hay.chars();
    needle.chars().all(|c| it.any(|h| h == c))
}

/// How the point moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    WordNext,
    WordBack,
    WordEnd,
    SentenceNext,
    SentencePrev,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::testing::{app_with, article, press, screen, type_text};
    use crate::tui::app::SourceRow;

    const BODY: &str = "Union chair Mara Quint called the offer an insult to every crew on the quay. The Calder Port Authority said it would spend $40 million on cranes.\n\nShips were handled normally on Monday.";

    /// An app on two articles with the first open and the article focused.
    fn reader() -> App {
        let mut app = app_with(
            vec![
                article(
                    "ledger/talks.md",
                    "Ledger Daily",
                    &format!("---\ntitle: Talks stall\ndate: 2026-03-02\n---\n{BODY}"),
                ),
                article(
                    "wire/other.md",
                    "Wire Weekly",
                    "---\ntitle: Other news\ndate: 2026-03-03\n---\nNothing to see here today.",
                ),
            ],
            (100, 30),
        );
        app.open_article(0);
        app.focus = Pane::Article;
        app
    }

    fn only(app: &App) -> Annotation {
        let id = &app.entries[0].article.id;
        let all = app.store.annotations(id);
        assert_eq!(all.len(), 1, "{all:?}");
        all[0].clone()
    }

    #[test]
    fn a_quick_tag_marks_the_sentence_under_the_cursor_and_asks_for_a_save() {
        let mut app = reader();
        press(&mut app, "w w 3");
        let a = only(&app);
        assert_eq!(a.tags, vec!["disputed"]);
        assert_eq!(
            a.anchor.exact,
            "Union chair Mara Quint called the offer an insult to every crew on the quay."
        );
        assert_eq!(a.target, Target::Passage);
        assert_eq!(app.to_save, vec![app.entries[0].article.id.clone()]);
        assert!(screen(&app).contains("tags: disputed"), "{}", screen(&app));
        // The source list marks the annotated article.
        assert!(screen(&app).contains('✎'));
    }

    #[test]
    fn a_selection_grows_by_words_and_is_tagged_through_the_prompt() {
        let mut app = reader();
        press(&mut app, "w v w w t");
        assert!(matches!(app.prompt, Some(Prompt::Tags { .. })));
        type_text(&mut app, "key quote, check");
        press(&mut app, "enter");
        let a = only(&app);
        assert_eq!(a.anchor.exact, "chair Mara Quint");
        assert_eq!(a.tags, vec!["check", "key-quote"]);
        assert!(app.prompt.is_none());
        assert!(app.mark.is_none(), "the selection ends once used");
    }

    #[test]
    fn the_tag_prompt_completes_existing_tags_fuzzily() {
        let mut app = reader();
        press(&mut app, "3");
        // On the next sentence: "dsp" finds "disputed" by its letters.
        press(&mut app, ") t");
        type_text(&mut app, "dsp");
        assert_eq!(app.completions("dsp"), vec!["disputed"]);
        press(&mut app, "tab");
        let Some(Prompt::Tags { input, .. }) = &app.prompt else {
            panic!("prompt open");
        };
        assert_eq!(input, "disputed, ");
        press(&mut app, "enter");
        let id = &app.entries[0].article.id;
        let tagged: Vec<&str> = app
            .store
            .annotations(id)
            .iter()
            .map(|a| a.anchor.exact.as_str())
            .collect();
        assert_eq!(tagged.len(), 2);
        assert!(
            tagged[1].starts_with("The Calder Port Authority"),
            "{tagged:?}"
        );
    }

    #[test]
    fn a_note_spans_lines_and_esc_cancels_without_a_change() {
        let mut app = reader();
        press(&mut app, "a");
        type_text(&mut app, "Check the vote count");
        press(&mut app, "esc");
        assert!(app.store.annotations(&app.entries[0].article.id).is_empty());
        press(&mut app, "a");
        type_text(&mut app, "line one");
        press(&mut app, "alt-enter");
        type_text(&mut app, "line two");
        press(&mut app, "enter");
        assert_eq!(only(&app).note.as_deref(), Some("line one\nline two"));
        // Editing shows the old note; emptying it keeps the annotation as a highlight.
        press(&mut app, "a");
        let Some(Prompt::Note { text, .. }) = &app.prompt else {
            panic!("note prompt");
        };
        assert_eq!(text, "line one\nline two");
        press(&mut app, "ctrl-u enter");
        assert_eq!(only(&app).note, None);
    }

    #[test]
    fn a_long_note_goes_to_the_editor_and_comes_back_into_the_prompt() {
        use crate::tui::action::Action;
        use crate::tui::update::Effect;
        let mut app = reader();
        assert_eq!(press(&mut app, "ctrl-e").effect, None, "no note open");
        press(&mut app, "a");
        type_text(&mut app, "draft");
        assert_eq!(press(&mut app, "ctrl-e").effect, Some(Effect::EditNote));
        assert_eq!(app.note_text(), Some("draft"));
        app.update(Action::NoteEdited(Ok("draft\nand more".to_owned())));
        press(&mut app, "enter");
        assert_eq!(only(&app).note.as_deref(), Some("draft\nand more"));
        press(&mut app, "a");
        app.update(Action::NoteEdited(Err(
            "the editor \"nope\" failed".to_owned()
        )));
        assert_eq!(
            app.note_text(),
            Some("draft\nand more"),
            "a failed edit changes nothing"
        );
        assert!(app.message.as_deref().is_some_and(|m| m.contains("failed")));
    }

    #[test]
    fn remove_undo_and_redo_walk_the_history() {
        let mut app = reader();
        press(&mut app, "1");
        let made = only(&app);
        press(&mut app, "x");
        assert!(app.store.annotations(&app.entries[0].article.id).is_empty());
        press(&mut app, "u");
        let back = only(&app);
        assert_eq!(
            (&back.id, &back.tags, &back.anchor),
            (&made.id, &made.tags, &made.anchor)
        );
        assert!(back.modified >= made.modified, "an undo is a new change");
        press(&mut app, "u");
        assert!(app.store.annotations(&app.entries[0].article.id).is_empty());
        assert_eq!(app.message.as_deref(), Some("undone (0 more)"));
        press(&mut app, "u");
        assert_eq!(app.message.as_deref(), Some("nothing to undo"));
        press(&mut app, "ctrl-r");
        assert_eq!(only(&app).id, made.id);
        press(&mut app, "ctrl-r x");
        assert!(app.store.annotations(&app.entries[0].article.id).is_empty());
        // A new change clears what could be redone.
        press(&mut app, "u 2");
        press(&mut app, "ctrl-r");
        assert_eq!(app.message.as_deref(), Some("nothing to redo"));
    }

    #[test]
    fn claims_and_entities_in_the_panel_are_tagged_as_themselves() {
        let mut app = reader();
        let claim_row = app
            .panel_rows
            .iter()
            .position(|r| matches!(r, PanelRow::Claim(_)))
            .expect("a claim");
        app.focus = Pane::Panel;
        app.panel.selected = claim_row;
        press(&mut app, "3");
        let a = only(&app);
        let PanelRow::Claim(c) = app.panel_rows[claim_row] else {
            unreachable!()
        };
        assert_eq!(
            a.target,
            Target::Claim {
                claim: app.entries[0].analysis.claims[c].id.clone()
            }
        );
        // Tagging the same claim again adds to its annotation.
        press(&mut app, "4");
        assert_eq!(only(&app).tags, vec!["disputed", "follow-up"]);
        let entity_row = app
            .panel_rows
            .iter()
            .position(|r| matches!(r, PanelRow::Entity(_)))
            .expect("an entity");
        app.panel.selected = entity_row;
        press(&mut app, "1");
        let id = &app.entries[0].article.id;
        assert!(app
            .store
            .annotations(id)
            .iter()
            .any(|a| matches!(&a.target, Target::Entity { .. }) && a.tags == ["key-quote"]));
    }

    #[test]
    fn the_source_list_filters_by_tag_and_the_list_jumps_to_an_annotation() {
        let mut app = reader();
        press(&mut app, ") ) 3");
        press(&mut app, "g g F");
        type_text(&mut app, "tag:disputed");
        press(&mut app, "enter");
        let shown: Vec<usize> = app
            .source_rows
            .iter()
            .filter_map(|r| match r {
                SourceRow::Article(a) => Some(*a),
                SourceRow::Source(_) | SourceRow::Saved(_) => None,
            })
            .collect();
        assert_eq!(shown, vec![0]);
        assert!(screen(&app).contains("filter: tag:disputed"));
        press(&mut app, "F ctrl-u enter");
        assert_eq!(app.source_rows.len(), 4, "both outlets and articles again");
        press(&mut app, "A");
        assert!(matches!(app.overlay, Some(Overlay::Annotations { .. })));
        assert!(screen(&app).contains("#disputed"), "{}", screen(&app));
        press(&mut app, "enter");
        assert_eq!(
            app.point,
            app.placed[0].range.expect("placed").0,
            "the cursor is on the annotation"
        );
        assert!(app.point > 0);
    }

    #[test]
    fn a_claim_tagged_in_one_source_shows_its_tag_in_every_source() {
        let mut app = app_with(
            vec![
                article(
                    "a/ledger.md",
                    "Ledger Daily",
                    "---\ntitle: Talks stall\ndate: 2026-03-02\n---\n“This offer is an insult to every crew on the quay,” said union chair Mara Quint.",
                ),
                article(
                    "b/wire.md",
                    "Meridian Wire",
                    "---\ntitle: Dockworkers reject offer\ndate: 2026-03-03\n---\nUnion chair Mara Quint called the offer “an insult to every crew on the quay”.",
                ),
            ],
            (100, 30),
        );
        assert_eq!(app.links.clusters.len(), 1, "the quote links");
        app.open_article(0);
        app.focus = Pane::Panel;
        app.panel.selected = app
            .panel_rows
            .iter()
            .position(|r| matches!(r, PanelRow::Claim(_)))
            .expect("a claim row");
        press(&mut app, "3");
        app.open_article(1);
        let wire_claim = app
            .panel_rows
            .iter()
            .find_map(|r| match r {
                PanelRow::Claim(c) => Some(*c),
                _ => None,
            })
            .expect("the wire's claim");
        assert_eq!(app.claim_tags(1, wire_claim), vec!["disputed"]);
        assert!(app.store.annotations(&app.entries[1].article.id).is_empty());
        assert!(screen(&app).contains("#disputed ×2"), "{}", screen(&app));
        press(&mut app, "B enter");
        assert!(
            screen(&app).contains("#disputed · Enter opens"),
            "{}",
            screen(&app)
        );
    }

    #[test]
    fn annotations_follow_an_edited_text_and_orphans_are_listed() {
        let mut app = reader();
        press(&mut app, "w v w w 1");
        press(&mut app, ") ) 3");
        let id = app.entries[0].article.id.clone();
        let saved: Vec<Annotation> = app.store.annotations(&id).to_vec();
        assert_eq!(saved.len(), 2);
        // The same file re-fetched: a paragraph above, the last sentence rewritten.
        let edited = BODY.replace(
            "Ships were handled normally on Monday.",
            "The port stayed open.",
        );
        let mut later = app_with(
            vec![article(
                "ledger/talks.md",
                "Ledger Daily",
                &format!("---\ntitle: Talks stall\ndate: 2026-03-02\n---\nAn editor's note comes first.\n\n{edited}"),
            )],
            (100, 30),
        );
        let article_ref = ArticleRef {
            id: id.clone(),
            ..ArticleRef::default()
        };
        for a in saved {
            later.store.upsert(&article_ref, a).expect("in memory");
        }
        later.open_article(0);
        let body: Vec<char> = later.entries[0].article.body.chars().collect();
        let texts: Vec<Option<String>> = later
            .placed
            .iter()
            .map(|p| p.range.map(|(s, e)| body[s..e].iter().collect()))
            .collect();
        assert_eq!(texts, vec![Some("chair Mara Quint".to_owned()), None]);
        later.focus = Pane::Article;
        press(&mut later, "A");
        assert!(screen(&later).contains("(orphan"), "{}", screen(&later));
    }

    #[test]
    fn saving_merges_what_another_gloss_wrote_and_shows_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = reader();
        let (store, problems) = gloss::annotations::Store::open(dir.path());
        assert!(problems.is_empty());
        app.store = store;
        let article = app.article_ref().expect("open");
        // Another gloss on the same folder annotates the article and saves.
        let (mut other, _) = gloss::annotations::Store::open(dir.path());
        let body = app.entries[0].article.body.clone();
        let theirs = Annotation::new(
            Anchor::new(&body, 0, 5),
            Target::Passage,
            vec!["theirs".into()],
            None,
        );
        other.upsert(&article, theirs).expect("upsert");
        other.save(&article.id).expect("save");
        // This one tags a sentence and saves (as the loop does after the key).
        press(&mut app, ") 1");
        app.save_pending();
        let tags: Vec<Vec<String>> = app
            .placed
            .iter()
            .map(|p| p.annotation.tags.clone())
            .collect();
        assert_eq!(
            tags,
            vec![vec!["theirs".to_owned()], vec!["key-quote".to_owned()]]
        );
        let (reread, _) = gloss::annotations::Store::open(dir.path());
        assert_eq!(reread.annotations(&article.id).len(), 2, "both on disk");
    }

    #[test]
    fn prompts_and_the_list_draw_at_any_size() {
        for size in [(1, 1), (2, 2), (12, 3), (30, 6), (200, 60)] {
            let mut app = reader();
            press(&mut app, "1");
            for keys in ["t", "a", "F", "A"] {
                press(&mut app, "esc");
                app.update(crate::tui::action::Action::Resized(size.0, size.1));
                press(&mut app, keys);
                type_text(&mut app, "é 中文 \u{202e}x");
                let shown = screen(&app);
                assert!(!shown.contains('\u{1b}'), "{size:?} {keys}");
                assert_eq!(
                    shown.lines().count(),
                    usize::from(size.1),
                    "{size:?} {keys}"
                );
            }
        }
    }

    #[test]
    fn a_hand_edited_note_with_escape_sequences_never_reaches_the_terminal() {
        let mut app = reader();
        press(&mut app, "1");
        let mut a = only(&app);
        a.note = Some("\u{1b}]0;owned\u{7}see \u{1b}[2Jthis\nand \u{9b}31mthat".to_owned());
        a.tags.push("ok".into());
        let article = app.article_ref().expect("open");
        app.store.upsert(&article, a).expect("upsert");
        app.place_annotations();
        for keys in ["k", "A", "esc a"] {
            press(&mut app, keys);
            let shown = screen(&app);
            for bad in ['\u{1b}', '\u{7}', '\u{9b}'] {
                assert!(!shown.contains(bad), "{keys:?}: {shown}");
            }
            assert!(shown.contains("see"), "{keys:?}: {shown}");
            // Sequences go whole, payload and all, not just their escape character.
            assert!(
                !shown.contains("owned") && !shown.contains("[2J"),
                "{keys:?}: {shown}"
            );
        }
    }

    /// A reader whose store is a fresh folder.
    fn reader_on_disk() -> (App, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = reader();
        let (store, problems) = gloss::annotations::Store::open(dir.path());
        assert!(problems.is_empty());
        app.store = store;
        (app, dir)
    }

    #[test]
    fn a_save_that_fails_is_tried_again_after_the_next_key() {
        let (mut app, dir) = reader_on_disk();
        app.store
            .set_lock_timeout(std::time::Duration::from_millis(50));
        let id = app.entries[0].article.id.clone();
        let file = dir.path().join(format!("{id}.toml"));
        let lock = dir.path().join(format!("{id}.toml.lock"));
        // Another gloss, alive, holds the lock.
        let millis = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_millis();
        std::fs::write(&lock, format!("{} {millis}\n", std::process::id())).expect("lock");
        press(&mut app, "3");
        app.save_pending();
        assert!(app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("not saved yet")));
        assert!(!file.exists());
        std::fs::remove_file(&lock).expect("unlock");
        press(&mut app, "j");
        app.save_pending();
        assert!(file.exists(), "saved on the next try");
        assert!(app.to_save.is_empty());
    }

    #[test]
    fn an_undo_survives_another_gloss_saving_the_same_article() {
        let (mut app, dir) = reader_on_disk();
        press(&mut app, "a");
        type_text(&mut app, "first");
        press(&mut app, "enter");
        app.save_pending();
        // Edited a second later, so the two versions differ in time.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        press(&mut app, "a ctrl-u");
        type_text(&mut app, "edited");
        press(&mut app, "enter");
        app.save_pending();
        let article = app.article_ref().expect("open");
        let (mut other, _) = gloss::annotations::Store::open(dir.path());
        let body = app.entries[0].article.body.clone();
        other
            .upsert(
                &article,
                Annotation::new(
                    Anchor::new(&body, 0, 5),
                    Target::Passage,
                    vec!["x".into()],
                    None,
                ),
            )
            .expect("upsert");
        other.save(&article.id).expect("save");
        std::thread::sleep(std::time::Duration::from_millis(1100));
        press(&mut app, "u");
        app.save_pending();
        let (reread, _) = gloss::annotations::Store::open(dir.path());
        let notes: Vec<Option<String>> = reread
            .annotations(&article.id)
            .iter()
            .map(|a| a.note.clone())
            .collect();
        assert!(notes.contains(&Some("first".to_owned())), "{notes:?}");
        assert_eq!(notes.len(), 2, "{notes:?}");
    }

    #[test]
    fn a_claims_tag_follows_its_sentence_not_its_number() {
        let mut app = reader();
        let c = app.entries[0].analysis.claims.len() - 1;
        let claim = app.entries[0].analysis.claims[c].clone();
        let body = app.entries[0].article.body.clone();
        let article = app.article_ref().expect("open");
        // Numbered differently when it was made (an older analysis): still this claim.
        let mut a = Annotation::new(
            Anchor::new(&body, claim.start, claim.end),
            Target::Claim {
                claim: "c99".into(),
            },
            vec!["disputed".into()],
            None,
        );
        app.store.upsert(&article, a.clone()).expect("upsert");
        assert_eq!(app.claim_tags(0, c), vec!["disputed"]);
        // The right number on another sentence is not this claim.
        a.target = Target::Claim {
            claim: claim.id.clone(),
        };
        a.anchor = Anchor::new(&body, 0, 5);
        app.store.upsert(&article, a).expect("upsert");
        assert_eq!(app.claim_tags(0, c), Vec::<String>::new());
    }

    #[test]
    fn a_prompt_whose_article_changed_changes_nothing() {
        let mut app = reader();
        press(&mut app, "t");
        type_text(&mut app, "late");
        app.open_article(1);
        press(&mut app, "enter");
        assert!(app.store.annotations(&app.entries[1].article.id).is_empty());
        assert!(app.store.annotations(&app.entries[0].article.id).is_empty());
        assert!(app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("nothing was changed")));
    }

    #[test]
    fn e_exports_the_chosen_scope_and_format_into_the_data_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = reader();
        let (store, _) = gloss::annotations::Store::open(&dir.path().join("annotations"));
        app.store = store;
        press(&mut app, "3");
        app.save_pending();
        press(&mut app, "e");
        assert!(matches!(
            app.prompt,
            Some(Prompt::Export {
                format: 0,
                scope: 0
            })
        ));
        press(&mut app, "tab");
        assert!(screen(&app).contains("[json]"), "{}", screen(&app));
        press(&mut app, "enter");
        app.run_export();
        let message = app.message.clone().unwrap_or_default();
        let (name, folder) = message
            .strip_prefix("exported ")
            .and_then(|m| m.split_once(" to "))
            .expect("the message names the file and folder");
        assert_eq!(std::path::Path::new(folder), dir.path().join("exports"));
        let path = dir.path().join("exports").join(name);
        let text = std::fs::read_to_string(&path).expect("written");
        let json: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert_eq!(json["articles"][0]["annotations"][0]["tags"][0], "disputed");
        // The tag filter scope without a filter says so and writes nothing.
        press(&mut app, "e down down down enter");
        app.run_export();
        assert!(app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("no filter")));
    }

    #[test]
    fn two_exports_in_a_second_keep_both_and_any_tag_makes_a_file_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = reader();
        let (store, _) = gloss::annotations::Store::open(&dir.path().join("annotations"));
        app.store = store;
        press(&mut app, "t");
        type_text(&mut app, "news/port");
        press(&mut app, "enter");
        app.save_pending();
        press(&mut app, "F");
        type_text(&mut app, "tag:news/port");
        press(&mut app, "enter");
        let mut names = Vec::new();
        for _ in 0..2 {
            press(&mut app, "e enter");
            app.run_export();
            let message = app.message.clone().unwrap_or_default();
            assert!(message.starts_with("exported "), "{message}");
            names.push(message);
        }
        assert_ne!(names[0], names[1]);
        let files = std::fs::read_dir(dir.path().join("exports"))
            .expect("exports")
            .count();
        assert_eq!(files, 2);
    }

    #[test]
    fn help_names_the_quick_tags_from_the_configuration() {
        let app = reader();
        let lines = crate::tui::view::help_lines_for_test(&app);
        assert!(
            lines.iter().any(|l| l == "Apply quick tag 3: disputed"),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("Quick tag 9 (none set")),
            "{lines:?}"
        );
    }

    #[test]
    fn snapshot_tag_prompt_over_a_tagged_passage() {
        let mut app = reader();
        press(&mut app, "1 ) v w w");
        press(&mut app, "t");
        type_text(&mut app, "k");
        insta::assert_snapshot!(screen(&app));
    }
}
