//! `depeche --search` output, through `grep::run`, on a corpus built as model values.

use depeche::cli::search as grep;
use depeche::corpus::model::{
    Article, ArticleParts, Block, Corpus, Paragraph, Platform, Post, Section,
};

fn corpus() -> Corpus {
    let para = |text: &str| {
        Block::Paragraph(Paragraph {
            text: text.into(),
            cites: vec![],
            kind: Default::default(),
        })
    };
    let post = Block::Post(Post {
        id: "p1".into(),
        platform: Platform::X,
        author: Some("L'Echiquier social".into()),
        handle: Some("EchiquierSocial".into()),
        date: Some("2025-12-31".into()),
        text: Some("🔴 Voeux aux Français\nnos forces de sécurité. L'Europe".into()),
        title: None,
        truncated: false,
        url: None,
        links: vec![],
        cites: vec![],
    });
    let article = Article::new(ArticleParts {
        id: "coalition".into(),
        title: "Guerre en Ukraine : réunion à Paris".into(),
        language: None,
        notice: Some("Cet évènement est passé.".into()),
        date: None,
        sections: vec![
            Section {
                id: "lead".into(),
                heading: None,
                blocks: vec![para("Garanties de sécurité pour l’Ukraine."), post],
            },
            Section {
                id: "s1".into(),
                heading: Some("Au cœur du sommet".into()),
                blocks: vec![para(&format!(
                    "{} puis la SÉCURITÉ {}",
                    "début ".repeat(20),
                    "fin ".repeat(20)
                ))],
            },
        ],
        sources: vec![],
    });
    let other = Article::new(ArticleParts {
        id: "autre".into(),
        title: "Sécurité européenne".into(),
        language: None,
        notice: None,
        date: None,
        sections: vec![],
        sources: vec![],
    });
    Corpus {
        articles: vec![article, other],
    }
}

fn run(query: &str, regex: bool, color: bool) -> (Result<usize, String>, String) {
    let mut out = Vec::new();
    let result = grep::run(&corpus(), query, regex, color, &mut out).unwrap();
    (result, String::from_utf8(out).unwrap())
}

#[test]
fn plain_output_marks_matches_with_brackets() {
    let (count, out) = run("securite", false, false);
    assert_eq!(count, Ok(4));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "coalition › lead › Garanties de [sécurité] pour l’Ukraine."
    );
    assert_eq!(
        lines[1],
        "coalition › lead › @EchiquierSocial › nos forces de [sécurité]. L'Europe"
    );
    assert!(
        lines[2].starts_with("coalition › Au cœur du sommet › …"),
        "{}",
        lines[2]
    );
    assert!(lines[2].contains(" puis la [SÉCURITÉ] fin"), "{}", lines[2]);
    assert!(lines[2].ends_with('…'));
    assert_eq!(lines[3], "autre › title › [Sécurité] européenne");
    assert!(!out.contains('\x1b'));
}

#[test]
fn colour_output_uses_bold_red() {
    let (count, out) = run("coeur", false, true);
    assert_eq!(count, Ok(1));
    assert_eq!(
        out,
        "coalition › Au cœur du sommet › Au \x1b[1;31mcœur\x1b[0m du sommet\n"
    );
}

#[test]
fn titles_notices_and_smart_case() {
    let (count, out) = run("evenement", false, false);
    assert_eq!(count, Ok(1));
    assert_eq!(out, "coalition › notice › Cet [évènement] est passé.\n");
    // An upper-case letter makes the query case-sensitive (accents still fold).
    let (count, out) = run("Sécurité", false, false);
    assert_eq!(count, Ok(1));
    assert_eq!(out, "autre › title › [Sécurité] européenne\n");
    let (count, out) = run("SECURITE", false, false);
    assert_eq!(count, Ok(1));
    assert!(out.contains("[SÉCURITÉ]"), "{out}");
}

#[test]
fn no_match_prints_nothing() {
    assert_eq!(run("Witkoff", false, false), (Ok(0), String::new()));
}

#[test]
fn regex_queries_and_their_errors() {
    let (count, out) = run(r"voeux \w+", true, false);
    assert_eq!(count, Ok(1));
    assert_eq!(
        out,
        "coalition › lead › @EchiquierSocial › 🔴 [Voeux aux] Français\n"
    );
    let (result, out) = run("(", true, false);
    assert!(result.unwrap_err().starts_with("invalid regex"));
    assert!(out.is_empty());
}
