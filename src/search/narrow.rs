//! Narrowing: a plain query typed one key at a time re-checks only the
//! places the previous query was found, instead of scanning the article.

use memchr::memmem;

use super::index::{Hint, Mapper, SearchIndex, Variant};
use super::query::{Query, QueryKind, SearchMode};
use crate::corpus::model::TextSpan as Match;

impl SearchIndex {
    /// [`SearchIndex::find_into`] for a query typed one key at a time: when
    /// `query` is plain and its folded needle extends the one `narrowing`
    /// holds (same case sensitivity), only the places that needle was found
    /// are checked again, instead of scanning the whole folded text. Any
    /// other query scans it (and, when plain, fills `narrowing` for the
    /// next key). Same matches as `find_into`; `narrowing` must only ever be
    /// used with this index ([`Narrowing::clear`] it for another one).
    pub fn find_narrowing(&self, query: &Query, narrowing: &mut Narrowing, out: &mut Vec<Match>) {
        let QueryKind::Plain {
            needle,
            case_sensitive,
        } = &query.kind
        else {
            narrowing.clear();
            return self.find_into(query, out);
        };
        out.clear();
        let (variant, hay) = if *case_sensitive {
            (Variant::Preserved, self.preserved.as_bytes())
        } else {
            (Variant::Folded, self.folded.as_bytes())
        };
        let narrows = narrowing.extends(query);
        let needle = needle.as_bytes();
        let n = narrowing;
        if narrows {
            // Keep the places the longer needle still matches, with their
            // hints, reading the text only past the bytes kept with them.
            let (head, rest) = needle.split_at(needle.len().min(AHEAD));
            let (want, mask) = (pack_ahead(head), ahead_mask(head.len()));
            let mut kept = 0;
            for i in 0..n.starts.len() {
                let at = n.starts[i] as usize;
                if n.ahead[i] & mask == want
                    && at + needle.len() <= hay.len()
                    && (rest.is_empty() || hay[at + AHEAD..].starts_with(rest))
                {
                    n.starts[kept] = n.starts[i];
                    n.ahead[kept] = n.ahead[i];
                    n.hints[kept] = n.hints[i];
                    kept += 1;
                }
            }
            n.starts.truncate(kept);
            n.ahead.truncate(kept);
            n.hints.truncate(kept);
        } else {
            n.starts.clear();
            if has_border(needle) {
                // Every start, overlapping ones too: a longer needle may only
                // match where this one overlapped itself ("aa" in "aaab").
                let finder = memmem::Finder::new(needle);
                let mut from = 0;
                while let Some(i) = finder.find(&hay[from..]) {
                    n.starts.push((from + i) as u32);
                    from += i + 1;
                }
            } else {
                // It cannot overlap itself: the plain scan finds every start.
                n.starts
                    .extend(memmem::find_iter(hay, needle).map(|at| at as u32));
            }
            n.ahead.clear();
            n.ahead.extend(n.starts.iter().map(|&at| {
                let at = at as usize;
                pack_ahead(&hay[at..hay.len().min(at + AHEAD)])
            }));
            n.hints.clear();
            n.hints.resize(n.starts.len(), Hint::NONE);
        }
        n.needle.clear();
        n.needle.extend_from_slice(needle);
        n.case_sensitive = *case_sensitive;
        n.valid = true;
        // Leftmost non-overlapping, as `memmem::find_iter` reports them.
        let mut mapper = Mapper::new(self, variant, out);
        let mut end = 0;
        for (i, &at) in n.starts.iter().enumerate() {
            let at = at as usize;
            if at < end {
                continue;
            }
            end = at + needle.len();
            n.hints[i] = mapper.push_hinted(at, end, n.hints[i]);
        }
    }
}

/// What [`SearchIndex::find_narrowing`] keeps between keystrokes: the last
/// plain needle and every place (folded offset) it was found, overlapping.
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    needle: Vec<u8>,
    case_sensitive: bool,
    starts: Vec<u32>,
    /// For each start, the folded bytes there (up to [`AHEAD`]), so that
    /// narrowing reads these in order rather than the text at random.
    ahead: Vec<u128>,
    /// For each start, what the last mapping found there (so the next one
    /// mostly maps it without looking anything up).
    hints: Vec<Hint>,
    valid: bool,
}

/// Folded bytes kept with each start of a [`Narrowing`].
const AHEAD: usize = 16;

/// Up to [`AHEAD`] bytes as one number (little-endian, zero-padded).
fn pack_ahead(bytes: &[u8]) -> u128 {
    let mut word = [0u8; AHEAD];
    let n = bytes.len().min(AHEAD);
    word[..n].copy_from_slice(&bytes[..n]);
    u128::from_le_bytes(word)
}

/// The bits of the first `len` bytes of a packed number.
fn ahead_mask(len: usize) -> u128 {
    if len >= AHEAD {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
    }
}

/// Whether `needle` has a proper prefix that is also a suffix (so it can
/// overlap itself in a text).
fn has_border(needle: &[u8]) -> bool {
    (1..needle.len()).any(|k| needle[..k] == needle[needle.len() - k..])
}

impl Narrowing {
    /// Whether `query` only narrows the places kept (a plain query that
    /// extends the last needle, same case sensitivity), so that
    /// [`SearchIndex::find_narrowing`] does not scan the whole text.
    pub fn extends(&self, query: &Query) -> bool {
        match &query.kind {
            QueryKind::Plain {
                needle,
                case_sensitive,
            } => {
                self.valid
                    && self.case_sensitive == *case_sensitive
                    && needle.as_bytes().starts_with(&self.needle)
            }
            _ => false,
        }
    }

    /// Forgets the last needle: the next search scans the whole text.
    pub fn clear(&mut self) {
        self.valid = false;
        self.needle.clear();
        self.starts.clear();
        self.ahead.clear();
        self.hints.clear();
    }
}

/// What a scan of a whole index found (run by a worker for a large
/// article): the matches, and the places that narrow the next key.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub matches: Vec<Match>,
    /// The places of a plain query, for the keys that extend it.
    pub narrowing: Narrowing,
}

impl Scan {
    /// Runs `query` over the whole of `index` (the worker's part).
    pub fn run(index: &SearchIndex, query: &str, mode: SearchMode) -> Scan {
        let mut scan = Scan::default();
        if let Ok(query) = Query::new(query, mode) {
            index.find_narrowing(&query, &mut scan.narrowing, &mut scan.matches);
        }
        scan
    }
}
