//! The front-matter splitter, alone and as the loader uses it: `split` must cut any
//! text exactly (the front matter and the body are pieces of the input, and the
//! body's line number counts the lines before it), and `parse_document` must turn
//! any text into a document or a diagnostic, for every kind of entity.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use natopartners::load::{frontmatter, parse_document};
use natopartners::model::EntityKind;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let stripped = text.strip_prefix('\u{feff}').unwrap_or(text);
    match frontmatter::split(text) {
        Err(_) => assert!(
            stripped.starts_with("---"),
            "unclosed front matter reported for a text not opening with `---`"
        ),
        Ok(split) => {
            assert!(
                stripped.ends_with(split.body),
                "the body is not the text's end"
            );
            let head = &stripped[..stripped.len() - split.body.len()];
            match split.front_matter {
                None => {
                    assert_eq!(split.body, stripped, "no front matter, yet not all body");
                    assert_eq!(split.body_line, 1);
                }
                Some(front) => {
                    assert_eq!(split.front_matter_line, 2);
                    assert!(head.starts_with("---"), "front matter without its fence");
                    assert!(head.contains(front), "front matter is not in the head");
                    // (An empty body after a closing fence with no line break
                    // has no first line to count.)
                    if !split.body.is_empty() {
                        assert_eq!(
                            split.body_line,
                            1 + head.matches('\n').count(),
                            "the body's first line is not one past the head's lines"
                        );
                    }
                }
            }
        }
    }
    for kind in EntityKind::ALL {
        let shown = Path::new("content").join(kind.folder()).join("doc.md");
        if let Ok(document) = parse_document(&shown, "doc", kind, text.to_string()) {
            assert_eq!(document.meta.kind(), kind);
            assert!(document.body_line >= 1);
            assert!(stripped.ends_with(document.body()));
        }
    }
});
