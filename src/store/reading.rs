//! What the reader remembers: stored articles, positions, marks, searches.

use std::path::Path;

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, now};

/// The most searches remembered; older ones are forgotten.
pub const SEARCH_HISTORY_SIZE: usize = 500;

/// Which document an article belongs to, as a stable string key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DocumentKey {
    /// The article compiled into depeche.
    Bundled,
    /// A local corpus or page: its absolute path and a hash of its bytes, so
    /// an edited file starts afresh.
    File { path: String, hash: String },
    /// A page or feed item read from the web.
    Url(String),
    /// A feed item with no link: its feed and its key in the feed.
    Item { feed: i64, key: String },
}

impl DocumentKey {
    /// The key of a local file from its path and its bytes.
    pub fn for_file(path: &Path, bytes: &[u8]) -> DocumentKey {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        DocumentKey::File {
            path: path.display().to_string(),
            hash: content_hash(bytes),
        }
    }

    /// The key of a local file from its path and what its metadata says of
    /// its version (size and modification time: an edited file starts
    /// afresh, and nothing is read twice). `None` when it has no metadata.
    pub fn for_path(path: &Path) -> Option<DocumentKey> {
        let metadata = std::fs::metadata(path).ok()?;
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let version = format!("{}:{modified}", metadata.len());
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        Some(DocumentKey::File {
            path: path.display().to_string(),
            hash: content_hash(version.as_bytes()),
        })
    }

    /// The string stored in the database.
    pub fn as_key(&self) -> String {
        match self {
            DocumentKey::Bundled => "bundled".to_string(),
            DocumentKey::File { path, hash } => format!("file:{hash}:{path}"),
            DocumentKey::Url(url) => format!("url:{url}"),
            DocumentKey::Item { feed, key } => format!("item:{feed}:{key}"),
        }
    }

    /// The key [`DocumentKey::as_key`] made, read back (`None` for a string
    /// no key makes).
    pub fn from_key(key: &str) -> Option<DocumentKey> {
        if key == "bundled" {
            return Some(DocumentKey::Bundled);
        }
        let (kind, rest) = key.split_once(':')?;
        match kind {
            "url" => Some(DocumentKey::Url(rest.to_string())),
            "file" => {
                let (hash, path) = rest.split_once(':')?;
                Some(DocumentKey::File {
                    path: path.to_string(),
                    hash: hash.to_string(),
                })
            }
            "item" => {
                let (feed, key) = rest.split_once(':')?;
                Some(DocumentKey::Item {
                    feed: feed.parse().ok()?,
                    key: key.to_string(),
                })
            }
            _ => None,
        }
    }
}

/// A 64-bit FNV-1a of the bytes, in hex: stable across builds and machines.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A place in an article that does not depend on the terminal's width: a
/// block of a section (or the section's heading, `block: None`), and a byte
/// offset in that block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub section: u32,
    pub block: Option<u32>,
    pub offset: u32,
}

impl Position {
    fn from_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Position> {
        Ok(Position {
            section: row.get(first)?,
            block: row.get(first + 1)?,
            offset: row.get(first + 2)?,
        })
    }
}

/// A search remembered: its text, and whether it was a regular expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastSearch {
    pub query: String,
    pub regex: bool,
}

impl Store {
    /// Stores an article as imported (corpus JSON), replacing an older copy.
    pub fn store_article(
        &mut self,
        key: &str,
        source_url: Option<&str>,
        corpus: &str,
    ) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO articles (key, source_url, corpus, stored) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (key) DO UPDATE SET source_url = ?2, corpus = ?3, stored = ?4",
            params![key, source_url, corpus, now()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A stored article's corpus JSON.
    pub fn article(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT corpus FROM articles WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Remembers where the reader is in an article.
    pub fn save_position(
        &mut self,
        document: &DocumentKey,
        article_id: &str,
        at: Position,
    ) -> Result<()> {
        let mut statement = self.conn.prepare_cached(
            "INSERT INTO positions (document, article_id, section, block, \"offset\", updated) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (document, article_id) DO UPDATE \
             SET section = ?3, block = ?4, \"offset\" = ?5, updated = ?6",
        )?;
        statement.execute(params![
            document.as_key(),
            article_id,
            at.section,
            at.block,
            at.offset,
            now()
        ])?;
        Ok(())
    }

    pub fn position(&self, document: &DocumentKey, article_id: &str) -> Result<Option<Position>> {
        Ok(self
            .conn
            .query_row(
                "SELECT section, block, \"offset\" FROM positions WHERE document = ?1 AND article_id = ?2",
                params![document.as_key(), article_id],
                |r| Position::from_row(r, 0),
            )
            .optional()?)
    }

    /// Where the reader was in each article of a document, the article read
    /// last first.
    pub fn positions(&self, document: &DocumentKey) -> Result<Vec<(String, Position)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT article_id, section, block, \"offset\" FROM positions WHERE document = ?1 \
             ORDER BY updated DESC",
        )?;
        let rows = statement.query_map([document.as_key()], |r| {
            Ok((r.get(0)?, Position::from_row(r, 1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets mark `letter` in an article (replacing the old one of that letter).
    pub fn set_mark(
        &mut self,
        document: &DocumentKey,
        article_id: &str,
        letter: char,
        at: Position,
    ) -> Result<()> {
        let mut statement = self.conn.prepare_cached(
            "INSERT INTO marks (document, article_id, letter, section, block, \"offset\") \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (document, article_id, letter) DO UPDATE \
             SET section = ?4, block = ?5, \"offset\" = ?6",
        )?;
        statement.execute(params![
            document.as_key(),
            article_id,
            letter.to_string(),
            at.section,
            at.block,
            at.offset
        ])?;
        Ok(())
    }

    /// Every mark of an article, by letter.
    pub fn marks(&self, document: &DocumentKey, article_id: &str) -> Result<Vec<(char, Position)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT letter, section, block, \"offset\" FROM marks \
             WHERE document = ?1 AND article_id = ?2 ORDER BY letter",
        )?;
        let rows = statement.query_map(params![document.as_key(), article_id], |r| {
            let letter: String = r.get(0)?;
            Ok((
                letter.chars().next().unwrap_or(' '),
                Position::from_row(r, 1)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every mark of every article of a document: (article, letter, place).
    pub fn document_marks(&self, document: &DocumentKey) -> Result<Vec<(String, char, Position)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT article_id, letter, section, block, \"offset\" FROM marks \
             WHERE document = ?1 ORDER BY article_id, letter",
        )?;
        let rows = statement.query_map([document.as_key()], |r| {
            let letter: String = r.get(1)?;
            Ok((
                r.get(0)?,
                letter.chars().next().unwrap_or(' '),
                Position::from_row(r, 2)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Remembers a search (moved to the front if it was already there, with
    /// the mode it was used in last); the history keeps the last
    /// [`SEARCH_HISTORY_SIZE`].
    pub fn push_search(&mut self, query: &str, regex: bool) -> Result<()> {
        if query.is_empty() {
            return Ok(());
        }
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO search_history (query, used, regex) \
             VALUES (?1, (SELECT coalesce(max(used), 0) + 1 FROM search_history), ?2) \
             ON CONFLICT (query) DO UPDATE SET used = excluded.used, regex = excluded.regex",
            params![query, regex],
        )?;
        tx.execute(
            "DELETE FROM search_history WHERE used <= \
             (SELECT max(used) FROM search_history) - ?1",
            [SEARCH_HISTORY_SIZE as i64],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The last searches, most recent first.
    pub fn search_history(&self, limit: usize) -> Result<Vec<PastSearch>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT query, regex FROM search_history ORDER BY used DESC LIMIT ?1",
        )?;
        let rows = statement.query_map([limit.min(i64::MAX as usize) as i64], |r| {
            Ok(PastSearch {
                query: r.get(0)?,
                regex: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
