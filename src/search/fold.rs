//! Folding: turning text into the form search compares, so that what a
//! reader does not care about (accents, ligatures, quote and dash styles,
//! no-break spaces, and case unless asked) does not stop a match.
//!
//! Folding works one original character at a time: each character becomes
//! zero or more folded characters. That is what lets the index map a folded
//! offset back to the original character it came from.

use unicode_normalization::char::{decompose_canonical, decompose_compatible};

/// Whether `c` is a combining diacritic that folding drops (accents, cedillas,
/// the dot of `İ`...). Only the generic diacritic blocks: vowel signs of
/// Indic scripts or Japanese (han)dakuten are part of the letter, not accents.
fn is_dropped_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Cyrillic letters whose mark makes another letter (й is not и, ї is not і),
/// unlike ё, which Russian readers write as е.
fn is_cyrillic_letter_with_mark(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}') && !matches!(c, 'ё' | 'Ё')
}

/// Characters folded by table rather than by decomposition: quotes, dashes,
/// spaces, invisible characters, and letters Unicode does not decompose.
/// Returns `(case-preserved, case-folded)`.
fn table(c: char) -> Option<(&'static str, &'static str)> {
    let both = |s: &'static str| Some((s, s));
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2039}'
        | '\u{203A}' | '\u{FF07}' => both("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{FF02}' => both("\""),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => both("-"),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => both(" "),
        // Soft hyphen and zero-width spaces: invisible, so they must not break a word.
        '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => both(""),
        'œ' => both("oe"),
        'Œ' => Some(("OE", "oe")),
        'æ' => both("ae"),
        'Æ' => Some(("AE", "ae")),
        'ß' => both("ss"),
        'ẞ' => Some(("SS", "ss")),
        _ => None,
    }
}

/// Appends the folded form of `c` to `out`; `case_fold` also folds case.
pub(crate) fn fold_char(c: char, case_fold: bool, out: &mut String) {
    if c.is_ascii() {
        out.push(if case_fold { c.to_ascii_lowercase() } else { c });
        return;
    }
    if let Some((preserved, folded)) = table(c) {
        out.push_str(if case_fold { folded } else { preserved });
        return;
    }
    if is_cyrillic_letter_with_mark(c) {
        push_case(c, case_fold, out);
        return;
    }
    let start = out.len();
    let mut dropped = false;
    decompose_compatible(c, |d| {
        if is_dropped_mark(d) {
            dropped = true;
        } else {
            push_case(d, case_fold, out);
        }
    });
    if !dropped && !is_compatibility_decomposition(c) {
        // A canonical decomposition with nothing dropped (Hangul syllables,
        // kana with dakuten) is the same letter: keep it whole.
        out.truncate(start);
        push_case(c, case_fold, out);
    }
}

fn push_case(c: char, case_fold: bool, out: &mut String) {
    if !case_fold {
        out.push(c);
    } else if c == 'ς' {
        // Final sigma is a position-dependent form of σ.
        out.push('σ');
    } else if let Some((_, folded)) = table(c) {
        out.push_str(folded);
    } else {
        out.extend(c.to_lowercase().filter(|&l| !is_dropped_mark(l)));
    }
}

/// Whether `c`'s compatibility decomposition (ligatures, full-width forms,
/// fractions...) differs from its canonical one.
fn is_compatibility_decomposition(c: char) -> bool {
    let mut canonical = [None; 4];
    let mut n = 0;
    let mut longer = false;
    decompose_canonical(c, |d| {
        if n < canonical.len() {
            canonical[n] = Some(d);
            n += 1;
        } else {
            longer = true;
        }
    });
    let mut i = 0;
    let mut differs = longer;
    decompose_compatible(c, |d| {
        if canonical.get(i).copied().flatten() != Some(d) {
            differs = true;
        }
        i += 1;
    });
    differs || i != n
}

/// The folded form of a whole string (what a query is compared as).
pub fn fold_str(s: &str, case_fold: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, case_fold, &mut out);
    }
    out
}

/// Smart-case: a query with an upper-case letter is matched case-sensitively.
pub fn wants_case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Smart-case for a regular expression: only upper-case letters that are
/// literal count, not those of escapes such as `\W`, `\S` or `\p{Lu}`.
pub fn regex_wants_case_sensitive(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some('p' | 'P' | 'x' | 'u' | 'U') = chars.next() {
                // `\p{Lu}`, `\x{e9}`: skip the braced name or code.
                let rest = chars.as_str();
                if rest.starts_with('{') {
                    let close = rest.find('}').map_or(rest.len(), |i| i + 1);
                    chars = rest[close..].chars();
                } else {
                    chars.next();
                }
            }
        } else if c.is_uppercase() {
            return true;
        }
    }
    false
}

/// Folds a regular expression's literal characters the way the text is
/// folded (case kept: case is the regex's `(?i)` flag). A character whose
/// fold is not itself is replaced by its escaped fold, so `…` stays literal.
pub fn fold_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut folded = String::new();
    let mut escaped = false;
    for c in pattern.chars() {
        folded.clear();
        fold_char(c, false, &mut folded);
        if escaped || c.is_ascii() || folded.len() == c.len_utf8() && folded.starts_with(c) {
            out.push(c);
        } else {
            out.push_str(&regex::escape(&folded));
        }
        escaped = c == '\\' && !escaped;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        fold_str(s, true)
    }

    #[test]
    fn accents_are_dropped() {
        assert_eq!(f("Sécurité"), "securite");
        assert_eq!(f("évènement"), "evenement");
        assert_eq!(f("Ça, Noël, où"), "ca, noel, ou");
        assert_eq!(fold_str("Sécurité", false), "Securite");
    }

    #[test]
    fn decomposed_accents_are_dropped_too() {
        assert_eq!(f("se\u{301}curite\u{301}"), "securite");
    }

    #[test]
    fn ligatures_expand() {
        assert_eq!(f("cœur"), "coeur");
        assert_eq!(fold_str("Œuvre", false), "OEuvre");
        assert_eq!(f("Æsir"), "aesir");
        assert_eq!(f("ﬁn ﬂeur ﬀ ﬃ"), "fin fleur ff ffi");
        assert_eq!(f("Straße ẞ"), "strasse ss");
    }

    #[test]
    fn quotes_dashes_and_spaces_are_one() {
        assert_eq!(f("l’État l‘a l‛a lʼa"), "l'etat l'a l'a l'a");
        assert_eq!(
            f("“a” „b“ «\u{a0}c\u{a0}» \"d\""),
            "\"a\" \"b\" \" c \" \"d\""
        );
        assert_eq!(f("a‐b‑c‒d–e—f−g"), "a-b-c-d-e-f-g");
        assert_eq!(f("1\u{202f}000\u{2009}€\u{a0}!"), "1 000 € !");
        assert_eq!(f("sé\u{ad}cu\u{200b}rité"), "securite");
    }

    #[test]
    fn other_scripts_fold_case() {
        assert_eq!(f("ЗЕЛЕНСЬКИЙ"), "зеленський");
        assert_eq!(f("Ёлка ЇЖАК"), "елка їжак");
        assert_eq!(f("ΟΔΥΣΣΕΎΣ"), "οδυσσευσ");
        assert_eq!(f("οδυσσεύς"), "οδυσσευσ");
        assert_eq!(f("İstanbul"), "istanbul");
        assert_eq!(fold_str("İstanbul", false), "Istanbul");
    }

    #[test]
    fn letters_that_are_not_accented_stay() {
        assert_eq!(f("中文 한국어 がぎ 🔴"), "中文 한국어 がぎ 🔴");
        assert_eq!(f("हिंदी"), "हिंदी");
    }

    #[test]
    fn smart_case_detection() {
        assert!(!wants_case_sensitive("sécurité"));
        assert!(wants_case_sensitive("Witkoff"));
        assert!(wants_case_sensitive("ЗЕЛ"));
        assert!(!wants_case_sensitive("中文 123"));
        assert!(!regex_wants_case_sensitive(r"\w+\S\p{Lu}\x{C9}\W"));
        assert!(regex_wants_case_sensitive(r"\bMacron"));
    }

    #[test]
    fn patterns_fold_their_literals_only() {
        assert_eq!(fold_pattern("sécurité|cœur"), "securite|coeur");
        assert_eq!(fold_pattern("a…"), r"a\.\.\.");
        assert_eq!(fold_pattern("[a–z]"), r"[a\-z]");
        assert_eq!(fold_pattern(r"\d+\.\w"), r"\d+\.\w");
    }
}
