//! Where a JSON path (`articles[0].sections[1].title`, as validation
//! reports it) is in the text of a corpus: its line and column, so that a
//! problem found after parsing points into the file as a syntax error does.
//!
//! Only used once a corpus has been refused: each container on a path is
//! read again as borrowed `RawValue`s (serde_json keeps them as slices of
//! the text, so their offsets are known) and kept for the next path.

use std::collections::HashMap;

use serde_json::value::RawValue;

/// One step of a path: a field, or an index in an array.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Step {
    Field(String),
    Index(usize),
}

/// `articles[0].title` → `[Field(articles), Index(0), Field(title)]`; `None`
/// for a path it does not understand.
fn steps(path: &str) -> Option<Vec<Step>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !name.is_empty() {
            out.push(Step::Field(name.to_string()));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            out.push(Step::Index(inner[..end].parse().ok()?));
            rest = &inner[end + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

/// The members of an object or array, each a slice of the text.
enum Members<'t> {
    Object(HashMap<String, &'t RawValue>),
    Array(Vec<&'t RawValue>),
    Neither,
}

/// Finds paths in one text, reading each container on them once.
pub struct Locator<'t> {
    text: &'t str,
    root: Option<&'t RawValue>,
    /// The members of the values read so far, by the path of the value.
    members: HashMap<Vec<Step>, Members<'t>>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Locator<'t> {
        Locator {
            text,
            root: serde_json::from_str(text).ok(),
            members: HashMap::new(),
        }
    }

    /// Line and column (from 1, the column in characters) where the value
    /// at `path` starts, or the deepest value on the path that exists (the
    /// object missing a field); `None` if the text is not JSON.
    pub fn locate(&mut self, path: &str) -> Option<(usize, usize)> {
        let steps = steps(path)?;
        let mut value = self.root?;
        for depth in 0..steps.len() {
            let at = &steps[..depth];
            let members = self
                .members
                .entry(at.to_vec())
                .or_insert_with(|| read_members(value));
            let next = match (&steps[depth], &*members) {
                (Step::Field(name), Members::Object(fields)) => fields.get(name).copied(),
                (Step::Index(i), Members::Array(items)) => items.get(*i).copied(),
                _ => None,
            };
            match next {
                Some(next) => value = next,
                None => break,
            }
        }
        let offset = value.get().as_ptr() as usize - self.text.as_ptr() as usize;
        Some(line_column(self.text, offset))
    }
}

fn read_members(value: &RawValue) -> Members<'_> {
    let json = value.get();
    if json.starts_with('{') {
        serde_json::from_str(json).map_or(Members::Neither, Members::Object)
    } else if json.starts_with('[') {
        serde_json::from_str(json).map_or(Members::Neither, Members::Array)
    } else {
        Members::Neither
    }
}

/// Line and column (from 1, the column in characters) of byte `offset`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"articles\": [\n    {\"id\": \"a\", \"title\": \"\"},\n    {\"id\": \"b\"}\n  ],\n  \"version\": 2\n}";

    #[test]
    fn paths_point_at_their_values() {
        let mut at = Locator::new(TEXT);
        assert_eq!(at.locate("version"), Some((6, 14)));
        assert_eq!(at.locate("articles[0].title"), Some((3, 26)));
        assert_eq!(at.locate("articles[1]"), Some((4, 5)));
        // A missing field: the object that lacks it.
        assert_eq!(at.locate("articles[1].title"), Some((4, 5)));
        assert_eq!(at.locate(""), Some((1, 1)));
        assert_eq!(Locator::new("not json").locate("version"), None);
    }

    #[test]
    fn paths_are_read_in_steps() {
        assert_eq!(
            steps("articles[0].sections[12].blocks[3].date"),
            Some(vec![
                Step::Field("articles".into()),
                Step::Index(0),
                Step::Field("sections".into()),
                Step::Index(12),
                Step::Field("blocks".into()),
                Step::Index(3),
                Step::Field("date".into()),
            ])
        );
        assert_eq!(steps("a[x]"), None);
    }
}
