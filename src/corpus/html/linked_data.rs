//! schema.org metadata in `<script type="application/ld+json">`: the headline, author,
//! publication date and publisher that news sites describe their articles with.

use serde_json::{Map, Value};

/// Objects looked at across a page's JSON-LD, at most.
const MAX_OBJECTS: usize = 256;

/// What a page's JSON-LD says about its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkedData {
    pub headline: Option<String>,
    pub author: Option<String>,
    pub date_published: Option<String>,
    pub publisher: Option<String>,
    /// The page describes an article (a schema.org article type).
    pub is_article: bool,
}

/// schema.org types of articles, the first choice of object to read.
fn is_article_type(name: &str) -> bool {
    matches!(
        name,
        "Article"
            | "NewsArticle"
            | "ReportageNews"
            | "AnalysisNewsArticle"
            | "OpinionNewsArticle"
            | "BackgroundNewsArticle"
            | "ReviewNewsArticle"
            | "BlogPosting"
            | "LiveBlogPosting"
            | "SocialMediaPosting"
            | "TechArticle"
            | "ScholarlyArticle"
            | "Report"
    )
}

impl LinkedData {
    /// Reads the JSON-LD blocks of a page; blocks that are not valid JSON are passed
    /// over.
    pub fn read(blocks: &[String]) -> Self {
        let mut objects: Vec<Map<String, Value>> = Vec::new();
        for block in blocks {
            if let Ok(value) = serde_json::from_str::<Value>(block.trim()) {
                collect(value, &mut objects);
            }
        }
        let by_id = |id: &str| {
            objects
                .iter()
                .find(|o| o.get("@id").and_then(Value::as_str) == Some(id))
        };
        let typed = objects.iter().find(|o| types(o).any(is_article_type));
        let article = typed.or_else(|| objects.iter().find(|o| o.contains_key("headline")));
        let Some(article) = article else {
            return Self::default();
        };
        // A reference (`{"@id": "#author"}`) names another object of the graph.
        let follow = |value: &Value| -> Option<String> {
            match value {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .or_else(|| {
                        let id = o.get("@id").and_then(Value::as_str)?;
                        by_id(id)?.get("name")?.as_str().map(str::to_owned)
                    }),
                _ => None,
            }
        };
        let author = article.get("author").and_then(|a| match a {
            Value::Array(list) => {
                let names: Vec<String> = list.iter().filter_map(&follow).take(8).collect();
                (!names.is_empty()).then(|| join_names(&names))
            }
            other => follow(other),
        });
        let text = |key: &str| {
            article
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .filter(|s| !s.trim().is_empty())
        };
        Self {
            headline: text("headline").or_else(|| text("name")),
            author: author.filter(|a| !a.trim().is_empty() && !a.starts_with("http")),
            date_published: text("datePublished").or_else(|| text("dateCreated")),
            publisher: article.get("publisher").and_then(follow),
            is_article: typed.is_some(),
        }
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The `@type` of an object, one name or several.
fn types(object: &Map<String, Value>) -> impl Iterator<Item = &str> {
    let (one, many) = match object.get("@type") {
        Some(Value::String(s)) => (Some(s.as_str()), None),
        Some(Value::Array(list)) => (None, Some(list.iter().filter_map(Value::as_str))),
        _ => (None, None),
    };
    one.into_iter().chain(many.into_iter().flatten())
}

/// Gathers the objects of a JSON-LD document: itself, the items of a top-level list and
/// of `@graph`, and what `mainEntity` holds.
fn collect(value: Value, out: &mut Vec<Map<String, Value>>) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        if out.len() >= MAX_OBJECTS {
            return;
        }
        match value {
            Value::Array(items) => pending.extend(items.into_iter().rev()),
            Value::Object(mut object) => {
                if let Some(graph) = object.remove("@graph") {
                    pending.push(graph);
                }
                if let Some(main) = object.remove("mainEntity") {
                    if main.is_object() {
                        pending.push(main);
                    }
                }
                out.push(object);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_news_article_and_a_yoast_style_graph() {
        let plain = r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Ferry fares frozen","datePublished":"2026-04-01T08:00:00Z",
            "author":[{"@type":"Person","name":"Ana Sills"},{"@type":"Person","name":"Bo Park"}],
            "publisher":{"@type":"Organization","name":"Coast Courier"}}"#;
        let ld = LinkedData::read(&[plain.to_owned()]);
        assert_eq!(ld.headline.as_deref(), Some("Ferry fares frozen"));
        assert_eq!(ld.author.as_deref(), Some("Ana Sills and Bo Park"));
        assert_eq!(ld.date_published.as_deref(), Some("2026-04-01T08:00:00Z"));
        assert_eq!(ld.publisher.as_deref(), Some("Coast Courier"));

        let graph = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","@id":"https://b.example/p#page","name":"Page"},
            {"@type":["Article"],"@id":"https://b.example/p#article","headline":"Bees return",
             "author":{"@id":"https://b.example/#person"},"datePublished":"2025-06-02"},
            {"@type":"Person","@id":"https://b.example/#person","name":"Wren Ode"}]}"#;
        let ld = LinkedData::read(&["not json".to_owned(), graph.to_owned()]);
        assert_eq!(ld.headline.as_deref(), Some("Bees return"));
        assert_eq!(ld.author.as_deref(), Some("Wren Ode"));
        assert_eq!(ld.date_published.as_deref(), Some("2025-06-02"));
    }

    #[test]
    fn odd_shapes_give_nothing_rather_than_fail() {
        for odd in [
            "[]",
            "3",
            "{\"@type\":\"Person\",\"name\":\"X\"}",
            "[[[[{}]]]]",
        ] {
            assert_eq!(
                LinkedData::read(&[odd.to_owned()]),
                LinkedData::default(),
                "{odd}"
            );
        }
    }
}
