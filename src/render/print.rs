//! The print edition: the whole reference in one page, `print.html`. Every page of
//! the site becomes a part of it with its own anchor, links between pages become
//! links inside the page, and citations point into one bibliography.

use rayon::prelude::*;

use super::views::*;
use super::{Edition, OutputFile, SiteRenderer, urls};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::highlight::Highlighter;
use crate::markdown::PageState;
use crate::model::EntityKind;
use crate::resolve::Site;

/// The order of the parts: what the reference is about, then each kind of entity.
const PARTS: [(EntityKind, &str); 5] = [
    (EntityKind::Page, "About"),
    (EntityKind::Framework, "Frameworks"),
    (EntityKind::Partner, "Partners"),
    (EntityKind::Programme, "Programmes"),
    (EntityKind::Operation, "Operations"),
];

/// Renders `print.html`.
pub(super) fn render(
    site: &Site,
    tera: &tera::Tera,
    highlighter: &Highlighter,
) -> Result<OutputFile, Diagnostics> {
    let renderer = SiteRenderer::for_edition(Edition::Print, site, tera, highlighter);
    renderer.print().map_err(|diagnostic| {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(diagnostic);
        diagnostics
    })
}

impl SiteRenderer<'_> {
    fn print(&self) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let path = urls::PRINT.to_string();
        let root = "";
        // One bibliography: every source keeps its number on the sources page,
        // wherever it is cited.
        let mut state = PageState::default();
        state.cited = site.sources.iter().map(|s| s.id.clone()).collect();
        state.begin_section("about-".into());
        let intro = match &site.home {
            Some(home) => relink(&self.markdown().render(home.body(), root, &mut state), ""),
            None => String::new(),
        };
        let parts: Vec<PrintPart> = PARTS
            .iter()
            .map(|(kind, title)| PrintPart {
                id: if *kind == EntityKind::Page {
                    "about".to_string()
                } else {
                    kind.folder().to_string()
                },
                title: title.to_string(),
                // Every source has its number already, so each part starts from
                // the same state and the parts render in parallel.
                entities: site
                    .documents
                    .par_iter()
                    .enumerate()
                    .filter(|(_, d)| d.meta.kind() == *kind)
                    .map(|(index, document)| {
                        let anchor = urls::print_entity_anchor(Some(*kind), &document.id);
                        let anchor = anchor.trim_start_matches('#').to_string();
                        let mut state = state.clone();
                        state.begin_section(format!("{anchor}-"));
                        let mut page = self.entity_page(index, root, &mut state);
                        page.sources = self.section_sources(&state.section_cited);
                        let written_for = urls::root_of(&urls::entity_path(*kind, &document.id));
                        page.body = demote_headings(&relink(&page.body, &written_for));
                        PrintEntity {
                            anchor,
                            kind: kind.singular(),
                            page,
                        }
                    })
                    .collect(),
            })
            .filter(|part| !part.entities.is_empty())
            .collect();
        state.begin_section("timeline-".into());
        let years = self.timeline_years(root, &mut state);
        let sources = site
            .sources
            .iter()
            .enumerate()
            .filter_map(|(index, source)| self.source_view(&source.id, index + 1, root, Vec::new()))
            .collect();
        let glossary = self.glossary_terms(root);
        let title = format!("{} — print edition", site.config.title);
        let common = self.common(&path, title, None, Vec::new());
        self.finish(
            "print.html",
            path,
            common,
            PrintPage {
                intro,
                parts,
                years,
                sources,
                glossary,
            },
        )
    }

    /// The sources a part of the print edition cites or lists, with their numbers
    /// in the one bibliography.
    fn section_sources(&self, cited: &[String]) -> Vec<SourceView> {
        let mut sources: Vec<SourceView> = cited
            .iter()
            .filter_map(|id| {
                let number = self.site.sources.iter().position(|s| &s.id == id)? + 1;
                self.source_view(id, number, "", Vec::new())
            })
            .collect();
        sources.sort_by_key(|s| s.number);
        sources
    }
}

/// A body's own relative links (`[sources](../sources.html)`), written for the page
/// whose way back to the site root is `written_for`, as anchors in the print
/// edition. Links the renderer made are anchors already; web addresses stay.
fn relink(html: &str, written_for: &str) -> String {
    const ATTRIBUTE: &str = " href=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(ATTRIBUTE) {
        let value_start = start + ATTRIBUTE.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let href = &rest[..end];
        if href.starts_with('#') || href.contains(':') || href.starts_with('/') {
            out.push_str(href);
        } else {
            let from_root = written_for
                .split("../")
                .skip(1)
                .fold(href, |path, _| path.strip_prefix("../").unwrap_or(path));
            out.push_str(&urls::print_anchor(from_root));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A body's headings two levels down: its sections sit under the entity's `h3`.
/// The renderer writes headings only as tags of its own (raw HTML in a body is
/// shown as text), so the tags can be rewritten as text.
fn demote_headings(html: &str) -> String {
    html.replace("<h4", "<h6")
        .replace("</h4>", "</h6>")
        .replace("<h3", "<h5")
        .replace("</h3>", "</h5>")
        .replace("<h2", "<h4")
        .replace("</h2>", "</h4>")
}

#[cfg(test)]
mod tests {
    use super::{demote_headings, relink};

    #[test]
    fn relative_links_in_bodies_become_anchors() {
        let html = r##"<a href="../sources.html">s</a> <a href="https://x.org/a">x</a> <a href="#partner-a">a</a>"##;
        assert_eq!(
            relink(html, "../"),
            r##"<a href="#sources">s</a> <a href="https://x.org/a">x</a> <a href="#partner-a">a</a>"##
        );
        assert_eq!(
            relink(r#"<a href="timeline.html#y1994">t</a>"#, ""),
            r##"<a href="#y1994">t</a>"##
        );
    }

    #[test]
    fn body_headings_sit_below_the_entity_heading() {
        assert_eq!(
            demote_headings("<h2 id=\"a\">A</h2><h3 id=\"b\">B</h3><p>h2</p>"),
            "<h4 id=\"a\">A</h4><h5 id=\"b\">B</h5><p>h2</p>"
        );
    }
}
