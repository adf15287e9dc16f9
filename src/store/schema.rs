//! The database schema, as a list of migrations. Migration `n` (1-based)
//! takes `PRAGMA user_version` from `n - 1` to `n`; a migration once released
//! is never edited, only followed by a new one.

/// Every migration, in order. The schema version is `MIGRATIONS.len()`.
pub const MIGRATIONS: &[&str] = &[
    // 1: feeds, items, stored articles, reading positions, marks, search history.
    r#"
    CREATE TABLE feeds (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT,
        site_url      TEXT,
        category      TEXT,
        etag          TEXT,
        last_modified TEXT,
        -- Unix seconds of the last refresh attempt and of the last success.
        last_refresh  INTEGER,
        last_success  INTEGER,
        -- Why the last refresh failed; NULL when it succeeded.
        last_error    TEXT,
        added         INTEGER NOT NULL
    );

    CREATE TABLE items (
        id           INTEGER PRIMARY KEY,
        feed_id      INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        -- guid / Atom id / JSON id, else the link, else a content hash.
        key          TEXT NOT NULL,
        url          TEXT,
        title        TEXT NOT NULL,
        author       TEXT,
        -- Unix seconds: published, else updated; NULL when the feed gives none.
        date         INTEGER,
        summary      TEXT,
        content_html TEXT,
        read         INTEGER NOT NULL DEFAULT 0,
        first_seen   INTEGER NOT NULL,
        UNIQUE (feed_id, key)
    );
    -- The item lists: newest first, per feed and across feeds.
    CREATE INDEX items_by_feed_date ON items (feed_id, date DESC, id DESC);
    CREATE INDEX items_by_date ON items (date DESC, id DESC);
    -- Deduplication by link when an item's guid changes.
    CREATE INDEX items_by_url ON items (feed_id, url) WHERE url IS NOT NULL;
    -- Unread counts without touching read items.
    CREATE INDEX items_unread ON items (feed_id) WHERE read = 0;

    -- Articles as imported (corpus JSON), so they read offline.
    CREATE TABLE articles (
        key        TEXT PRIMARY KEY,
        source_url TEXT,
        corpus     TEXT NOT NULL,
        stored     INTEGER NOT NULL
    );

    -- Where the reader was in every article read. A document key says which
    -- document (bundled, a local file and its hash, a URL); article_id which
    -- article in it. The place is a block and a byte offset in its text, so
    -- it survives a new terminal width.
    CREATE TABLE positions (
        document   TEXT NOT NULL,
        article_id TEXT NOT NULL,
        section    INTEGER NOT NULL,
        block      INTEGER NOT NULL,
        "offset"   INTEGER NOT NULL,
        updated    INTEGER NOT NULL,
        PRIMARY KEY (document, article_id)
    ) WITHOUT ROWID;

    CREATE TABLE marks (
        document   TEXT NOT NULL,
        article_id TEXT NOT NULL,
        letter     TEXT NOT NULL,
        section    INTEGER NOT NULL,
        block      INTEGER NOT NULL,
        "offset"   INTEGER NOT NULL,
        PRIMARY KEY (document, article_id, letter)
    ) WITHOUT ROWID;

    CREATE TABLE search_history (
        query TEXT PRIMARY KEY,
        used  INTEGER NOT NULL
    );
    CREATE INDEX search_history_by_use ON search_history (used DESC);
    "#,
    // 2: a place may be a section's heading (block NULL), not only a block;
    // a search remembers whether it was a regular expression.
    r#"
    CREATE TABLE positions_2 (
        document   TEXT NOT NULL,
        article_id TEXT NOT NULL,
        section    INTEGER NOT NULL,
        -- NULL: the section's heading.
        block      INTEGER,
        "offset"   INTEGER NOT NULL,
        updated    INTEGER NOT NULL,
        PRIMARY KEY (document, article_id)
    ) WITHOUT ROWID;
    INSERT INTO positions_2 SELECT document, article_id, section, block, "offset", updated FROM positions;
    DROP TABLE positions;
    ALTER TABLE positions_2 RENAME TO positions;

    CREATE TABLE marks_2 (
        document   TEXT NOT NULL,
        article_id TEXT NOT NULL,
        letter     TEXT NOT NULL,
        section    INTEGER NOT NULL,
        block      INTEGER,
        "offset"   INTEGER NOT NULL,
        PRIMARY KEY (document, article_id, letter)
    ) WITHOUT ROWID;
    INSERT INTO marks_2 SELECT document, article_id, letter, section, block, "offset" FROM marks;
    DROP TABLE marks;
    ALTER TABLE marks_2 RENAME TO marks;

    ALTER TABLE search_history ADD COLUMN regex INTEGER NOT NULL DEFAULT 0;
    "#,
];
