//! The world map: drawn from the partners' ISO codes and memberships, on its own
//! page with every year's colouring, on the home page, and on framework pages.

mod common;

use common::Fixture;

/// The JSON the map page embeds for map.js.
fn map_data(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/json\" id=\"map-data\">")
        .expect("the map's data");
    let rest = &html[start..];
    let json = &rest[rest.find('>').expect("tag end") + 1..rest.find("</script>").expect("end")];
    serde_json::from_str(json).expect("valid JSON")
}

/// The class of each year for `iso`, as map.js will apply it.
fn classes_of(data: &serde_json::Value, iso: &str) -> Vec<String> {
    let classes = data["classes"].as_array().expect("classes");
    data["countries"][iso]
        .as_array()
        .expect("the country's years")
        .iter()
        .map(|i| {
            classes[i.as_u64().expect("an index") as usize]
                .as_str()
                .expect("a class")
                .to_string()
        })
        .collect()
}

#[test]
fn the_map_page_colours_every_partner_country_year_by_year() {
    let fixture = Fixture::valid();
    fixture.build().expect("build");
    let html = fixture.page("map.html");
    // Each partner country is a link to its page, drawn from its ISO code.
    for (iso, page) in [
        ("AUT", "partners/austria.html"),
        ("POL", "partners/poland.html"),
    ] {
        let at = html
            .find(&format!("data-iso=\"{iso}\""))
            .unwrap_or_else(|| panic!("{iso} is not on the map"));
        let link = html[..at].rfind("<a href=\"").expect("a link around it");
        assert!(
            html[link..at].starts_with(&format!("<a href=\"{page}\">")),
            "{iso} links to {}",
            &html[link..at]
        );
    }
    // Without the script: the status date. Austria is in PfP (the fixture's only
    // framework with several members, so colour slot 0); Poland had joined NATO.
    assert!(
        html.contains("class=\"fill-0\" data-iso=\"AUT\""),
        "Austria in PfP's colour"
    );
    assert!(
        html.contains("class=\"map-ally\" data-iso=\"POL\""),
        "Poland as an Ally"
    );
    // The organisation has no outline and is named below the map instead.
    let table = &html[html.find("The map as a table").expect("the table")..];
    assert!(table.contains(
        "Not on the map, having no country outline: <a href=\"partners/un.html\">United Nations</a>"
    ));
    assert!(table.contains("<a href=\"partners/austria.html\">Austria</a></th><td>AUT</td>"));

    // Every year of the timeline, from the memberships' dates.
    let data = map_data(&html);
    assert_eq!(data["start"], 1990);
    assert_eq!(data["end"], 2022);
    let austria = classes_of(&data, "AUT");
    assert_eq!(austria.len(), 33);
    assert_eq!(
        austria[1994 - 1990],
        "map-outside",
        "before joining PfP in 1995"
    );
    assert_eq!(austria[1995 - 1990], "fill-0");
    assert_eq!(austria[2022 - 1990], "fill-0");
    let poland = classes_of(&data, "POL");
    assert_eq!(poland[1993 - 1990], "map-outside");
    assert_eq!(poland[1994 - 1990], "fill-0", "PfP from February 1994");
    assert_eq!(poland[1998 - 1990], "fill-0");
    assert_eq!(
        poland[1999 - 1990],
        "map-ally",
        "joined NATO on 12 March 1999"
    );
    assert_eq!(data["names"]["POL"], "Poland");
    // The legend carries every colour of any year; those absent at the status date
    // are hidden until the script shows another year.
    assert!(html.contains("data-class=\"fill-0\" data-label=\"Partnership for Peace\">"));
    assert!(
        html.contains(
            "data-class=\"map-outside\" data-label=\"In no partnership framework\" hidden>"
        )
    );
    assert!(html.contains("<script src=\"map.js\" defer></script>"));
    // The controls are the script's: hidden in the page as written.
    assert!(html.contains("<div class=\"map-controls\" hidden>"));
}

#[test]
fn the_home_page_and_framework_pages_show_the_map() {
    let fixture = Fixture::valid();
    fixture.build().expect("build");
    let home = fixture.page("index.html");
    assert!(home.contains("<h2 id=\"map-title\">Partners on the map</h2>"));
    assert!(home.contains(
        "<a href=\"partners/austria.html\"><title>Austria: Partnership for Peace</title>"
    ));
    assert!(home.contains("<a href=\"map.html\">The map through the years, 1990–2022</a>"));
    assert!(!home.contains("map-data"), "no years on the home page");
    // A framework page: current members in its colour, former members apart.
    let pfp = fixture.page("frameworks/pfp.html");
    assert!(pfp.contains("<a href=\"../partners/austria.html\"><title>Austria: A member</title><path class=\"fill-0\" data-iso=\"AUT\""));
    assert!(pfp.contains(
        "<title>Poland: A former member</title><path class=\"map-former\" data-iso=\"POL\""
    ));
    assert!(pfp.contains("Never a member"));
    // Every page's navigation leads to the map.
    assert!(pfp.contains("<a href=\"../map.html\">Map</a>"));
}

#[test]
fn names_on_the_map_stay_text() {
    let fixture = Fixture::valid();
    let austria = std::fs::read_to_string(fixture.root().join("content/partners/austria.md"))
        .expect("austria");
    fixture.write(
        "content/partners/austria.md",
        &austria.replace("name: Austria", "name: \"Aus<b>tria</b> & co\""),
    );
    fixture.build().expect("build");
    let html = fixture.page("map.html");
    assert!(
        html.contains("<title>Aus&lt;b&gt;tria&lt;&#x2F;b&gt; &amp; co: ")
            || html.contains("<title>Aus&lt;b&gt;tria&lt;/b&gt; &amp; co: "),
        "the title is escaped"
    );
    assert!(!html.contains("<b>tria"));
    // In the embedded data too: no `<` or `&` that could end the script early.
    let data_start = html.find("id=\"map-data\">").expect("data");
    let data = &html[data_start..data_start + html[data_start..].find("</script>").expect("end")];
    assert!(!data[14..].contains(['<', '&']), "{data}");
    assert_eq!(map_data(&html)["names"]["AUT"], "Aus<b>tria</b> & co");
}

#[test]
fn a_site_without_partner_countries_has_an_empty_map_page() {
    let fixture = Fixture::valid();
    fixture.remove("content/partners/austria.md");
    fixture.remove("content/partners/poland.md");
    // Links to the removed partners would be errors; keep the site valid.
    for file in ["content/index.md", "content/pages/about.md"] {
        let text = std::fs::read_to_string(fixture.root().join(file)).expect("read");
        fixture.write(file, &text.replace("[[austria]]", "Austria"));
    }
    let events = std::fs::read_to_string(fixture.root().join("content/timeline/events.yaml"))
        .expect("events");
    fixture.write(
        "content/timeline/events.yaml",
        &events.replace("  partners: [poland]\n", "  frameworks: [pfp]\n"),
    );
    let report = fixture.build();
    assert!(report.is_ok(), "{:?}", report.err().map(|e| e.to_string()));
    let html = fixture.page("map.html");
    assert!(html.contains("No partner has a country on the map yet."));
    assert!(!html.contains("map.js"));
    assert!(!fixture.page("index.html").contains("map-title"));
}
