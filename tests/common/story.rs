//! Tests as stories: a site from a fixture folder, then steps chained in the order
//! an editor takes them (build, read a page, change a file, build again), each step
//! asserting what it expects and naming the step when it is not so.
//!
//! ```ignore
//! Story::new("valid")
//!     .build()
//!     .page("partners/austria.html", |html| assert!(html.contains("Austria joined")))
//!     .edit("content/partners/austria.md", |text| text.replace("joined", "entered"))
//!     .build()
//!     .page("partners/austria.html", |html| assert!(html.contains("Austria entered")));
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Fixture, errors_of, search_entries, snapshot};

/// A fixture site and the output of its last good build.
pub struct Story {
    site: Fixture,
    /// Every output file after the last successful build; `None` before the first.
    last_good: Option<BTreeMap<PathBuf, Vec<u8>>>,
    /// The steps taken so far, for failure messages.
    steps: Vec<String>,
}

impl Story {
    /// Starts from a copy of `tests/fixtures/<fixture>/`.
    pub fn new(fixture: &str) -> Story {
        Story {
            site: Fixture::from_folder(fixture),
            last_good: None,
            steps: vec![format!("start from tests/fixtures/{fixture}")],
        }
    }

    /// The site itself, for what the steps below do not cover.
    pub fn site(&self) -> &Fixture {
        &self.site
    }

    fn step(&mut self, what: String) -> String {
        self.steps.push(what);
        format!("after: {}", self.steps.join(" → "))
    }

    /// Builds the site; the build must succeed.
    pub fn build(&mut self) -> &mut Story {
        let context = self.step("build".into());
        if let Err(failure) = self.site.build() {
            panic!("the build failed: {failure}\n{context}");
        }
        self.last_good = Some(snapshot(&self.site.output()));
        self
    }

    /// Builds the site; the build must fail with content errors, each of `expected`
    /// must appear in them, and the output of the last good build (or its absence)
    /// must be left exactly as it was, with no temporary folder beside it.
    pub fn build_fails_with(&mut self, expected: &[&str]) -> &mut Story {
        let context = self.step(format!("build, expecting {expected:?}"));
        let errors = errors_of(self.site.build());
        for needle in expected {
            assert!(
                errors.contains(needle),
                "expected `{needle}` in the errors:\n{errors}\n{context}"
            );
        }
        match &self.last_good {
            Some(before) => assert!(
                snapshot(&self.site.output()) == *before,
                "a failed build changed the output of the last good one\n{context}"
            ),
            None => assert!(
                !self.site.output().exists(),
                "a failed first build wrote an output folder\n{context}"
            ),
        }
        let leftovers = self.site.staging_leftovers();
        assert!(
            leftovers.is_empty(),
            "temporary folders left behind: {leftovers:?}\n{context}"
        );
        self
    }

    /// Hands the text of a built page (or any output file) to `check`.
    pub fn page(&mut self, relative: &str, check: impl FnOnce(&str)) -> &mut Story {
        let context = self.step(format!("read {relative}"));
        let path = self.site.output().join(relative);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{relative} was not built: {error}\n{context}"));
        check(&text);
        self
    }

    /// The built page must contain each of `needles`.
    pub fn page_contains(&mut self, relative: &str, needles: &[&str]) -> &mut Story {
        let context = format!("after: {} → read {relative}", self.steps.join(" → "));
        self.page(relative, |html| {
            for needle in needles {
                assert!(
                    html.contains(needle),
                    "{relative} does not contain `{needle}`\n{context}"
                );
            }
        })
    }

    /// The built page must contain none of `needles`.
    pub fn page_lacks(&mut self, relative: &str, needles: &[&str]) -> &mut Story {
        let context = format!("after: {} → read {relative}", self.steps.join(" → "));
        self.page(relative, |html| {
            for needle in needles {
                assert!(
                    !html.contains(needle),
                    "{relative} still contains `{needle}`\n{context}"
                );
            }
        })
    }

    /// No file may have been built at `relative`.
    pub fn no_page(&mut self, relative: &str) -> &mut Story {
        let context = self.step(format!("expect no {relative}"));
        assert!(
            !self.site.output().join(relative).exists(),
            "{relative} is still in the output\n{context}"
        );
        self
    }

    /// Hands the cards of the built search index to `check`.
    pub fn search(&mut self, check: impl FnOnce(&[serde_json::Value])) -> &mut Story {
        let context = self.step("read the search index".into());
        let output = self.site.output();
        assert!(
            output.join("search-index.js").is_file(),
            "no search index\n{context}"
        );
        check(&search_entries(&output));
        self
    }

    /// Rewrites a site file through `change`, which must change it.
    pub fn edit(&mut self, relative: &str, change: impl FnOnce(&str) -> String) -> &mut Story {
        let context = self.step(format!("edit {relative}"));
        let path = self.site.root().join(relative);
        let before = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot edit {relative}: {error}\n{context}"));
        let after = change(&before);
        assert_ne!(before, after, "the edit changed nothing\n{context}");
        std::fs::write(&path, after).expect("write the edited file");
        self
    }

    /// Writes a site file, creating its folder.
    pub fn write(&mut self, relative: &str, text: &str) -> &mut Story {
        self.step(format!("write {relative}"));
        self.site.write(relative, text);
        self
    }

    /// Removes a site file.
    pub fn remove(&mut self, relative: &str) -> &mut Story {
        self.step(format!("remove {relative}"));
        self.site.remove(relative);
        self
    }
}
