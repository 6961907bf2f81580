//! The files the build writes for hosts and crawlers: `sitemap.xml` (split into
//! parts past the sitemaps.org limit) and `robots.txt`.

use super::{OutputFile, urls};

/// How many addresses one sitemap may hold (sitemaps.org); past it, `sitemap.xml`
/// becomes an index of `sitemap-1.xml`, `sitemap-2.xml`, …
pub(super) const SITEMAP_LIMIT: usize = 50_000;

/// `sitemap.xml` (and its parts past [`SITEMAP_LIMIT`] addresses), written only
/// when the site has a base URL: every page but the 404 page.
pub(super) fn sitemaps(base: &str, files: &[&str], limit: usize) -> Vec<OutputFile> {
    let base = crate::html::escape(base.trim_end_matches('/'));
    let pages: Vec<&str> = files
        .iter()
        .copied()
        .filter(|path| path.ends_with(".html") && *path != urls::NOT_FOUND)
        .collect();
    let urlset = |paths: &[&str]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for path in paths {
            xml.push_str(&format!(
                "  <url><loc>{base}/{}</loc></url>\n",
                crate::html::escape(path)
            ));
        }
        xml.push_str("</urlset>\n");
        xml.into_bytes().into()
    };
    if pages.len() <= limit {
        return vec![OutputFile {
            path: urls::SITEMAP.into(),
            contents: urlset(&pages),
        }];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files: Vec<OutputFile> = pages
        .chunks(limit)
        .enumerate()
        .map(|(number, chunk)| {
            let path = format!("sitemap-{}.xml", number + 1);
            index.push_str(&format!("  <sitemap><loc>{base}/{path}</loc></sitemap>\n"));
            OutputFile {
                path,
                contents: urlset(chunk),
            }
        })
        .collect();
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: urls::SITEMAP.into(),
        contents: index.into_bytes().into(),
    });
    files
}

/// `robots.txt`: every page may be crawled; with a base URL, where the sitemap is.
pub(super) fn robots(base: Option<&str>) -> OutputFile {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base {
        text.push_str(&format!(
            "\nSitemap: {}/{}\n",
            base.trim_end_matches('/'),
            urls::SITEMAP
        ));
    }
    OutputFile {
        path: urls::ROBOTS.into(),
        contents: text.into_bytes().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(count: usize) -> Vec<String> {
        (0..count)
            .map(|i| format!("partners/p{i}.html"))
            .chain([urls::NOT_FOUND.to_string()])
            .collect()
    }

    fn sitemaps(base: &str, paths: &[String], limit: usize) -> Vec<OutputFile> {
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        super::sitemaps(base, &paths, limit)
    }

    #[test]
    fn a_sitemap_past_its_limit_becomes_an_index_of_parts() {
        let small = sitemaps("https://x.org/r/", &pages(3), 3);
        assert_eq!(small.len(), 1);
        let text = String::from_utf8_lossy(&small[0].contents).into_owned();
        assert_eq!(text.matches("<url>").count(), 3, "{text}");
        assert!(!text.contains("404"), "{text}");
        assert!(text.contains("<loc>https://x.org/r/partners/p0.html</loc>"));

        let split = sitemaps("https://x.org/r", &pages(7), 3);
        let paths: Vec<&str> = split.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8_lossy(&split[3].contents).into_owned();
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(index.contains("<loc>https://x.org/r/sitemap-3.xml</loc>"));
        let urls: usize = split[..3]
            .iter()
            .map(|f| {
                String::from_utf8_lossy(&f.contents)
                    .matches("<url>")
                    .count()
            })
            .sum();
        assert_eq!(urls, 7);
    }

    #[test]
    fn robots_points_at_the_sitemap_only_when_there_is_one() {
        let with = robots(Some("https://x.org/r/"));
        assert_eq!(
            String::from_utf8_lossy(&with.contents),
            "User-agent: *\nAllow: /\n\nSitemap: https://x.org/r/sitemap.xml\n"
        );
        let without = robots(None);
        assert!(!String::from_utf8_lossy(&without.contents).contains("Sitemap"));
    }
}
