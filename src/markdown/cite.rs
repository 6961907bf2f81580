//! Citation groups: `[@a; @b]` as superscript numbers linking to the page's list of
//! sources, numbered in the order first cited on the page.

use std::fmt::Write as _;

use super::render::{PageState, Renderer};
use crate::html::escape_into;

impl Renderer<'_> {
    /// A group of citations, numbered in the order first cited on the page and
    /// listed in ascending order, each number once.
    pub(super) fn citation(&self, ids: &[String], state: &mut PageState) -> String {
        let mut numbered: Vec<(usize, &String)> =
            ids.iter().map(|id| (state.number(id), id)).collect();
        numbered.sort_unstable();
        numbered.dedup_by_key(|(number, _)| *number);
        let mut html = String::from("<sup class=\"cite\">[");
        for (index, (number, id)) in numbered.into_iter().enumerate() {
            if index > 0 {
                html.push_str(", ");
            }
            let title = self.links.get(id).map_or(id.as_str(), |i| i.name.as_str());
            html.push_str("<a href=\"#source-");
            escape_into(&mut html, id);
            html.push_str("\" title=\"");
            escape_into(&mut html, title);
            let _ = write!(html, "\">{number}</a>");
        }
        html.push_str("]</sup>");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::fixture::test_renderer;

    #[test]
    fn lists_a_group_of_citations_in_ascending_order_once_each() {
        let r = test_renderer();
        let mut state = PageState::default();
        r.render("One [@a]. Two [@b].", "", &mut state);
        let html = r.render("Both [@b; @c; @a; @b].", "", &mut state);
        let numbers: Vec<&str> = html
            .split("</a>")
            .filter_map(|part| part.rsplit('>').next())
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            .collect();
        assert_eq!(numbers, ["1", "2", "3"], "{html}");
        assert_eq!(state.cited, ["a", "b", "c"]);
    }
}
