//! Markdown to HTML with the site's extensions: `[[id]]` and `[text](@id)` entity
//! links, `[@source]` citations, heading ids, glossary terms marked up on first use,
//! raw HTML escaped, and fenced code highlighted by CSS class.
//!
//! `scan` finds every reference without rendering (the resolve stage checks them and
//! derives backlinks); `Renderer` writes the HTML once references are known to exist.
//!
//! | module | job |
//! |---|---|
//! | `parse` | the parser's options, citations as links, what a link points at |
//! | `scan` | the references and heading ids of a body, without rendering |
//! | `slug` | heading ids: slugs, unique on a page, clear of the templates' own ids |
//! | `render` | the HTML of a body for one page: links, headings, code, raw HTML |
//! | `cite` | citation groups, numbered per page |
//! | `terms` | glossary terms marked up on first use |
//! | `plain` | the words of a body for the search index |
//! | `url` | which link and image addresses are safe |

mod cite;
mod parse;
mod plain;
mod render;
mod scan;
mod slug;
mod terms;
mod url;

#[cfg(test)]
mod fixture;

pub use parse::Target;
pub use render::{LinkInfo, Links, PageState, Renderer};
pub use scan::{Reference, Scan, scan};
pub use slug::{SECTION_IDS, slugify};
pub use terms::Glossary;
pub use url::is_safe_url;
