//! The editions a reader takes away and the files a host needs: the print edition
//! in one page, "Cite this page", the offline zip, robots.txt, the sitemap and the
//! 404 page.

mod common;

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use common::Fixture;

/// Every `id="…"` of a page, with how many times it occurs.
fn ids(html: &str) -> HashMap<String, usize> {
    let mut ids = HashMap::new();
    for (at, _) in html.match_indices(" id=\"") {
        let rest = &html[at + 5..];
        let id = &rest[..rest.find('"').unwrap_or(rest.len())];
        *ids.entry(id.to_string()).or_insert(0) += 1;
    }
    ids
}

/// Every `href="…"` inside `html`.
fn hrefs(html: &str) -> Vec<String> {
    html.match_indices("href=\"")
        .map(|(at, _)| {
            let rest = &html[at + 6..];
            rest[..rest.find('"').unwrap_or(rest.len())].to_string()
        })
        .collect()
}

#[test]
fn the_print_edition_links_only_inside_itself_with_unique_ids() {
    let fixture = Fixture::valid();
    fixture.build().expect("build");
    let html = fixture.page("print.html");
    let ids = ids(&html);
    let repeated: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "ids used twice: {repeated:?}");

    // Every entity, part and bibliography entry has its anchor.
    for anchor in [
        "partner-austria",
        "partner-poland",
        "partner-un",
        "framework-pfp",
        "framework-eapc",
        "programme-parp",
        "operation-kfor",
        "page-about",
        "frameworks",
        "partners",
        "timeline",
        "y1994",
        "sources",
        "source-src-a",
        "source-src-b",
        "glossary",
    ] {
        assert!(ids.contains_key(anchor), "no #{anchor} in print.html");
    }

    // Inside <main>, a link goes to a part of this page or to the web.
    let main = common::main_element(&html);
    let links = hrefs(main);
    assert!(links.len() > 20, "only {} links", links.len());
    for href in &links {
        if let Some(anchor) = href.strip_prefix('#') {
            assert!(ids.contains_key(anchor), "#{anchor} leads nowhere");
        } else {
            assert!(href.starts_with("https://"), "{href} leaves the page");
        }
    }
    // The body's `[[pfp]]` and citation became links inside the page.
    let austria = &main[main.find("id=\"partner-austria\"").expect("austria")..];
    let austria = &austria[..austria.find("</article>").expect("end of austria")];
    assert!(austria.contains("href=\"#framework-pfp\""), "{austria}");
    assert!(austria.contains("href=\"#source-src-a\""), "{austria}");
    // One bibliography: a source has the same number everywhere.
    assert!(
        main.contains("<li id=\"source-src-a\" value=\"1\">"),
        "{main}"
    );
    // No automatic print dialog.
    assert!(!html.contains("window.print"));
}

#[test]
fn every_page_links_to_the_print_edition() {
    let fixture = Fixture::valid();
    fixture.build().expect("build");
    for page in ["index.html", "partners/austria.html", "timeline.html"] {
        let html = fixture.page(page);
        let root = if page.contains('/') { "../" } else { "" };
        assert!(
            html.contains(&format!("<a href=\"{root}print.html\">Print edition</a>")),
            "{page} has no link to the print edition"
        );
    }
}

#[test]
fn entity_pages_end_with_a_citation_in_text_and_bibtex() {
    let fixture = Fixture::valid();
    fixture.build().expect("build");
    let page = fixture.page("partners/austria.html");
    let cite = &page[page.find("<section id=\"cite\"").expect("a cite section")..];
    assert!(cite.contains("Cite this page"));
    assert!(
        cite.contains(
            "“Austria.” Test Partnerships. Status as of 31 December 2022. partners/austria.html"
        ),
        "{cite}"
    );
    assert!(
        cite.contains("@misc{test-partnerships:partners-austria,"),
        "{cite}"
    );
    assert!(cite.contains("note = {Status as of 2022-12-31}"), "{cite}");
    // The copy button is the script's; the page carries no dead button.
    assert!(!cite.contains("<button"), "{cite}");
    // Free pages are not entities: no citation block.
    assert!(!fixture.page("pages/about.html").contains("id=\"cite\""));

    // With a base URL the address is absolute.
    let mut options = fixture.options();
    options.base_url = Some("https://example.org/repo/".into());
    natopartners::build(&options).expect("build with a base URL");
    let page = fixture.page("frameworks/pfp.html");
    assert!(
        page.contains("howpublished = {\\url{https://example.org/repo/frameworks/pfp.html}}"),
        "{page}"
    );
}

/// The offline zip of a built fixture: its path and bytes.
fn offline_zip(output: &Path) -> (String, Vec<u8>) {
    let zips: Vec<_> = std::fs::read_dir(output)
        .expect("output")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "zip"))
        .collect();
    assert_eq!(zips.len(), 1, "one zip at the top of the site");
    let path = zips[0].path();
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    (name, std::fs::read(&path).expect("zip bytes"))
}

#[test]
fn the_offline_zip_holds_the_whole_site_and_works_unpacked() {
    let fixture = Fixture::valid();
    fixture.build().expect("build");
    let (name, bytes) = offline_zip(&fixture.output());
    assert_eq!(name, "test-partnerships.zip");

    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
    let names: Vec<String> = archive.file_names().map(str::to_string).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries in order");
    // Every file of the site but the zip itself, under one folder.
    let site_files: HashSet<String> = walkdir::WalkDir::new(fixture.output())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(fixture.output()).expect("inside");
            format!(
                "test-partnerships/{}",
                relative.to_string_lossy().replace('\\', "/")
            )
        })
        .filter(|p| !p.ends_with(".zip"))
        .collect();
    let in_zip: HashSet<String> = names.iter().cloned().collect();
    assert_eq!(in_zip, site_files);

    // Unpacked, every link works from disk, and the pages give the size.
    let unpacked = tempfile::tempdir().expect("temporary folder");
    archive.extract(unpacked.path()).expect("unpack");
    let site = unpacked.path().join("test-partnerships");
    let broken = common::broken_links(&site);
    assert!(
        broken.is_empty(),
        "broken links in the unpacked copy: {broken:#?}"
    );
    // The published pages offer the archive with its size.
    let size = natopartners::offline::human_size(bytes.len() as u64);
    let home = fixture.page("index.html");
    assert!(
        home.contains(&format!(
            "href=\"test-partnerships.zip\" download>Download the whole reference</a> as one zip file ({size})"
        )),
        "the home page gives the size {size}"
    );
    let about = fixture.page("pages/about.html");
    assert!(
        about.contains("href=\"../test-partnerships.zip\""),
        "{about}"
    );
    assert!(
        about.contains(&format!("({size})")),
        "the about page gives the size"
    );
    // The copy does not offer itself; otherwise its pages are the published ones.
    let mut inside = String::new();
    archive
        .by_name("test-partnerships/index.html")
        .expect("home in the zip")
        .read_to_string(&mut inside)
        .expect("text");
    assert!(!inside.contains("Download the whole reference"), "{inside}");
    let offer_start = home.find("<!--offline-copy-->").expect("offer start");
    let offer_end =
        home.find("<!--/offline-copy-->").expect("offer end") + "<!--/offline-copy-->".len();
    assert_eq!(
        inside,
        format!("{}{}", &home[..offer_start], &home[offer_end..])
    );
}

#[test]
fn two_builds_of_the_same_content_give_the_same_zip() {
    let fixture = Fixture::valid();
    fixture.build().expect("first build");
    let (_, first) = offline_zip(&fixture.output());
    // A later build, files touched in between: the same bytes.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let about =
        std::fs::read_to_string(fixture.root().join("content/pages/about.md")).expect("about");
    fixture.write("content/pages/about.md", &about);
    fixture.build().expect("second build");
    let (_, second) = offline_zip(&fixture.output());
    assert!(first == second, "the archives differ");
    // And the content is in it: an edit changes the archive.
    fixture.write(
        "content/pages/about.md",
        &about.replace("About", "About us"),
    );
    fixture.build().expect("third build");
    let (_, third) = offline_zip(&fixture.output());
    assert!(first != third);
    // The third borrowed the unchanged entries from the second's archive; a fresh
    // build of the same content into an empty folder gives the same bytes.
    let elsewhere = tempfile::tempdir().expect("temporary folder");
    let mut options = fixture.options();
    options.output = elsewhere.path().join("public");
    natopartners::build(&options).expect("fresh build");
    let (_, fresh) = offline_zip(&options.output);
    assert!(
        third == fresh,
        "a rebuild's archive differs from a fresh one"
    );
}

#[test]
fn an_archive_made_another_way_lends_no_entries() {
    let fixture = Fixture::valid();
    fixture.build().expect("first build");
    let (name, clean) = offline_zip(&fixture.output());
    // An archive of the same files compressed differently (here: stored, with no
    // comment) sits where the earlier copy was: nothing of it may be reused.
    let path = fixture.output().join(&name);
    let mut earlier = zip::ZipArchive::new(std::io::Cursor::new(clean.clone())).expect("zip");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for index in 0..earlier.len() {
        let mut file = earlier.by_index(index).expect("entry");
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("read");
        writer.start_file(name, stored).expect("start");
        std::io::Write::write_all(&mut writer, &bytes).expect("write");
    }
    let other = writer.finish().expect("finish").into_inner();
    std::fs::write(&path, &other).expect("plant");
    fixture.build().expect("second build");
    let (_, rebuilt) = offline_zip(&fixture.output());
    assert!(
        rebuilt == clean,
        "entries were borrowed from an archive made another way"
    );
}

#[test]
fn serving_and_checking_make_no_zip_and_offer_none() {
    let fixture = Fixture::valid();
    let mut session = natopartners::Session::new(fixture.root(), None);
    let rendered = session
        .render(&mut natopartners::Timings::default())
        .expect("render");
    assert!(rendered.pages.iter().all(|p| !p.path.ends_with(".zip")));
    let home = rendered
        .pages
        .iter()
        .find(|p| p.path == "index.html")
        .expect("home");
    let home = String::from_utf8_lossy(&home.contents);
    assert!(!home.contains("Download the whole reference"), "{home}");
    assert!(
        !home.contains('\u{F8FF}'),
        "a placeholder was left in the page"
    );
}

#[test]
fn robots_and_sitemap_for_hosts() {
    let fixture = Fixture::valid();
    fixture.build().expect("build");
    let robots = fixture.page("robots.txt");
    assert_eq!(robots, "User-agent: *\nAllow: /\n");
    assert!(!fixture.output().join("sitemap.xml").exists());

    let mut options = fixture.options();
    options.base_url = Some("https://example.org/repo".into());
    natopartners::build(&options).expect("build with a base URL");
    assert!(
        fixture
            .page("robots.txt")
            .ends_with("\nSitemap: https://example.org/repo/sitemap.xml\n")
    );
    let sitemap = fixture.page("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/repo/print.html</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/repo/partners/austria.html</loc>"));
    assert!(!sitemap.contains("404.html"));

    // A robots.txt of the editor's own replaces the generated one.
    fixture.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    natopartners::build(&options).expect("build with static robots.txt");
    assert_eq!(
        fixture.page("robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n"
    );
}

#[test]
fn with_a_base_url_the_404_page_works_from_any_depth() {
    let fixture = Fixture::valid();
    let mut options = fixture.options();
    options.base_url = Some("https://example.org/repo/".into());
    natopartners::build(&options).expect("build");
    let html = fixture.page("404.html");
    let links: Vec<String> = hrefs(&html)
        .into_iter()
        .chain(html.match_indices("src=\"").map(|(at, _)| {
            let rest = &html[at + 5..];
            rest[..rest.find('"').unwrap_or(rest.len())].to_string()
        }))
        .collect();
    assert!(links.len() > 10);
    for link in links {
        assert!(
            link.starts_with("https://example.org/repo/") || link.starts_with('#'),
            "{link} would break when the 404 page is served for a deep path"
        );
    }
}
