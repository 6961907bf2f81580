//! The timeline page's pictures and filter: the strip of events per year (one link
//! per year, its count in its name), the `data-*` lists each event carries for
//! `timeline.js`, the filter form (hidden until the script shows it, offering only
//! what events carry) and markup in names and regions, escaped there too.

mod common;

use common::Fixture;

/// The valid fixture's two events and three more: two in 1994 (so that 1994 is the
/// busiest year) and one naming a programme, a partner in the summary and one by id.
const EVENTS: &str = "\
- date: 1994-01-10
  title: PfP launched
  kind: launch
  summary: The [[pfp]] began [@src-a].
  frameworks: [pfp]
  sources: [src-a]
- date: 1994-06-01
  title: Austria and the UN talk
  kind: summit
  summary: '[[austria]] met the [[un]].'
  sources: [src-a]
- date: 1995-02-01
  title: PARP opens
  kind: launch
  summary: The [[parp]] opened.
  programmes: [parp]
  sources: [src-a]
- date: 1999-03-12
  title: Poland joins NATO
  kind: accession
  summary: Poland joined.
  partners: [poland]
  sources: [src-b]
";

fn built(events: &str) -> (Fixture, String) {
    let site = Fixture::valid();
    site.write("content/timeline/events.yaml", events);
    site.build().expect("the fixture builds");
    let html = site.page("timeline.html");
    (site, html)
}

/// The opening tag of the element with `id`.
fn opening_tag<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id}"));
    let start = html[..at].rfind('<').expect("a tag");
    let end = at + html[at..].find('>').expect("a closed tag");
    &html[start..=end]
}

/// The value of `name` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let at = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    &tag[at..at + tag[at..].find('"').expect("a closing quote")]
}

/// The strip: the `<nav>` holding the bars.
fn strip(html: &str) -> &str {
    let start = html.find("<nav class=\"year-strip\"").expect("the strip");
    &html[start..start + html[start..].find("</nav>").expect("the strip closes")]
}

/// The filter form.
fn form(html: &str) -> &str {
    let start = html
        .find("<form id=\"timeline-filter\"")
        .expect("the filter form");
    &html[start..start + html[start..].find("</form>").expect("the form closes")]
}

/// The strip's link to `year`, up to the end of its `<li>`.
fn bar(html: &str, year: u16) -> &str {
    let strip = strip(html);
    let at = strip
        .find(&format!(" data-year=\"{year}\""))
        .unwrap_or_else(|| panic!("no bar for {year}"));
    let start = strip[..at].rfind("<a ").expect("the bar's link");
    &strip[start..start + strip[start..].find("</li>").expect("the bar's item closes")]
}

#[test]
fn the_strip_has_one_link_per_year_named_with_its_count() {
    let (_site, html) = built(EVENTS);
    let strip = strip(&html);
    assert_eq!(strip.matches("<a href=\"#y").count(), 33, "1990 to 2022");
    assert_eq!(strip.matches("<title>").count(), 33);
    for year in 1990..=2022u16 {
        let bar = bar(&html, year);
        // Every bar leads to a year that is on the page.
        assert!(html.contains(&format!("<section id=\"y{year}\"")));
        let (label, height) = match year {
            1994 => ("1994: 2 events".to_string(), Some("100")),
            1995 => ("1995: 1 event".to_string(), Some("50")),
            1999 => ("1999: 1 event".to_string(), Some("50")),
            _ => (format!("{year}: no events"), None),
        };
        assert!(
            bar.contains(&format!("aria-label=\"{label}\"")),
            "{year}: {bar}"
        );
        assert!(bar.contains(&format!("<title>{label}</title>")), "{bar}");
        match height {
            Some(height) => {
                let rect = &bar[bar.find("<rect class=\"all\"").expect("a bar")..];
                assert_eq!(attribute(rect, "height"), height, "{year}: {bar}");
                assert!(!bar.contains("class=\"zero\""), "{bar}");
            }
            // A year without events is a baseline tick, still a link.
            None => assert!(bar.contains("<rect class=\"zero\""), "{year}: {bar}"),
        }
    }
    // The first year and every fifth are written under their bars.
    assert!(bar(&html, 1990).contains("<span class=\"tick\">1990</span>"));
    assert!(bar(&html, 1995).contains("<span class=\"tick\">1995</span>"));
    assert!(bar(&html, 1994).contains("<span class=\"tick\"></span>"));
    // The busiest year is the full height.
    assert_eq!(attribute(strip, "data-max"), "2");
}

#[test]
fn each_event_carries_what_the_filter_matches() {
    let (_site, html) = built(EVENTS);
    let launch = opening_tag(&html, "e1994-01-10-pfp-launched");
    assert_eq!(attribute(launch, "data-kind"), "launch");
    assert_eq!(attribute(launch, "data-frameworks"), "pfp");
    assert_eq!(attribute(launch, "data-regions"), "");
    assert_eq!(attribute(launch, "data-partners"), "");
    // Partners named in the summary count; their regions are slugs, sorted.
    let talk = opening_tag(&html, "e1994-06-01-austria-and-the-un-talk");
    assert_eq!(attribute(talk, "data-kind"), "summit");
    assert_eq!(attribute(talk, "data-partners"), "austria un");
    assert_eq!(attribute(talk, "data-regions"), "global western-europe");
    assert_eq!(attribute(talk, "data-frameworks"), "");
    // A programme brings its frameworks.
    let parp = opening_tag(&html, "e1995-02-01-parp-opens");
    assert_eq!(attribute(parp, "data-frameworks"), "pfp");
    let poland = opening_tag(&html, "e1999-03-12-poland-joins-nato");
    assert_eq!(attribute(poland, "data-kind"), "accession");
    assert_eq!(attribute(poland, "data-partners"), "poland");
    assert_eq!(attribute(poland, "data-regions"), "central-europe");
    assert_eq!(attribute(poland, "data-frameworks"), "");
    // Still the class other tests and styles rely on, right after the id.
    assert!(html.contains("id=\"e1999-03-12-poland-joins-nato\" class=\"event kind-accession\""));
}

#[test]
fn the_filter_form_is_hidden_and_offers_only_what_events_carry() {
    let (_site, html) = built(EVENTS);
    let form = form(&html);
    let tag = &form[..form.find('>').expect("the form's tag") + 1];
    assert!(
        tag.contains(" hidden"),
        "readers without the script never see it: {tag}"
    );
    for (id, name) in [
        ("filter-framework", "framework"),
        ("filter-kind", "kind"),
        ("filter-region", "region"),
        ("filter-partner", "partner"),
    ] {
        assert!(form.contains(&format!("<label for=\"{id}\">")), "{id}");
        assert!(
            form.contains(&format!("<select id=\"{id}\" name=\"{name}\">")),
            "{id}"
        );
    }
    for option in [
        "<option value=\"pfp\">Partnership for Peace (2)</option>",
        "<option value=\"launch\">Launch (2)</option>",
        "<option value=\"summit\">Summit or meeting (1)</option>",
        "<option value=\"accession\">Accession to NATO (1)</option>",
        "<option value=\"central-europe\">Central Europe (1)</option>",
        "<option value=\"global\">Global (1)</option>",
        "<option value=\"austria\">Austria (1)</option>",
        "<option value=\"poland\">Poland (1)</option>",
    ] {
        assert!(form.contains(option), "no `{option}` in {form}");
    }
    // Nothing names the EAPC, and no event is an operation.
    assert!(!form.contains("value=\"eapc\""), "{form}");
    assert!(!form.contains("value=\"operation\""), "{form}");
    // Options in order of their labels: Austria, Poland, United Nations.
    let austria = form.find("value=\"austria\"").expect("austria");
    let poland = form.find("value=\"poland\"").expect("poland");
    let un = form.find("value=\"un\"").expect("un");
    assert!(austria < poland && poland < un);
    assert!(form.contains("<span id=\"timeline-count\" role=\"status\">4 of 4 events</span>"));
    assert!(form.contains("<button type=\"button\" id=\"timeline-filter-clear\">Clear</button>"));
    assert!(html.contains("<script src=\"timeline.js\" defer></script>"));
}

#[test]
fn regions_that_slugify_alike_get_distinct_values() {
    let site = Fixture::valid();
    site.write("content/timeline/events.yaml", EVENTS);
    // Austria's region differs from Poland's only in case and punctuation.
    let austria = std::fs::read_to_string(site.root().join("content/partners/austria.md"))
        .expect("austria")
        .replace("region: Western Europe", "region: central europe!");
    site.write("content/partners/austria.md", &austria);
    site.build().expect("builds");
    let html = site.page("timeline.html");
    let form = form(&html);
    let poland = attribute(
        opening_tag(&html, "e1999-03-12-poland-joins-nato"),
        "data-regions",
    );
    let talk = attribute(
        opening_tag(&html, "e1994-06-01-austria-and-the-un-talk"),
        "data-regions",
    );
    assert_ne!(poland, "");
    assert!(
        !talk.split(' ').any(|slug| slug == poland),
        "{talk} / {poland}"
    );
    assert!(form.contains(&format!(
        "<option value=\"{poland}\">Central Europe (1)</option>"
    )));
    assert!(form.contains("central europe! (1)</option>"), "{form}");
}

#[test]
fn markup_in_a_name_or_region_stays_escaped_in_the_strip_and_the_filter() {
    const PAYLOAD: &str = "<script>alert(1)</script> \"><img src=x onerror=alert(1)>";
    let site = Fixture::valid();
    site.write(
        "content/partners/evil.md",
        &format!(
            "---\nname: 'Evil {PAYLOAD}'\nkind: organisation\nregion: 'Region {PAYLOAD}'\nstatus: partner\nsources: [src-b]\n---\nEvil.\n"
        ),
    );
    site.write(
        "content/timeline/events.yaml",
        &format!(
            "{EVENTS}- date: 2001-05-05\n  title: 'Evil {PAYLOAD}'\n  kind: other\n  summary: Evil.\n  partners: [evil]\n  sources: [src-b]\n"
        ),
    );
    site.build().expect("a hostile but valid site builds");
    let html = site.page("timeline.html");
    for raw in ["<script>alert", "<img src=x", "\"><img"] {
        assert!(!html.contains(raw), "raw `{raw}` on the timeline");
    }
    let form = form(&html);
    assert!(
        form.contains("Evil &lt;script&gt;alert(1)&lt;"),
        "the partner's name, escaped: {form}"
    );
    assert!(
        form.contains("Region &lt;script&gt;alert(1)&lt;"),
        "the region, escaped: {form}"
    );
    // In the attributes, the region is a slug of letters, digits and hyphens.
    let event = html
        .split("<li id=\"e2001-05-05-")
        .nth(1)
        .expect("the evil event");
    let regions = attribute(event, "data-regions");
    assert!(!regions.is_empty());
    assert!(
        regions
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "{regions}"
    );
    assert_eq!(attribute(event, "data-partners"), "evil");
    assert!(form.contains(&format!(
        "<option value=\"{regions}\">Region &lt;script&gt;"
    )));
    // The strip holds years and counts only; 2001 counts the evil event.
    let strip = strip(&html);
    assert!(!strip.contains("Evil"), "{strip}");
    assert!(bar(&html, 2001).contains("aria-label=\"2001: 1 event\""));
}

#[test]
fn past_two_thousand_events_the_timeline_has_a_page_per_year() {
    // 2,001 events: one page would be too heavy, so each year gets its own.
    let mut events = String::from(EVENTS);
    for n in 0..(2_001 - 4) {
        let year = 1990 + n % 20;
        events.push_str(&format!(
            "- date: {year}\n  title: Meeting {n}\n  kind: summit\n  summary: Talks with [[austria]].\n  partners: [austria]\n  sources: [src-a]\n"
        ));
    }
    let (site, overview) = built(&events);
    // The overview: counts and links per year, no events, no filter.
    assert!(!overview.contains("class=\"event kind-"));
    assert!(!overview.contains("id=\"timeline-filter\""));
    assert!(overview.contains("2001 events from"), "the whole count");
    assert!(
        overview
            .contains(r#"<li id="y1994"><a href="timeline/1994.html">1994</a>: 102 events</li>"#),
        "1994: 100 generated events and two of EVENTS"
    );
    assert_eq!(
        attribute(bar(&overview, 1994), "href"),
        "timeline/1994.html"
    );
    // A year's page: its events, the filter over them, its bar marked current.
    let year = site.page("timeline/1994.html");
    assert_eq!(year.matches("\" class=\"event kind-").count(), 102);
    assert!(year.contains("<h1>Timeline: 1994</h1>"));
    assert!(year.contains("id=\"timeline-filter\""));
    let own = bar(&year, 1994);
    assert_eq!(attribute(own, "href"), "#y1994");
    assert!(own.contains("aria-current=\"page\""));
    assert_eq!(attribute(bar(&year, 1999), "href"), "../timeline/1999.html");
    assert!(
        site.page("timeline/2010.html")
            .contains("No event recorded for 2010.")
    );
    // Every link to an event leads to its year's page: from a partner's page, the
    // search index and the data downloads.
    let austria = site.page("partners/austria.html");
    assert!(austria.contains("href=\"../timeline/1994.html#e1994-06-01-austria-and-the-un-talk\""));
    let cards = common::search_entries(&site.output());
    assert!(
        cards
            .iter()
            .filter(|card| card["kind"] == "Event")
            .all(|card| card["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("timeline/")))
    );
    assert!(
        site.page("data/events.csv")
            .contains(",timeline/1999.html#e1999-03-12-poland-joins-nato")
    );
    assert_eq!(common::broken_links(&site.output()), Vec::<String>::new());
}
