//! `depeche --search` output, through `grep::run`, on a corpus built as model values.

use depeche::cli::search as grep;
use depeche::corpus::model::{
    Article, ArticleParts, Block, Corpus, Paragraph, Platform, Post, Section,
};

fn corpus() -> Corpus {
    let para = |text: &str| {
        Block::Paragraph(Paragraph {
            text: text.into(),
            cites: Box::new([]),
            kind: Default::default(),
        })
    };
    let post = Block::Post(Box::new(Post {
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
        cites: Box::new([]),
    }));
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
    let result = grep::run(&corpus(), query, regex, color, 80, &mut out).unwrap();
    (result, String::from_utf8(out).unwrap())
}

#[test]
fn plain_output_marks_matches_with_brackets() {
    let (count, out) = run("securite", false, false);
    assert_eq!(count, Ok(4));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "coalition:5: §1 Lead › Garanties de [sécurité] pour l’Ukraine."
    );
    assert_eq!(
        lines[1],
        "coalition:8: §1 Lead › @EchiquierSocial › nos forces de [sécurité]. L'Europe"
    );
    assert!(
        lines[2].starts_with("coalition:15: §2 Au cœur du sommet › …"),
        "{}",
        lines[2]
    );
    assert!(lines[2].contains(" puis la [SÉCURITÉ] fin"), "{}", lines[2]);
    assert!(lines[2].ends_with('…'));
    assert_eq!(lines[3], "autre:19: title › [Sécurité] européenne");
    assert!(!out.contains('\x1b'));
}

#[test]
fn colour_output_uses_bold_red() {
    let (count, out) = run("coeur", false, true);
    assert_eq!(count, Ok(1));
    assert_eq!(
        out,
        "coalition:11: §2 Au cœur du sommet › Au \x1b[1;31mcœur\x1b[0m du sommet\n"
    );
}

#[test]
fn titles_notices_and_smart_case() {
    let (count, out) = run("evenement", false, false);
    assert_eq!(count, Ok(1));
    assert_eq!(out, "coalition:3: notice › Cet [évènement] est passé.\n");
    // An upper-case letter makes the query case-sensitive (accents still fold).
    let (count, out) = run("Sécurité", false, false);
    assert_eq!(count, Ok(1));
    assert_eq!(out, "autre:19: title › [Sécurité] européenne\n");
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
        "coalition:7: §1 Lead › @EchiquierSocial › 🔴 [Voeux aux] Français\n"
    );
    let (result, out) = run("(", true, false);
    assert!(result.unwrap_err().starts_with("invalid regex"));
    assert!(out.is_empty());
}

#[test]
fn each_line_number_is_the_dump_line_showing_the_match() {
    let corpus = depeche::corpus::load_bundled().unwrap();
    for width in [80, 45] {
        let dump: Vec<String> = depeche::cli::dump::dump(&corpus, width)
            .lines()
            .map(str::to_lowercase)
            .collect();
        let mut out = Vec::new();
        let count = grep::run(&corpus, "sécurité", false, false, width, &mut out)
            .unwrap()
            .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.lines().count(), count);
        for line in out.lines() {
            let number: usize = line.split(':').nth(1).unwrap().parse().unwrap();
            assert!(
                dump[number - 1].contains("sécurité"),
                "{width}: line {number} is {:?}, for {line}",
                dump[number - 1]
            );
        }
    }
}

#[test]
fn a_line_of_the_dump_is_a_place_in_the_article() {
    use depeche::cli::dump::place_of_line;
    use depeche::corpus::model::TextRef;
    let corpus = corpus();
    assert_eq!(place_of_line(&corpus, 80, 1), Some((0, TextRef::Title, 0)));
    assert_eq!(place_of_line(&corpus, 80, 3), Some((0, TextRef::Notice, 0)));
    let (article, text, _) = place_of_line(&corpus, 80, 8).unwrap();
    assert_eq!((article, text.post().is_some()), (0, true));
    // A blank line: the text above it.
    let (_, text, _) = place_of_line(&corpus, 80, 10).unwrap();
    assert!(matches!(text, TextRef::PostAuthor(_)));
    assert_eq!(place_of_line(&corpus, 80, 19), Some((1, TextRef::Title, 0)));
    let dump = depeche::cli::dump::dump(&corpus, 80);
    assert_eq!(dump.lines().nth(18), Some("Sécurité européenne"));
    assert_eq!(place_of_line(&corpus, 80, 500), None);
}
