//! Everything depeche remembers, in one SQLite database (rusqlite, SQLite
//! compiled in): feeds and their items, read state, stored articles, the
//! reading position and marks of every article read, the search history.
//!
//! - Where: `$XDG_DATA_HOME/depeche/depeche.db` (etcetera; `~/.local/share`
//!   when unset), or `DIR/depeche.db` for a directory the caller passes
//!   (`--data-dir`). [`Store::in_memory`] keeps nothing (`--no-state`).
//! - Versioned by `PRAGMA user_version` with [`schema`] migrations, applied in
//!   one immediate transaction. A database from a newer depeche is refused
//!   before anything is written to it (opened read-only to look).
//! - WAL journal, `synchronous=NORMAL` and a busy timeout: two depeche
//!   processes read and write at once; a `kill -9` loses nothing committed.
//!   Every change is one transaction; writes take the lock up front
//!   (`BEGIN IMMEDIATE`) so a busy database waits instead of failing.
//! - A damaged file (not SQLite, or failing `PRAGMA quick_check`) is renamed
//!   beside itself (`depeche.db.damaged-UNIXTIME`), never deleted, and a fresh
//!   database is started; [`Opened::moved_aside`] says where it went.
//!
//! Nothing here depends on the rest of depeche: callers pass plain values.

mod feeds;
mod reading;
#[doc(hidden)]
pub mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use feeds::{FeedRow, ItemDetail, ItemRow, NewItem, RefreshRecord};
pub use reading::{DocumentKey, PastSearch, Position, SEARCH_HISTORY_SIZE, content_hash};

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = schema::MIGRATIONS.len() as u32;
/// The database's file name in the data directory.
pub const FILE_NAME: &str = "depeche.db";
/// How long a write waits for another process's transaction.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the store cannot be used.
#[derive(Debug)]
pub enum StoreError {
    /// No data directory could be found (no `$HOME`, no `XDG_DATA_HOME`).
    NoDataDir,
    /// The directory or file cannot be created or read.
    Io { path: PathBuf, reason: String },
    /// Written by a newer depeche: left untouched.
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// Any other SQLite error.
    Sqlite { reason: String },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |p: &Path| crate::corpus::sanitize::for_message(&p.display().to_string());
        match self {
            StoreError::NoDataDir => write!(
                f,
                "no data directory: set XDG_DATA_HOME or HOME, or pass --data-dir"
            ),
            StoreError::Io { path, reason } => write!(f, "{}: {reason}", show(path)),
            StoreError::TooNew {
                path,
                found,
                supported,
            } => write!(
                f,
                "{} was written by a newer depeche (schema version {found}; this one knows \
                 up to {supported}); it was left untouched: upgrade depeche, or use \
                 --data-dir or --no-state",
                show(path)
            ),
            StoreError::Sqlite { reason } => write!(
                f,
                "database error: {}",
                crate::corpus::sanitize::for_message(reason)
            ),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::Sqlite {
            reason: error.to_string(),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database of one depeche process.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

/// A store just opened, and whether a damaged file had to be moved aside.
pub struct Opened {
    pub store: Store,
    /// Where the damaged database went, if it was damaged.
    pub moved_aside: Option<PathBuf>,
}

/// The database path: `DIR/depeche.db` for a given directory, else
/// `$XDG_DATA_HOME/depeche/depeche.db` (etcetera's XDG strategy).
pub fn default_path(data_dir: Option<&Path>) -> Result<PathBuf> {
    let dir = match data_dir {
        Some(dir) => dir.to_path_buf(),
        None => {
            use etcetera::BaseStrategy;
            etcetera::choose_base_strategy()
                .map_err(|_| StoreError::NoDataDir)?
                .data_dir()
                .join("depeche")
        }
    };
    Ok(dir.join(FILE_NAME))
}

impl Store {
    /// A store that lives in memory and vanishes with the process (`--no-state`):
    /// every call works, nothing is read from or written to disk.
    pub fn in_memory() -> Store {
        let conn = Connection::open_in_memory().expect("an in-memory SQLite database");
        let mut store = Store { conn, path: None };
        store
            .migrate()
            .expect("migrating an empty in-memory database");
        store
    }

    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Opened> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
                path: dir.to_path_buf(),
                reason: e.to_string(),
            })?;
        }
        let moved_aside = match Self::inspect(path)? {
            Health::Usable => None,
            Health::Damaged => Some(move_aside(path)?),
        };
        let conn = Connection::open(path)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.configure()?;
        store.migrate()?;
        Ok(Opened { store, moved_aside })
    }

    /// Looks at an existing file without writing to it: a newer schema is
    /// refused here, and damage is told apart from a usable database.
    fn inspect(path: &Path) -> Result<Health> {
        let io_error = |e: std::io::Error| StoreError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let metadata = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Health::Usable),
            Err(e) => return Err(io_error(e)),
        };
        if !metadata.is_file() {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                reason: "not a regular file".to_string(),
            });
        }
        if metadata.len() == 0 {
            return Ok(Health::Usable);
        }
        let mut header = [0u8; 16];
        {
            use std::io::Read;
            let mut file = std::fs::File::open(path).map_err(io_error)?;
            let n = file.read(&mut header).map_err(io_error)?;
            if n < 16 || &header != b"SQLite format 3\0" {
                return Ok(Health::Damaged);
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match Connection::open_with_flags(path, flags) {
            Ok(conn) => conn,
            Err(e) if is_damage(&e) => return Ok(Health::Damaged),
            Err(e) => return Err(e.into()),
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let version: u32 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
            Ok(v) => v,
            Err(e) if is_damage(&e) => return Ok(Health::Damaged),
            Err(e) => return Err(e.into()),
        };
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        let check: std::result::Result<String, _> =
            conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0));
        match check {
            Ok(ok) if ok == "ok" => Ok(Health::Usable),
            Ok(_) => Ok(Health::Damaged),
            Err(e) if is_damage(&e) => Ok(Health::Damaged),
            Err(e) => Err(e.into()),
        }
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Sqlite {
                reason: format!("the database cannot use a write-ahead log (journal mode {mode})"),
            });
        }
        // With WAL, NORMAL loses nothing on a crash of the process (kill -9);
        // only a power cut may lose the last transactions, never consistency.
        self.conn
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        Ok(())
    }

    /// Applies the migrations this database has not had, in one transaction
    /// that holds the write lock (another process migrating waits, then
    /// finds nothing to do).
    fn migrate(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone().unwrap_or_default(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        for (index, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as u32 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// `PRAGMA user_version`.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Rows changed by this connection since it opened (for tests and
    /// benchmarks that check how much one operation writes).
    pub fn total_changes(&self) -> u64 {
        self.conn.total_changes()
    }

    /// `PRAGMA integrity_check`: `Ok(())` or the first problems found.
    pub fn integrity_check(&self) -> Result<()> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check(5)", [], |r| r.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::Sqlite { reason: result })
        }
    }

    /// A write transaction that holds the lock from the start.
    fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

enum Health {
    Usable,
    Damaged,
}

fn is_damage(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

/// Renames a damaged database (and its `-wal`/`-shm` companions) beside
/// itself, to a name not yet taken. Nothing is deleted.
fn move_aside(path: &Path) -> Result<PathBuf> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned());
    let mut target = path.with_file_name(format!("{name}.damaged-{stamp}"));
    let mut n = 1;
    while target.exists() {
        target = path.with_file_name(format!("{name}.damaged-{stamp}-{n}"));
        n += 1;
    }
    std::fs::rename(path, &target).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        reason: format!("damaged, and cannot be moved aside: {e}"),
    })?;
    for suffix in ["-wal", "-shm"] {
        let companion = path.with_file_name(format!("{name}{suffix}"));
        if companion.exists() {
            let moved = target.with_file_name(format!(
                "{}{suffix}",
                target.file_name().unwrap_or_default().to_string_lossy()
            ));
            let _ = std::fs::rename(companion, moved);
        }
    }
    Ok(target)
}

/// Now, in Unix seconds.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
