//! Feeds and their items.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, now};

/// A subscribed feed, as the feed list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRow {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub category: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Unix seconds of the last refresh attempt.
    pub last_refresh: Option<i64>,
    pub last_success: Option<i64>,
    /// Why the last refresh failed; `None` when it succeeded.
    pub last_error: Option<String>,
    pub items: u64,
    pub unread: u64,
}

impl FeedRow {
    /// The title, or the URL for a feed not fetched yet.
    pub fn name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.url)
    }
}

/// An item to store, as a feed gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewItem {
    pub key: String,
    pub url: Option<String>,
    pub title: String,
    pub author: Option<String>,
    /// Unix seconds.
    pub date: Option<i64>,
    pub summary: Option<String>,
    pub content_html: Option<String>,
}

/// One line of an item list: only what the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    pub id: i64,
    pub feed_id: i64,
    pub title: String,
    pub url: Option<String>,
    pub date: Option<i64>,
    pub read: bool,
}

/// Everything stored about one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDetail {
    pub row: ItemRow,
    pub key: String,
    pub author: Option<String>,
    pub summary: Option<String>,
    pub content_html: Option<String>,
    pub feed_title: Option<String>,
}

/// What one refresh of one feed brought, written in one transaction.
#[derive(Debug, Clone, Default)]
pub struct RefreshRecord {
    /// The feed's title and site as the document gives them (kept only where
    /// the feed has none yet: a title chosen in OPML stays).
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub items: Vec<NewItem>,
    /// `Some(why)` when the refresh failed (nothing else is changed then).
    pub error: Option<String>,
    /// 304: nothing new, only the time of the refresh is recorded.
    pub not_modified: bool,
}

const FEED_COLUMNS: &str = "f.id, f.url, f.title, f.site_url, f.category, f.etag, f.last_modified, \
     f.last_refresh, f.last_success, f.last_error, \
     (SELECT count(*) FROM items i WHERE i.feed_id = f.id), \
     (SELECT count(*) FROM items i WHERE i.feed_id = f.id AND i.read = 0)";

fn feed_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<FeedRow> {
    Ok(FeedRow {
        id: row.get(0)?,
        url: row.get(1)?,
        title: row.get(2)?,
        site_url: row.get(3)?,
        category: row.get(4)?,
        etag: row.get(5)?,
        last_modified: row.get(6)?,
        last_refresh: row.get(7)?,
        last_success: row.get(8)?,
        last_error: row.get(9)?,
        items: row.get::<_, i64>(10)?.max(0) as u64,
        unread: row.get::<_, i64>(11)?.max(0) as u64,
    })
}

fn item_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ItemRow> {
    Ok(ItemRow {
        id: row.get(0)?,
        feed_id: row.get(1)?,
        title: row.get(2)?,
        url: row.get(3)?,
        date: row.get(4)?,
        read: row.get(5)?,
    })
}

impl Store {
    /// Subscribes to `url` (kept as given). Returns the feed's id and whether
    /// it is new; an existing feed keeps its state, and gains a title, site
    /// or category it did not have.
    pub fn add_feed(
        &mut self,
        url: &str,
        title: Option<&str>,
        site_url: Option<&str>,
        category: Option<&str>,
    ) -> Result<(i64, bool)> {
        let tx = self.write()?;
        let existing: Option<i64> = tx
            .query_row("SELECT id FROM feeds WHERE url = ?1", [url], |r| r.get(0))
            .optional()?;
        let result = match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE feeds SET title = coalesce(title, ?2), site_url = coalesce(site_url, ?3), \
                     category = coalesce(category, ?4) WHERE id = ?1",
                    params![id, title, site_url, category],
                )?;
                (id, false)
            }
            None => {
                tx.execute(
                    "INSERT INTO feeds (url, title, site_url, category, added) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![url, title, site_url, category, now()],
                )?;
                (tx.last_insert_rowid(), true)
            }
        };
        tx.commit()?;
        Ok(result)
    }

    /// Unsubscribes; its items go with it. Whether the feed existed.
    pub fn remove_feed(&mut self, url: &str) -> Result<bool> {
        let tx = self.write()?;
        let removed = tx.execute("DELETE FROM feeds WHERE url = ?1", [url])? > 0;
        tx.commit()?;
        Ok(removed)
    }

    /// Every feed, by title (then URL), with item and unread counts.
    pub fn feeds(&self) -> Result<Vec<FeedRow>> {
        let sql = format!(
            "SELECT {FEED_COLUMNS} FROM feeds f ORDER BY lower(coalesce(f.title, f.url)), f.url"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map([], feed_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn feed(&self, url: &str) -> Result<Option<FeedRow>> {
        let sql = format!("SELECT {FEED_COLUMNS} FROM feeds f WHERE f.url = ?1");
        Ok(self.conn.query_row(&sql, [url], feed_row).optional()?)
    }

    /// Records one refresh of a feed in one transaction: the validators, the
    /// time, the error or the new items. An item already stored (same key,
    /// or same link under a new key) is not added again and keeps its read
    /// state. Returns how many items are new.
    pub fn record_refresh(&mut self, feed_id: i64, record: &RefreshRecord) -> Result<usize> {
        let at = now();
        let tx = self.write()?;
        if let Some(error) = &record.error {
            tx.execute(
                "UPDATE feeds SET last_refresh = ?2, last_error = ?3 WHERE id = ?1",
                params![feed_id, at, error],
            )?;
            tx.commit()?;
            return Ok(0);
        }
        tx.execute(
            "UPDATE feeds SET last_refresh = ?2, last_success = ?2, last_error = NULL, \
             etag = CASE WHEN ?3 THEN etag ELSE ?4 END, \
             last_modified = CASE WHEN ?3 THEN last_modified ELSE ?5 END, \
             title = coalesce(title, ?6), site_url = coalesce(site_url, ?7) WHERE id = ?1",
            params![
                feed_id,
                at,
                record.not_modified,
                record.etag,
                record.last_modified,
                record.title,
                record.site_url
            ],
        )?;
        let mut added = 0;
        {
            let mut same_url =
                tx.prepare_cached("SELECT 1 FROM items WHERE feed_id = ?1 AND url = ?2")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO items (feed_id, key, url, title, author, date, summary, content_html, first_seen) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (feed_id, key) DO NOTHING",
            )?;
            for item in &record.items {
                if let Some(url) = &item.url
                    && url != &item.key
                    && same_url.exists(params![feed_id, url])?
                {
                    continue;
                }
                added += insert.execute(params![
                    feed_id,
                    item.key,
                    item.url,
                    item.title,
                    item.author,
                    item.date,
                    item.summary,
                    item.content_html,
                    at
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Item list rows, newest first: of one feed, or of all feeds; only
    /// unread ones if asked. `limit` rows from `offset`.
    pub fn items(
        &self,
        feed_id: Option<i64>,
        unread_only: bool,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<ItemRow>> {
        let sql = "SELECT id, feed_id, title, url, date, read FROM items \
             WHERE (?1 IS NULL OR feed_id = ?1) AND (NOT ?2 OR read = 0) \
             ORDER BY date DESC, id DESC LIMIT ?3 OFFSET ?4";
        let mut statement = self.conn.prepare_cached(sql)?;
        let rows = statement.query_map(
            params![
                feed_id,
                unread_only,
                limit.min(i64::MAX as u64) as i64,
                offset as i64
            ],
            item_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything about one item.
    pub fn item(&self, id: i64) -> Result<Option<ItemDetail>> {
        let sql = "SELECT i.id, i.feed_id, i.title, i.url, i.date, i.read, i.key, i.author, \
             i.summary, i.content_html, f.title FROM items i JOIN feeds f ON f.id = i.feed_id \
             WHERE i.id = ?1";
        Ok(self
            .conn
            .query_row(sql, [id], |row| {
                Ok(ItemDetail {
                    row: item_row(row)?,
                    key: row.get(6)?,
                    author: row.get(7)?,
                    summary: row.get(8)?,
                    content_html: row.get(9)?,
                    feed_title: row.get(10)?,
                })
            })
            .optional()?)
    }

    /// Marks one item read or unread: one row written, or none if it already
    /// was. Whether it changed.
    pub fn set_read(&mut self, item_id: i64, read: bool) -> Result<bool> {
        let mut statement = self
            .conn
            .prepare_cached("UPDATE items SET read = ?2 WHERE id = ?1 AND read != ?2")?;
        Ok(statement.execute(params![item_id, read])? > 0)
    }

    /// Marks every item of a feed (or of all feeds) read. How many changed.
    pub fn mark_all_read(&mut self, feed_id: Option<i64>) -> Result<usize> {
        let tx = self.write()?;
        let changed = tx.execute(
            "UPDATE items SET read = 1 WHERE read = 0 AND (?1 IS NULL OR feed_id = ?1)",
            params![feed_id],
        )?;
        tx.commit()?;
        Ok(changed)
    }

    /// The next unread item after `item_id` in the list order (newest first)
    /// of one feed or of all, wrapping to the top.
    pub fn next_unread(&self, feed_id: Option<i64>, after: Option<i64>) -> Result<Option<i64>> {
        let filter = "read = 0 AND (?1 IS NULL OR feed_id = ?1)";
        let after_sql = format!(
            "SELECT i.id FROM items i, (SELECT date AS d, id AS n FROM items WHERE id = ?2) c \
             WHERE {filter} AND (coalesce(i.date, -1) < coalesce(c.d, -1) \
             OR (coalesce(i.date, -1) = coalesce(c.d, -1) AND i.id < c.n)) \
             ORDER BY i.date DESC, i.id DESC LIMIT 1"
        );
        if let Some(after) = after
            && let Some(id) = self
                .conn
                .query_row(&after_sql, params![feed_id, after], |r| r.get(0))
                .optional()?
        {
            return Ok(Some(id));
        }
        let first =
            format!("SELECT id FROM items WHERE {filter} ORDER BY date DESC, id DESC LIMIT 1");
        Ok(self
            .conn
            .query_row(&first, params![feed_id], |r| r.get(0))
            .optional()?)
    }
}
