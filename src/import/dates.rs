//! Dates as pages write them, read into format v1's dates (ISO 8601
//! `2025-12-31` or RFC 3339 `2026-01-03T18:00:23+00:00`), and the times
//! that post ids encode.
//!
//! A date is only produced when the day, month and year are all there and
//! unambiguous; a time only with its offset (a wall-clock time with no
//! zone says nothing exact, so only its day is kept). Anything else gives
//! `None`, and the caller keeps the text as written: a date is never
//! invented.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

/// Month names and abbreviations in French, English, German, Spanish,
/// Italian, Portuguese and Dutch, lower case (accented and plain forms).
const MONTHS: &[(&str, u32)] = &[
    // French
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("fév", 2),
    ("fev", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    // English
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("jaenner", 1),
    ("jän", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mrz", 3),
    ("mär", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // Spanish
    ("enero", 1),
    ("ene", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("abr", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("ago", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("set", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("dic", 12),
    // Italian
    ("gennaio", 1),
    ("gen", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("mag", 5),
    ("giugno", 6),
    ("giu", 6),
    ("luglio", 7),
    ("lug", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("ott", 10),
    ("dicembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("out", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
];

/// Words that mean "afternoon" after a 12-hour time.
const PM: &[&str] = &["pm", "p.m", "p.m."];
const AM: &[&str] = &["am", "a.m", "a.m."];

fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, m)| m)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(String),
    Word(String),
    /// A time `hh:mm[:ss]` or `18h00`.
    Time(u32, u32, u32),
    /// `+01:00`, `-0500`, `Z`, `UTC`, `GMT`.
    Offset(i32),
    Sep(char),
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = text.chars().take(200).collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            // hh:mm[:ss] or hh h mm / hhhmm
            let sep = chars.get(i).copied();
            if digits.len() <= 2
                && matches!(sep, Some(':') | Some('h') | Some('H'))
                && chars
                    .get(i + 1)
                    .is_some_and(|c| c.is_ascii_digit() || *c == ' ')
            {
                let mut j = i + 1;
                while j < chars.len() && chars[j] == ' ' {
                    j += 1;
                }
                let m_start = j;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                if j - m_start == 2 {
                    let minutes: u32 = chars[m_start..j]
                        .iter()
                        .collect::<String>()
                        .parse()
                        .unwrap_or(99);
                    let mut seconds = 0;
                    let mut k = j;
                    if chars.get(k) == Some(&':')
                        && chars.get(k + 1).is_some_and(char::is_ascii_digit)
                        && chars.get(k + 2).is_some_and(char::is_ascii_digit)
                    {
                        seconds = chars[k + 1..k + 3]
                            .iter()
                            .collect::<String>()
                            .parse()
                            .unwrap_or(99);
                        k += 3;
                        // fractional seconds
                        if chars.get(k) == Some(&'.') {
                            k += 1;
                            while k < chars.len() && chars[k].is_ascii_digit() {
                                k += 1;
                            }
                        }
                    }
                    let hours: u32 = digits.parse().unwrap_or(99);
                    tokens.push(Token::Time(hours, minutes, seconds));
                    i = k;
                    continue;
                }
            }
            tokens.push(Token::Number(digits));
            continue;
        }
        if (c == '+' || c == '−' || c == '-')
            && tokens.last().is_some_and(|t| matches!(t, Token::Time(..)))
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == ':') {
                j += 1;
            }
            let digits: String = chars[start..j].iter().filter(|c| **c != ':').collect();
            let (h, m) = match digits.len() {
                1 | 2 => (digits.parse::<i32>().unwrap_or(99), 0),
                4 => (
                    digits[..2].parse::<i32>().unwrap_or(99),
                    digits[2..].parse::<i32>().unwrap_or(99),
                ),
                _ => (99, 0),
            };
            if h < 24 && m < 60 {
                let sign = if c == '+' { 1 } else { -1 };
                tokens.push(Token::Offset(sign * (h * 3600 + m * 60)));
            }
            i = j;
            continue;
        }
        if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphabetic() || chars[i] == '.') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let lower = word.to_lowercase();
            let bare = lower.trim_end_matches('.');
            match bare {
                "z" | "utc" | "gmt" => tokens.push(Token::Offset(0)),
                _ => tokens.push(Token::Word(lower)),
            }
            continue;
        }
        if matches!(c, '/' | '-' | '.' | ',') {
            tokens.push(Token::Sep(c));
        }
        i += 1;
    }
    tokens
}

/// Whether day-first numeric dates are the language's habit (`03/01/2026` is 3 January).
fn day_first(language: Option<&str>) -> Option<bool> {
    let lang = language?.to_ascii_lowercase();
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    match primary {
        "en" if lang == "en-us" || lang == "en_us" => Some(false),
        "en" => None,
        "" => None,
        _ => Some(true),
    }
}

/// Reads a date written by people or machines: `2026-01-03T18:00:23Z`,
/// `3 janvier 2026 à 18:00`, `1 janv. 2026`, `December 31, 2025`,
/// `31. Dezember 2025`, `31 de diciembre de 2025`, `Jan 1, 2026, 6:30 PM UTC`,
/// `03/01/2026` (when the language says which comes first). `language` is a
/// BCP 47 tag or `None`.
pub fn parse(text: &str, language: Option<&str>) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(iso) = parse_iso(text) {
        return Some(iso);
    }
    let tokens = tokenize(text);
    let (date, rest) = find_date(&tokens, language)?;
    let (time, offset) = find_time(rest);
    match (time, offset) {
        (Some(time), Some(offset)) => {
            let offset = FixedOffset::east_opt(offset)?;
            let dt = offset.from_local_datetime(&date.and_time(time)).single()?;
            Some(dt.to_rfc3339())
        }
        _ => Some(date.format("%Y-%m-%d").to_string()),
    }
}

/// ISO 8601 / RFC 3339 forms machines write (`datetime`, JSON-LD, meta tags).
fn parse_iso(text: &str) -> Option<String> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.to_rfc3339());
    }
    // RFC 2822 (feeds, some meta tags): "Tue, 06 Jan 2026 10:00:00 +0100".
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Some(dt.to_rfc3339());
    }
    let b = text.as_bytes();
    if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b[..10]
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        let date = NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d").ok()?;
        let rest = &text[10..];
        if rest.is_empty() {
            return Some(date.format("%Y-%m-%d").to_string());
        }
        // 2026-01-06T10:00:00+0100, 2026-01-06 10:00:00Z, 2026-01-06T10:00 (no zone: the day only)
        let rest = rest.trim_start_matches(['T', 't', ' ']);
        for format in [
            "%H:%M:%S%.f%z",
            "%H:%M:%S%z",
            "%H:%M%z",
            "%H:%M:%S%.f%:z",
            "%H:%M%:z",
        ] {
            if let Ok(dt) = DateTime::parse_from_str(
                &format!("{} {}", date.format("%Y-%m-%d"), rest.replace('Z', "+0000")),
                &format!("%Y-%m-%d {format}"),
            ) {
                return Some(dt.to_rfc3339());
            }
        }
        let tokens = tokenize(rest);
        if let (Some(time), Some(offset)) = find_time(&tokens) {
            let offset = FixedOffset::east_opt(offset)?;
            let dt = offset.from_local_datetime(&date.and_time(time)).single()?;
            return Some(dt.to_rfc3339());
        }
        if rest.is_empty() || tokens.iter().any(|t| matches!(t, Token::Time(..))) || rest.len() < 20
        {
            return Some(date.format("%Y-%m-%d").to_string());
        }
        return None;
    }
    None
}

fn year(digits: &str) -> Option<i32> {
    (digits.len() == 4)
        .then(|| digits.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
}

fn day(digits: &str) -> Option<u32> {
    (digits.len() <= 2)
        .then(|| digits.parse::<u32>().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// Ordinal suffixes after a day number: `1er`, `1st`, `2nd`, `3rd`, `4th`, `1º`.
fn is_ordinal(word: &str) -> bool {
    matches!(
        word,
        "er" | "re" | "st" | "nd" | "rd" | "th" | "º" | "ª" | "o"
    )
}

/// The first day-month-year in the tokens, and what follows it.
fn find_date<'a>(tokens: &'a [Token], language: Option<&str>) -> Option<(NaiveDate, &'a [Token])> {
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Word(word) => {
                let Some(m) = month(word) else { continue };
                // day month year: look back for the day.
                let before = tokens[..i].iter().rev().find(|t| match t {
                    Token::Sep(_) => false,
                    Token::Word(w) => !(is_ordinal(w) || w == "de" || w == "del"),
                    _ => true,
                });
                // month day, year: the next number.
                let mut after = tokens[i + 1..].iter().enumerate().filter(|(_, t)| match t {
                    Token::Sep(_) => false,
                    Token::Word(w) => !(is_ordinal(w) || w == "de" || w == "del"),
                    _ => true,
                });
                let first_after = after.next();
                let second_after = after.next();
                if let Some(Token::Number(d)) = before
                    && let Some(d) = day(d)
                    && let Some((j, Token::Number(y))) = first_after
                    && let Some(y) = year(y)
                {
                    let date = NaiveDate::from_ymd_opt(y, m, d)?;
                    return Some((date, &tokens[i + 1 + j + 1..]));
                }
                if let Some((_, Token::Number(d))) = first_after
                    && let Some(d) = day(d)
                    && let Some((j, Token::Number(y))) = second_after
                    && let Some(y) = year(y)
                {
                    let date = NaiveDate::from_ymd_opt(y, m, d)?;
                    return Some((date, &tokens[i + 1 + j + 1..]));
                }
            }
            Token::Number(a) => {
                // Numeric: yyyy/mm/dd, dd/mm/yyyy, mm/dd/yyyy, dd.mm.yyyy
                let (
                    Some(Token::Sep(s1)),
                    Some(Token::Number(b)),
                    Some(Token::Sep(s2)),
                    Some(Token::Number(c)),
                ) = (
                    tokens.get(i + 1),
                    tokens.get(i + 2),
                    tokens.get(i + 3),
                    tokens.get(i + 4),
                )
                else {
                    continue;
                };
                if s1 != s2 || *s1 == ',' {
                    continue;
                }
                let rest = &tokens[i + 5..];
                if let Some(y) = year(a) {
                    let (m, d) = (b.parse().ok()?, c.parse().ok()?);
                    if b.len() <= 2 && c.len() <= 2 {
                        return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, rest));
                    }
                    continue;
                }
                let Some(y) = year(c) else { continue };
                let (x, z): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
                if a.len() > 2 || b.len() > 2 {
                    continue;
                }
                let (d, m) = if x > 12 && z <= 12 {
                    (x, z)
                } else if z > 12 && x <= 12 {
                    (z, x)
                } else if x == z {
                    (x, z)
                } else if *s1 == '.' {
                    // 03.01.2026 is day-first wherever it is written.
                    (x, z)
                } else {
                    match day_first(language) {
                        Some(true) => (x, z),
                        Some(false) => (z, x),
                        None => return None,
                    }
                };
                return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, rest));
            }
            _ => {}
        }
    }
    None
}

/// The first time after the date, with its offset if written.
fn find_time(tokens: &[Token]) -> (Option<NaiveTime>, Option<i32>) {
    let Some(at) = tokens.iter().position(|t| matches!(t, Token::Time(..))) else {
        return (None, None);
    };
    let Token::Time(mut h, m, s) = tokens[at] else {
        return (None, None);
    };
    let mut offset = None;
    for token in &tokens[at + 1..] {
        match token {
            Token::Word(w) if PM.contains(&w.as_str()) => {
                if h == 0 || h > 12 {
                    return (None, None);
                }
                if h < 12 {
                    h += 12;
                }
            }
            Token::Word(w) if AM.contains(&w.as_str()) => {
                if h == 0 || h > 12 {
                    return (None, None);
                }
                if h == 12 {
                    h = 0;
                }
            }
            Token::Offset(o) => {
                offset = Some(*o);
                break;
            }
            Token::Word(_) | Token::Sep(_) => {}
            _ => break,
        }
    }
    (NaiveTime::from_hms_opt(h, m, s), offset)
}

/// RFC 3339 in UTC with `+00:00`, as format v1 writes it.
fn utc(ms: i64) -> Option<String> {
    let dt = Utc.timestamp_millis_opt(ms).single()?;
    // Post ids are from the platforms' lifetimes, not the far past or future.
    if !(2006..=2200).contains(&dt.year()) {
        return None;
    }
    Some(dt.format("%Y-%m-%dT%H:%M:%S+00:00").to_string())
}

/// The time an X (Twitter) status id encodes: milliseconds = (id >> 22) + 1288834974657.
pub fn snowflake_time(id: &str) -> Option<String> {
    let id: u64 = id.parse().ok()?;
    // Ids before snowflakes (November 2010) are plain counters.
    if id < (1 << 32) {
        return None;
    }
    utc(((id >> 22) + 1_288_834_974_657) as i64)
}

/// The time a Bluesky record key encodes: a TID is 13 characters of
/// base32-sortable (`234567abcdefghijklmnopqrstuvwxyz`), 53 bits of
/// microseconds since 1970 then 10 bits of clock id.
pub fn tid_time(rkey: &str) -> Option<String> {
    const ALPHABET: &[u8] = b"234567abcdefghijklmnopqrstuvwxyz";
    if rkey.len() != 13 {
        return None;
    }
    let mut value: u64 = 0;
    for b in rkey.bytes() {
        let digit = ALPHABET.iter().position(|&a| a == b)? as u64;
        value = (value << 5) | digit;
    }
    // 13 × 5 = 65 bits: the first character carries only the top bits, which must be 0.
    if value >> 63 != 0 {
        return None;
    }
    let micros = value >> 10;
    utc((micros / 1000) as i64)
}

/// The time a Mastodon status id encodes (since Mastodon 2.0): milliseconds = id >> 16.
pub fn mastodon_time(id: &str) -> Option<String> {
    let id: u64 = id.parse().ok()?;
    if id < (1 << 40) {
        return None;
    }
    utc((id >> 16) as i64)
}

/// The time a TikTok video id encodes: seconds = id >> 32.
pub fn tiktok_time(id: &str) -> Option<String> {
    let id: u64 = id.parse().ok()?;
    utc(((id >> 32) as i64).checked_mul(1000)?)
}

/// A post's date: the embed's own, refined by the exact time the id
/// encodes when they agree on the day (± 1 day: the embed shows its
/// reader's time zone). With no readable date in the embed, the id's time.
pub fn refine(shown: Option<&str>, encoded: Option<String>) -> Option<String> {
    let Some(encoded) = encoded else {
        return shown.map(str::to_string);
    };
    let Some(shown) = shown else {
        return Some(encoded);
    };
    if shown.len() > 10 {
        // The embed already has a full date-time.
        return Some(shown.to_string());
    }
    let shown_day = NaiveDate::parse_from_str(shown, "%Y-%m-%d").ok()?;
    let encoded_day = NaiveDate::parse_from_str(&encoded[..10], "%Y-%m-%d").ok()?;
    if (shown_day - encoded_day).num_days().abs() <= 1 {
        Some(encoded)
    } else {
        Some(shown.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<String> {
        parse(text, None)
    }

    #[test]
    fn machine_dates() {
        assert_eq!(
            p("2026-01-03T18:00:23Z").as_deref(),
            Some("2026-01-03T18:00:23+00:00")
        );
        assert_eq!(
            p("2026-01-03T18:00:23.123+01:00").as_deref(),
            Some("2026-01-03T18:00:23.123+01:00")
        );
        assert_eq!(p("2026-01-06").as_deref(), Some("2026-01-06"));
        assert_eq!(
            p("2026-01-06T10:00:00+0100").as_deref(),
            Some("2026-01-06T10:00:00+01:00")
        );
        assert_eq!(p("2026-01-06 10:00:00").as_deref(), Some("2026-01-06"));
        assert_eq!(p("2026-01-06T10:00").as_deref(), Some("2026-01-06"));
        assert_eq!(
            p("Tue, 06 Jan 2026 10:00:00 +0100").as_deref(),
            Some("2026-01-06T10:00:00+01:00")
        );
        assert_eq!(p("2026-02-30"), None);
        // Found by fuzzing: a multi-byte character where the day should be.
        assert_eq!(p("2025-06-1˫").as_deref(), Some("2025-06-01"));
        assert_eq!(p("2025-0é-12"), None);
    }

    #[test]
    fn french() {
        assert_eq!(p("3 janvier 2026 à 18:00").as_deref(), Some("2026-01-03"));
        assert_eq!(p("1 janv. 2026").as_deref(), Some("2026-01-01"));
        assert_eq!(p("1er janvier 2026").as_deref(), Some("2026-01-01"));
        assert_eq!(p("mardi 6 janvier 2026").as_deref(), Some("2026-01-06"));
        assert_eq!(
            p("Publié le 31 décembre 2025 à 18h05").as_deref(),
            Some("2025-12-31")
        );
        assert_eq!(
            p("3 janvier 2026 à 18:00 UTC").as_deref(),
            Some("2026-01-03T18:00:00+00:00")
        );
        assert_eq!(p("12 févr. 2026").as_deref(), Some("2026-02-12"));
        assert_eq!(p("15 août 2025").as_deref(), Some("2025-08-15"));
    }

    #[test]
    fn english() {
        assert_eq!(p("December 31, 2025").as_deref(), Some("2025-12-31"));
        assert_eq!(p("Dec 31, 2025").as_deref(), Some("2025-12-31"));
        assert_eq!(p("Jan. 1st, 2026").as_deref(), Some("2026-01-01"));
        assert_eq!(p("31 December 2025").as_deref(), Some("2025-12-31"));
        assert_eq!(
            p("January 3, 2026 at 6:00 PM UTC").as_deref(),
            Some("2026-01-03T18:00:00+00:00")
        );
        assert_eq!(
            p("Jan 3, 2026, 12:30 am GMT").as_deref(),
            Some("2026-01-03T00:30:00+00:00")
        );
        assert_eq!(
            p("Updated 9:05 AM EST, Sat January 3, 2026").as_deref(),
            Some("2026-01-03")
        );
    }

    #[test]
    fn german_spanish_italian() {
        assert_eq!(p("31. Dezember 2025").as_deref(), Some("2025-12-31"));
        assert_eq!(p("3. März 2026, 18:00 Uhr").as_deref(), Some("2026-03-03"));
        assert_eq!(p("31 de diciembre de 2025").as_deref(), Some("2025-12-31"));
        assert_eq!(p("1 ene. 2026").as_deref(), Some("2026-01-01"));
        assert_eq!(p("31 dicembre 2025").as_deref(), Some("2025-12-31"));
        assert_eq!(p("1 gen 2026").as_deref(), Some("2026-01-01"));
        assert_eq!(p("3 de janeiro de 2026").as_deref(), Some("2026-01-03"));
    }

    #[test]
    fn numeric_dates_need_an_unambiguous_order() {
        assert_eq!(p("2026/01/03").as_deref(), Some("2026-01-03"));
        assert_eq!(p("31/12/2025").as_deref(), Some("2025-12-31"));
        assert_eq!(p("12/31/2025").as_deref(), Some("2025-12-31"));
        assert_eq!(p("03.01.2026").as_deref(), Some("2026-01-03"));
        assert_eq!(p("03/01/2026"), None);
        assert_eq!(
            parse("03/01/2026", Some("fr")).as_deref(),
            Some("2026-01-03")
        );
        assert_eq!(
            parse("03/01/2026", Some("en-US")).as_deref(),
            Some("2026-03-01")
        );
    }

    #[test]
    fn unreadable_dates_are_not_invented() {
        for text in [
            "il y a 3 heures",
            "yesterday",
            "January 2026",
            "31 December",
            "",
            "32 janvier 2026",
            "Mon 12:00",
        ] {
            assert_eq!(p(text), None, "{text:?}");
        }
    }

    #[test]
    fn times_encoded_in_ids() {
        // 1288834974657 ms is the snowflake epoch; id 0 << 22 is it.
        assert_eq!(
            snowflake_time(&(1u64 << 40).to_string()).as_deref(),
            Some("2010-11-04T01:47:16+00:00")
        );
        assert_eq!(
            snowflake_time("2006403467581018386").as_deref(),
            Some("2025-12-31T16:33:58+00:00")
        );
        assert_eq!(snowflake_time("12345"), None);
        assert_eq!(snowflake_time("x"), None);
        // A TID for 2026-01-03T18:00:23Z (see tests/fixtures/pages).
        assert_eq!(
            tid_time("3mbjygtflnt2b").as_deref().map(|t| &t[..19]),
            Some("2026-01-03T18:00:23")
        );
        assert_eq!(tid_time("zzzzzzzzzzzzz"), None);
        assert_eq!(tid_time("short"), None);
        assert_eq!(
            mastodon_time("113000000000000000").as_deref(),
            Some("2024-08-21T12:26:04+00:00")
        );
    }

    #[test]
    fn encoded_times_refine_shown_days() {
        let t = Some("2025-12-31T16:39:24+00:00".to_string());
        assert_eq!(
            refine(Some("2025-12-31"), t.clone()).as_deref(),
            Some("2025-12-31T16:39:24+00:00")
        );
        assert_eq!(
            refine(Some("2026-01-01"), t.clone()).as_deref(),
            Some("2025-12-31T16:39:24+00:00")
        );
        assert_eq!(
            refine(Some("2025-06-01"), t.clone()).as_deref(),
            Some("2025-06-01")
        );
        assert_eq!(
            refine(None, t).as_deref(),
            Some("2025-12-31T16:39:24+00:00")
        );
        assert_eq!(
            refine(Some("2025-12-31"), None).as_deref(),
            Some("2025-12-31")
        );
    }
}
