//! Test articles built directly from the model: French typography, emoji,
//! Cyrillic, CJK, posts (one truncated, one with hard breaks), several sections.
#![allow(dead_code)]

use depeche::corpus::model::{
    Article, ArticleParts, Block, Corpus, Paragraph, Platform, Post, Section, Source, SourceKind,
};
use depeche::reader::{Action, App, Options};

pub fn paragraph(text: &str, cites: &[usize]) -> Block {
    Block::Paragraph(Paragraph {
        text: text.into(),
        cites: cites.into(),
        kind: Default::default(),
    })
}

#[allow(clippy::too_many_arguments)]
pub fn post(
    id: &str,
    platform: Platform,
    author: &str,
    handle: &str,
    date: &str,
    text: &str,
    truncated: bool,
    links: &[&str],
    cites: &[usize],
) -> Block {
    Block::Post(Box::new(Post {
        id: id.into(),
        platform,
        author: Some(author.into()),
        handle: Some(handle.into()),
        date: Some(date.into()),
        text: Some(text.into()),
        title: None,
        truncated,
        url: Some(format!("https://example.org/{id}").into()),
        links: links.iter().map(|&l| l.into()).collect(),
        cites: cites.into(),
    }))
}

pub fn section(id: &str, heading: Option<&str>, blocks: Vec<Block>) -> Section {
    Section {
        id: id.into(),
        heading: heading.map(Into::into),
        blocks,
    }
}

fn source(id: &str, kind: SourceKind, name: &str) -> Source {
    Source {
        id: id.into(),
        kind,
        name: name.into(),
        description: None,
        url: None,
    }
}

/// A long-enough French article: lead, four headed sections, three posts.
pub fn sample_article() -> Article {
    let sources = vec![
        source("macron", SourceKind::Person, "Emmanuel Macron"),
        source("zelensky", SourceKind::Person, "Volodymyr Zelensky"),
        source("otan", SourceKind::Organisation, "OTAN"),
        source("huffpost", SourceKind::Outlet, "Le HuffPost"),
        source("zelenskyyua", SourceKind::Account, "@ZelenskyyUa"),
        source("europesays", SourceKind::Link, "europesays.com"),
    ];
    let sections = vec![
        section(
            "lead",
            None,
            vec![paragraph(
                "Lors de ses traditionnels vœux aux Français, le président Emmanuel Macron a annoncé une nouvelle réunion de la “coalition des volontaires“, ce mardi 6\u{a0}janvier, à Paris. Une rencontre qui intervient après plusieurs rendez-vous diplomatiques.",
                &[0],
            )],
        ),
        section(
            "voeux",
            Some("Des vœux et une annonce"),
            vec![
                paragraph(
                    "« Nous devons défendre notre indépendance et nos libertés », a déclaré Emmanuel Macron lors de sa traditionnelle allocution pour la nouvelle année. L’occasion pour le chef de l’État d’annoncer une nouvelle réunion.",
                    &[0],
                ),
                post(
                    "p1",
                    Platform::X,
                    "L'Echiquier social",
                    "EchiquierSocial",
                    "2025-12-31",
                    "🔴 Voeux aux Français @EmmanuelMacron : 🗣“Nous devons défendre notre indépendance et nos libertés. L'Europe de la Défense s'accélèrera en 2026. \"Dès le 6 janvier prochain à…",
                    true,
                    &["https://pic.twitter.com/LXSrvPWqzS"],
                    &[0],
                ),
                paragraph(
                    "La “coalition des volontaires“, créée en mars dernier, est une alliance internationale emmenée par le Royaume-Uni et la France pour soutenir l’Ukraine. Elle regroupe une trentaine d’États, dont le Japon (日本は有志連合に参加している), le Canada et l’Australie.",
                    &[2],
                ),
            ],
        ),
        section(
            "efforts",
            Some("Des efforts diplomatiques intenses avant la réunion de la coalition"),
            vec![
                paragraph(
                    "En amont de la réunion, le président ukrainien Volodymyr Zelensky a annoncé dans un message sur X une série de réunions et de procédures diplomatiques importantes début janvier.",
                    &[1],
                ),
                post(
                    "p2",
                    Platform::X,
                    "Volodymyr Zelenskyy / Володимир Зеленський",
                    "ZelenskyyUa",
                    "2026-01-01",
                    "Rustem Umerov is in contact with the American team and our partners in Europe every single day.\nWe are preparing formats and important meetings.",
                    false,
                    &[],
                    &[1, 4],
                ),
            ],
        ),
        section(
            "kiev",
            Some("Réunis à Kiev, l’Ukraine et ses alliés examinent le plan de paix"),
            vec![
                paragraph(
                    "L’Ukraine et les conseillers à la sécurité de 15\u{a0}pays réunis samedi à Kiev, dont la France, l’Allemagne et le Canada, ainsi que des représentants de l’UE et de l’OTAN, ont examiné la dernière mouture du plan de sortie du conflit avec la Russie.",
                    &[2],
                ),
                post(
                    "p3",
                    Platform::Bluesky,
                    "FR #France",
                    "fr-france.bsky.social",
                    "2026-01-03T18:00:23+00:00",
                    "A Kiev, l’Ukraine et ses alliés européens s’entendent sur la poursuite des pourparlers de paix https://www.europesays.com/fr/638743/ #fr #france",
                    false,
                    &["https://www.europesays.com/fr/638743/"],
                    &[5],
                ),
            ],
        ),
        section(
            "territoires",
            Some("L’épineuse question des territoires"),
            vec![
                paragraph(
                    "L’avenir des territoires occupés par la Russie, qui contrôle aujourd’hui près de 20\u{a0}% du territoire ukrainien, demeure l’un des points clés de l’accord de paix. « Ukraine : Zelensky assure que l’accord de paix est prêt à 90\u{202f}% », titrait Le HuffPost.",
                    &[3, 1],
                ),
                paragraph(
                    "Les États-Unis ont tenté d’échafauder un accord de paix en tenant compte des contributions de Moscou et de Kiev, mais n’ont pas réussi à trouver de consensus sur la question clef des territoires, alors que Moscou occupe environ 19\u{a0}% de l’Ukraine.",
                    &[],
                ),
            ],
        ),
    ];
    Article::new(ArticleParts {
        id: "coalition".into(),
        title: "Guerre en Ukraine : réunion de la “coalition des volontaires“ à Paris".into(),
        language: Some("fr".into()),
        notice: Some("Cet évènement est passé.".into()),
        date: Some("2026-01-05".into()),
        sections,
        sources,
    })
}

/// A short second article, for the article list.
pub fn second_article() -> Article {
    Article::new(ArticleParts {
        id: "court".into(),
        title: "Un article court".into(),
        language: Some("fr".into()),
        notice: None,
        date: Some("2026-01-06".into()),
        sections: vec![section(
            "lead",
            None,
            vec![paragraph("Une seule phrase, et c’est tout.", &[])],
        )],
        sources: Vec::new(),
    })
}

/// An article of one untitled section holding `blocks`.
pub fn one_section_article(blocks: Vec<Block>) -> Article {
    Article::new(ArticleParts {
        id: "a".into(),
        title: "Titre".into(),
        language: None,
        notice: None,
        date: None,
        sections: vec![section("s", None, blocks)],
        sources: Vec::new(),
    })
}

pub fn sample_corpus() -> Corpus {
    Corpus {
        articles: vec![sample_article()],
    }
}

pub fn two_articles() -> Corpus {
    Corpus {
        articles: vec![sample_article(), second_article()],
    }
}

/// An app over `corpus` at a terminal of `width` × `height`.
pub fn app_at(corpus: Corpus, width: u16, height: u16) -> App {
    let mut app = App::new(corpus, Options { color: true });
    app.update(Action::Resize { width, height });
    app
}

/// The whole screen the app draws at its own size, as `TestBackend` shows it.
pub fn screen(app: &App) -> String {
    let (w, h) = (app.geometry.area.width, app.geometry.area.height);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test backend");
    terminal
        .draw(|frame| depeche::ui::draw(frame, app))
        .expect("draw");
    terminal.backend().to_string()
}
