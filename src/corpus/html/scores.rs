//! Choosing the article: which elements of a page hold its text.
//!
//! Text is measured in runs: the text between two block boundaries or line breaks,
//! held by the nearest block element. A run in a `<p>`, or in a block with no blocks
//! or breaks inside it (a `<div>` used as a paragraph), makes that element a
//! paragraph, which scores its parent fully and its grandparent by half. A run in a
//! block that also holds breaks or other blocks (text split by `<br><br>`) is a
//! paragraph of that block, which scores itself. Link text never scores. An element's
//! final score is its paragraph score, times one minus its link density, times what
//! its class and id say of it. The best element within the page's `<article>` or
//! `<main>` (when that holds most of the text) is the article; when it is one of
//! several alike units (the posts of a live blog) their parent is, and those of its
//! siblings that look like more of it (sections, figures, what lies between) join it.
//! Furniture marked as such at build time may be rescued when it wraps most of the
//! text, and furniture inside the article (boxes of links, small forms, link-only
//! lines) is found here for the renderer to leave out.

use super::page::{Elem, Ev, Hint, Kind, Page};

/// Runs shorter than this (non-space characters outside links) are too short to say
/// where the article is: captions, labels, dates.
const MIN_RUN: usize = 25;

/// The elements chosen as the article.
pub struct Choice {
    /// The elements, in page order.
    pub roots: Vec<usize>,
    /// Whether they lie in the page's `<article>` (which holds most of its text).
    pub in_article: bool,
}

/// Character counts and scores of every element of a page.
pub struct Scores {
    /// Whether the element's text is left out: furniture, or inside furniture.
    pub hidden: Vec<bool>,
    /// Furniture after rescue: skipped when rendering.
    pub junk: Vec<bool>,
    /// Non-space characters of visible text in the subtree.
    pub text: Vec<usize>,
    /// Of those, the characters inside links.
    pub link: Vec<usize>,
    /// Non-link characters of paragraph runs in the subtree.
    pub para: Vec<usize>,
    /// How many runs of 40 or more characters the element holds itself.
    pub long_runs: Vec<usize>,
    /// Whether the subtree holds a form control.
    pub controls: Vec<bool>,
    /// Runs that are nothing but links (a line of "Print | Email" links between
    /// paragraphs), as ranges of event numbers: their text is left out.
    pub link_runs: Vec<(usize, usize)>,
    /// The final score.
    pub score: Vec<f64>,
    /// Paragraph characters in the whole page.
    pub total: usize,
}

impl Scores {
    /// Measures and scores every element of a page.
    pub fn of(page: &Page) -> Self {
        let n = page.elems.len();
        let mut junk: Vec<bool> = page.elems.iter().map(|e| e.junk).collect();
        let mut hidden: Vec<bool> = page.elems.iter().map(|e| e.hidden).collect();
        // Furniture that wraps most of the page's text is the article's wrapper (a
        // `<form>` around the whole page, `<div class="paywall">` around the story).
        if page.elems.iter().any(|e| e.rescuable) {
            let all = measure(page, &vec![false; n]);
            let mut rescued = false;
            for (e, elem) in page.elems.iter().enumerate() {
                if elem.rescuable && all.total > 0 && all.para[e] * 2 >= all.total {
                    junk[e] = false;
                    rescued = true;
                }
            }
            if rescued {
                for (e, elem) in page.elems.iter().enumerate() {
                    let parent_hidden = elem.parent.is_some_and(|p| hidden[p]);
                    hidden[e] = parent_hidden || (junk[e] && !elem.is_header);
                }
            }
        }
        let m = measure(page, &hidden);
        let mut score = vec![0.0f64; n];
        for run in &m.runs {
            if run.chars < MIN_RUN {
                continue;
            }
            let holder = &page.elems[run.holder];
            #[allow(clippy::cast_precision_loss)]
            let chars = run.chars as f64;
            let (full, half) = if holder.kind == Kind::Para || !m.container[run.holder] {
                let parent = holder.parent;
                (parent, parent.and_then(|p| page.elems[p].parent))
            } else {
                (Some(run.holder), holder.parent)
            };
            if let Some(e) = full {
                score[e] += chars;
            }
            if let Some(e) = half {
                score[e] += chars / 2.0;
            }
        }
        for (e, elem) in page.elems.iter().enumerate() {
            if hidden[e] || score[e] == 0.0 {
                score[e] = 0.0;
                continue;
            }
            #[allow(clippy::cast_precision_loss)]
            let density = m.link[e] as f64 / m.text[e].max(1) as f64;
            let weight = match elem.hint {
                Hint::Content => 1.25,
                Hint::None => 1.0,
                Hint::Aside => 0.5,
            };
            score[e] *= (1.0 - density) * weight;
        }
        let mut long_runs = vec![0; n];
        for run in m.runs.iter().filter(|r| r.chars >= 40) {
            long_runs[run.holder] += 1;
        }
        Self {
            hidden,
            junk,
            text: m.text,
            link: m.link,
            para: m.para,
            long_runs,
            controls: m.controls,
            link_runs: m.link_runs,
            score,
            total: m.total,
        }
    }

    /// The share of an element's text that is link text, from 0 to 1.
    pub fn link_density(&self, e: usize) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let density = self.link[e] as f64 / self.text[e].max(1) as f64;
        density
    }

    /// The elements that hold the article, in page order, or none when the page has
    /// too little paragraph text (`least` characters) to be one.
    pub fn choose(&self, page: &Page, least: usize) -> Option<Choice> {
        if self.total < least {
            return None;
        }
        let visible = |e: &usize| !self.hidden[*e];
        let best_of = |want: &dyn Fn(&Elem) -> bool| {
            (0..page.elems.len())
                .filter(visible)
                .filter(|&e| want(&page.elems[e]))
                .max_by_key(|&e| self.para[e])
                .filter(|&e| self.para[e] * 2 >= self.total)
        };
        let scope = best_of(&|el| el.is_article)
            .or_else(|| best_of(&|el| el.is_main))
            .unwrap_or(0);
        if page.archived {
            // gloss wrote this page: its `<article>` is the text, all of it.
            return Some(Choice {
                roots: vec![scope],
                in_article: page.elems[scope].is_article,
            });
        }
        let end = subtree_end(page, scope);
        let top = (scope..end)
            .filter(visible)
            .max_by(|&a, &b| self.score[a].total_cmp(&self.score[b]))
            .filter(|&e| self.score[e] > 0.0)
            .unwrap_or(scope);
        let top = self.repeated_unit(page, top, scope).unwrap_or(top);
        let top = self.out_of_wrappers(page, top, scope);
        let roots = if top == scope {
            vec![top]
        } else {
            self.with_siblings(page, top)
        };
        let chars: usize = roots.iter().map(|&e| self.para[e]).sum();
        (chars >= least).then_some(Choice {
            roots,
            in_article: page.elems[scope].is_article,
        })
    }

    /// The standfirst: up to two paragraphs of prose (or elements named as a
    /// standfirst or subtitle) between the page's `<h1>` and the article's first
    /// element, such as an article header holds.
    pub fn standfirst(&self, page: &Page, roots: &[usize]) -> Vec<usize> {
        let (Some(h1), Some(&first)) = (page.h1_elem, roots.first()) else {
            return Vec::new();
        };
        if h1 >= first || self.hidden[h1] {
            return Vec::new();
        }
        let mut found = Vec::new();
        let mut e = subtree_end(page, h1);
        while e < first && found.len() < 2 {
            let el = &page.elems[e];
            if self.hidden[e] || el.is_byline || (self.junk[e] && !el.is_header) {
                e = subtree_end(page, e);
                continue;
            }
            let prose = self.text[e] - self.link[e] >= 40 && self.link_density(e) < 0.25;
            if prose && (el.kind == Kind::Para || el.is_lead) {
                if first < subtree_end(page, e) {
                    break;
                }
                found.push(e);
                e = subtree_end(page, e);
                continue;
            }
            e += 1;
        }
        found
    }

    /// The parent of the repeated units the top element belongs to, when it is one of
    /// several alike: the posts of a live blog, the sections of a long read. An
    /// element (the top or one of its near ancestors) is such a unit when at least
    /// two of its siblings share its class and hold paragraph text.
    fn repeated_unit(&self, page: &Page, top: usize, scope: usize) -> Option<usize> {
        let mut unit = top;
        for _ in 0..4 {
            if unit == scope {
                return None;
            }
            let parent = page.elems[unit].parent?;
            let class = page.elems[unit].class;
            if class != 0 {
                let alike = (parent + 1..subtree_end(page, parent))
                    .filter(|&e| {
                        page.elems[e].parent == Some(parent)
                            && page.elems[e].class == class
                            && !self.hidden[e]
                            && self.para[e] >= MIN_RUN
                    })
                    .count();
                if alike >= 3 {
                    return Some(parent);
                }
            }
            unit = parent;
        }
        None
    }

    /// Whether an element inside the article is furniture to leave out: marked so by
    /// its tag or class, a byline, a box that is mostly links (related stories, tag
    /// lists, "Read more:" teasers), or a small box with a form (a newsletter
    /// sign-up).
    pub fn is_furniture(&self, page: &Page, e: usize) -> bool {
        let el = &page.elems[e];
        if page.archived {
            // A page gloss wrote holds the entry's text under a header of its own
            // (headline and masthead, which are metadata); only that and what is
            // hidden go.
            return self.hidden[e] || el.is_header;
        }
        if self.junk[e] || el.is_byline {
            return true;
        }
        let mostly_links = self.link[e] * 2 > self.text[e] && self.text[e] - self.link[e] < 200;
        match el.kind {
            Kind::Para
            | Kind::Block
            | Kind::List { .. }
            | Kind::Table
            | Kind::Quote
            | Kind::Item => {
                mostly_links
                    || (el.hint == Hint::Aside && self.link_density(e) > 0.25)
                    || (self.controls[e] && self.para[e] < 400)
            }
            _ => false,
        }
    }

    /// The top element and those of its siblings that look like more of the article:
    /// scored at least a fifth as high, sharing its class, paragraphs of prose,
    /// figures, and whatever lies between two of those that is not mostly links.
    /// Climbs from `top` out of thin wrappers (at most three, never past `scope`): a
    /// parent whose paragraph text is all `top`'s (a "Read more" link beside it is
    /// not paragraph text), such as the box a phone
    /// layout folds the rest of a story into, so that the paragraphs beside the
    /// wrapper are siblings too.
    fn out_of_wrappers(&self, page: &Page, mut top: usize, scope: usize) -> usize {
        for _ in 0..3 {
            let Some(parent) = page.elems[top].parent.filter(|&p| p >= scope && p != top) else {
                break;
            };
            if top == scope
                || self.hidden[parent]
                || self.controls[parent]
                || self.para[parent] > self.para[top] + 20
            {
                break;
            }
            top = parent;
        }
        top
    }

    fn with_siblings(&self, page: &Page, top: usize) -> Vec<usize> {
        let Some(parent) = page.elems[top].parent else {
            return vec![top];
        };
        let threshold = (self.score[top] * 0.2).max(10.0);
        let class = page.elems[top].class;
        let children: Vec<usize> = (parent + 1..subtree_end(page, parent))
            .filter(|&e| page.elems[e].parent == Some(parent) && !self.hidden[e] && !self.junk[e])
            .collect();
        let mut keep: Vec<bool> = children
            .iter()
            .map(|&e| {
                let el = &page.elems[e];
                let density = self.link_density(e);
                e == top
                    || (self.score[e] >= threshold && el.hint != Hint::Aside)
                    || (class != 0 && el.class == class && density < 0.3)
                    || (el.kind == Kind::Para && self.para[e] >= 40 && density < 0.25)
                    || (el.is_figure && density < 0.5)
            })
            .collect();
        let first = keep.iter().position(|&k| k);
        let last = keep.iter().rposition(|&k| k);
        if let (Some(first), Some(last)) = (first, last) {
            for (i, &e) in children.iter().enumerate().take(last).skip(first) {
                if !keep[i] && page.elems[e].hint != Hint::Aside && self.link_density(e) <= 0.5 {
                    keep[i] = true;
                }
            }
        }
        children
            .into_iter()
            .zip(keep)
            .filter_map(|(e, k)| k.then_some(e))
            .collect()
    }
}

/// The index past the last element inside `e` (elements are numbered in the order
/// they open, so a subtree is a run of numbers).
pub fn subtree_end(page: &Page, e: usize) -> usize {
    let close = page.elems[e].close_ev;
    let mut end = e + 1;
    while end < page.elems.len() && page.elems[end].open_ev < close {
        end += 1;
    }
    end
}

struct Run {
    holder: usize,
    chars: usize,
}

struct Measure {
    controls: Vec<bool>,
    link_runs: Vec<(usize, usize)>,
    text: Vec<usize>,
    link: Vec<usize>,
    para: Vec<usize>,
    /// Holds breaks or block elements directly.
    container: Vec<bool>,
    runs: Vec<Run>,
    total: usize,
}

/// Counts the visible text of every element and cuts it into runs.
fn measure(page: &Page, hidden: &[bool]) -> Measure {
    let n = page.elems.len();
    let mut m = Measure {
        controls: page.elems.iter().map(|e| e.has_control).collect(),
        link_runs: Vec::new(),
        text: vec![0; n],
        link: vec![0; n],
        para: vec![0; n],
        container: vec![false; n],
        runs: Vec::new(),
        total: 0,
    };
    let mut stack: Vec<usize> = Vec::new();
    let mut blocks: Vec<usize> = Vec::new();
    let mut in_link = 0usize;
    let mut run = Pending::default();
    let end_run = |run: &mut Pending, at: usize, blocks: &[usize], m: &mut Measure| {
        let in_heading = blocks
            .last()
            .is_some_and(|&b| page.elems[b].kind == Kind::Heading);
        if run.links > 0 && run.chars * 5 <= run.links && !in_heading {
            m.link_runs.push((run.start, at));
        }
        if run.chars > 0 {
            if let Some(&holder) = blocks.last() {
                if page.elems[holder].kind != Kind::Heading {
                    m.para[holder] += run.chars;
                    m.total += run.chars;
                    m.runs.push(Run {
                        holder,
                        chars: run.chars,
                    });
                }
            }
        }
        *run = Pending {
            start: at,
            ..Pending::default()
        };
    };
    for (at, ev) in page.events.iter().enumerate() {
        match *ev {
            Ev::Open(e) => {
                let kind = page.elems[e].kind;
                if kind.is_block() {
                    end_run(&mut run, at, &blocks, &mut m);
                    if let Some(&b) = blocks.last() {
                        m.container[b] = true;
                    }
                    blocks.push(e);
                }
                if kind == Kind::Link {
                    in_link += 1;
                }
                stack.push(e);
            }
            Ev::Close(e) => {
                let kind = page.elems[e].kind;
                if kind.is_block() {
                    end_run(&mut run, at, &blocks, &mut m);
                    blocks.pop();
                }
                if kind == Kind::Link {
                    in_link = in_link.saturating_sub(1);
                }
                stack.pop();
                if let Some(p) = page.elems[e].parent {
                    m.text[p] += m.text[e];
                    m.link[p] += m.link[e];
                    m.para[p] += m.para[e];
                    m.controls[p] |= m.controls[e];
                }
            }
            Ev::Text(from, to) => {
                let Some(&top) = stack.last() else { continue };
                if hidden[top] {
                    continue;
                }
                let chars = page.buf[from..to]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count();
                m.text[top] += chars;
                if in_link > 0 {
                    m.link[top] += chars;
                    run.links += chars;
                } else {
                    run.chars += chars;
                }
            }
            Ev::Break => {
                end_run(&mut run, at, &blocks, &mut m);
                if let Some(&b) = blocks.last() {
                    m.container[b] = true;
                }
            }
        }
    }
    end_run(&mut run, page.events.len(), &blocks, &mut m);
    m
}

/// The run being read: where it started, its characters outside and inside links.
#[derive(Default)]
struct Pending {
    start: usize,
    chars: usize,
    links: usize,
}
