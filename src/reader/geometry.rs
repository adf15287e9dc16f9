//! Where every part of the screen goes for a terminal size: the bars, the
//! four panes (folded away as the terminal narrows), the body overlays cover.

use ratatui::layout::Rect;

/// Below this size the screen only says it is too small.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From this width the Sections, Quotes and Sources panes show beside the
/// article; below it the article has the whole width (at 80 columns, the
/// most common size, side panes would leave it 55 columns and themselves
/// about 20), and `1`, `3`, `4` show a pane over it.
pub const SIDE_PANES_MIN_WIDTH: u16 = 100;
/// The four panes of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Sections,
    Article,
    Quotes,
    Sources,
}

impl Pane {
    /// In focus order (Tab), numbered 1 to 4.
    pub const ALL: [Pane; 4] = [Pane::Sections, Pane::Article, Pane::Quotes, Pane::Sources];

    pub fn label(self) -> &'static str {
        match self {
            Pane::Sections => "Sections",
            Pane::Article => "Article",
            Pane::Quotes => "Quotes",
            Pane::Sources => "Sources",
        }
    }

    /// The number key that focuses it.
    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|&p| p == self).unwrap_or(0) + 1
    }

    /// Screen rows one item of the pane's list takes.
    pub fn rows_per_item(self) -> u16 {
        match self {
            Pane::Quotes => 2,
            Pane::Sections | Pane::Article | Pane::Sources => 1,
        }
    }
}

/// A screen drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The list of articles (`a`).
    Articles,
}

/// Where every part of the screen goes for one terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub area: Rect,
    pub too_small: bool,
    pub title_bar: Rect,
    pub status_bar: Rect,
    /// Between the two bars: where the panes, and overlays, go.
    pub body: Rect,
    pub sections: Option<Rect>,
    pub article: Rect,
    pub quotes: Option<Rect>,
    pub sources: Option<Rect>,
}

/// Which side panes show beside the article, and from what width: the
/// `[layout]` of the configuration. A pane that does not show beside the
/// article is folded: its number key shows it over the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneLayout {
    /// From this terminal width the Sections pane shows at the left.
    pub sections_from: u16,
    /// From this terminal width Quotes and Sources show at the right.
    pub quotes_sources_from: u16,
    pub sections: bool,
    pub quotes: bool,
    pub sources: bool,
}

impl Default for PaneLayout {
    fn default() -> Self {
        PaneLayout {
            sections_from: SIDE_PANES_MIN_WIDTH,
            quotes_sources_from: SIDE_PANES_MIN_WIDTH,
            sections: true,
            quotes: true,
            sources: true,
        }
    }
}

impl Geometry {
    /// The geometry with the default panes ([`PaneLayout::default`]).
    pub fn compute(width: u16, height: u16) -> Geometry {
        Geometry::compute_with(width, height, &PaneLayout::default())
    }

    /// Where everything goes at this size with these panes: the Sections
    /// pane takes a fifth of the width at the left, Quotes and Sources a
    /// quarter at the right (one above the other, or one alone the whole
    /// height), the article the rest.
    pub fn compute_with(width: u16, height: u16, panes: &PaneLayout) -> Geometry {
        let area = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Geometry {
                area,
                too_small: true,
                ..Geometry::default()
            };
        }
        let body = Rect::new(0, 1, width, height - 2);
        let mut g = Geometry {
            area,
            too_small: false,
            title_bar: Rect::new(0, 0, width, 1),
            status_bar: Rect::new(0, height - 1, width, 1),
            body,
            sections: None,
            article: body,
            quotes: None,
            sources: None,
        };
        let left = if panes.sections && width >= panes.sections_from.max(MIN_WIDTH) {
            width / 5
        } else {
            0
        };
        let right_panes = panes.quotes || panes.sources;
        let right = if right_panes && width >= panes.quotes_sources_from.max(MIN_WIDTH) {
            width / 4
        } else {
            0
        };
        if left > 0 {
            g.sections = Some(Rect::new(0, body.y, left, body.height));
        }
        let right_x = width - right;
        g.article = Rect::new(left, body.y, right_x - left, body.height);
        if right > 0 {
            let column = Rect::new(right_x, body.y, right, body.height);
            let upper = match (panes.quotes, panes.sources) {
                (true, true) => body.height / 2,
                (true, false) => body.height,
                _ => 0,
            };
            if upper > 0 {
                g.quotes = Some(Rect::new(column.x, column.y, right, upper));
            }
            if upper < body.height {
                g.sources = Some(Rect::new(
                    column.x,
                    column.y + upper,
                    right,
                    body.height - upper,
                ));
            }
        }
        g
    }

    /// The pane's own place, if it is not folded away.
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Sections => self.sections,
            Pane::Article => (!self.too_small).then_some(self.article),
            Pane::Quotes => self.quotes,
            Pane::Sources => self.sources,
        }
    }

    /// Where the pane is drawn: its own place, or over the whole body when folded.
    pub fn pane_or_body(&self, pane: Pane) -> Rect {
        self.pane(pane).unwrap_or(self.body)
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let pos = ratatui::layout::Position::new(column, row);
        Pane::ALL
            .into_iter()
            .find(|&p| self.pane(p).is_some_and(|r| r.contains(pos)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_folds_panes_by_width() {
        let wide = Geometry::compute(120, 40);
        assert!(wide.sections.is_some() && wide.quotes.is_some() && wide.sources.is_some());
        assert_eq!(wide.sections.unwrap().width, 24);
        assert_eq!(wide.article.height, 38);
        let medium = Geometry::compute(80, 24);
        assert!(medium.sections.is_none() && medium.quotes.is_none());
        assert_eq!(medium.article.width, 80, "the article has the whole width");
        let narrow = Geometry::compute(50, 16);
        assert!(narrow.quotes.is_none() && narrow.sources.is_none());
        assert_eq!(narrow.article, Rect::new(0, 1, 50, 14));
        assert!(Geometry::compute(19, 6).too_small);
        assert!(Geometry::compute(20, 5).too_small);
        assert!(!Geometry::compute(20, 6).too_small);
    }

    #[test]
    fn panes_shown_as_configured() {
        let only_sources = PaneLayout {
            sections: false,
            quotes: false,
            ..PaneLayout::default()
        };
        let g = Geometry::compute_with(120, 40, &only_sources);
        assert_eq!((g.sections, g.quotes), (None, None));
        assert_eq!(
            g.sources,
            Some(Rect::new(90, 1, 30, 38)),
            "the whole right column"
        );
        assert_eq!(g.article, Rect::new(0, 1, 90, 38));
        let wide_only = PaneLayout {
            sections_from: 150,
            quotes_sources_from: 80,
            ..PaneLayout::default()
        };
        let g = Geometry::compute_with(120, 40, &wide_only);
        assert!(g.sections.is_none() && g.quotes.is_some() && g.sources.is_some());
        assert!(
            Geometry::compute_with(160, 40, &wide_only)
                .sections
                .is_some()
        );
    }

    #[test]
    fn panes_tile_the_body_without_overlap() {
        let layouts = [
            PaneLayout::default(),
            PaneLayout {
                quotes: false,
                sections_from: 20,
                quotes_sources_from: 20,
                ..PaneLayout::default()
            },
            PaneLayout {
                sources: false,
                sections: false,
                quotes_sources_from: 20,
                ..PaneLayout::default()
            },
        ];
        for (width, panes) in [20, 70, 99, 100, 120, 301]
            .into_iter()
            .flat_map(|w| layouts.iter().map(move |p| (w, p)))
        {
            let g = Geometry::compute_with(width, 30, panes);
            let rects: Vec<Rect> = Pane::ALL.iter().filter_map(|&p| g.pane(p)).collect();
            let area: u32 = rects.iter().map(|r| r.area()).sum();
            assert_eq!(area, g.body.area(), "width {width}");
            for (i, a) in rects.iter().enumerate() {
                for b in &rects[i + 1..] {
                    assert!(!a.intersects(*b), "width {width}: {a:?} {b:?}");
                }
            }
        }
    }
}
