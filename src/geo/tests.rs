//! Tests of the committed outlines and of the map drawn from them.

use super::*;

fn world() -> World {
    World::load().expect("the committed outlines load")
}

fn country(iso: &str, class: &str, title: &str) -> MapCountry {
    MapCountry {
        iso: iso.to_string(),
        href: Some(format!("/partners/{}/", iso.to_lowercase())),
        title: title.to_string(),
        class: class.to_string(),
    }
}

/// The `d` attribute of the path of `iso`.
fn path_of<'a>(svg: &'a str, iso: &str) -> &'a str {
    let marker = format!(r#"data-iso="{iso}" d=""#);
    let d = svg
        .find(&marker)
        .unwrap_or_else(|| panic!("no path for {iso}"))
        + marker.len();
    let end = d + svg[d..].find('"').unwrap();
    &svg[d..end]
}

fn vertices(d: &str) -> Vec<&str> {
    d.split(['M', 'Z', ' ']).filter(|s| !s.is_empty()).collect()
}

/// Whether a point (longitude, latitude) lies inside the country's outline, by the
/// even-odd rule in projected coordinates (the projection keeps left and right,
/// north and south).
fn inside(world: &World, iso: &str, (lon, lat): (f64, f64)) -> bool {
    let (px, py) = projection::natural_earth(lon, lat);
    let shape = world.shape(iso).unwrap();
    let mut inside = false;
    for ring in shape.polygons.iter().flatten() {
        let mut points = Vec::new();
        for arc_ref in ring {
            let arc = &world.arcs[arc_ref.index];
            if arc_ref.reversed {
                points.extend(arc.iter().rev());
            } else {
                points.extend(arc.iter());
            }
        }
        for (&(x0, y0), &(x1, y1)) in points.iter().zip(points.iter().cycle().skip(1)) {
            if (y0 > py) != (y1 > py) && px < (x1 - x0) * (py - y0) / (y1 - y0) + x0 {
                inside = !inside;
            }
        }
    }
    inside
}

/// Checks that every start tag has its end tag, in order.
fn assert_balanced(svg: &str) {
    let mut stack = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = start + rest[start..].find('>').expect("an unclosed tag");
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "a stray < in {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name.to_string()), "at {}", &rest[start..]);
        } else if !tag.ends_with('/') {
            stack.push(tag.split(' ').next().unwrap().to_string());
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn the_outlines_load_without_antarctica() {
    let world = world();
    let count = world.countries().count();
    assert!(count > 200, "{count} countries");
    assert!(!world.contains("ATA"));
    let codes: Vec<&str> = world.countries().collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted);
}

#[test]
fn known_codes_exist_small_states_included() {
    let world = world();
    for iso in [
        "AUT", "UKR", "FIN", "SWE", "CHE", "JPN", "AUS", "MLT", "BHR", "QAT", "SGP", "IRL", "MNE",
        "MKD", "KOR", "NZL",
    ] {
        assert!(world.contains(iso), "{iso} has no outline");
    }
    assert_eq!(world.shape("AUT").map(|s| s.name.as_str()), Some("Austria"));
    assert_eq!(world.missing(["AUT", "XXX", "SGP", ""]), vec!["XXX", ""]);
}

#[test]
fn every_partner_country_has_an_outline() {
    let world = world();
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/partners");
    let mut codes = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some(iso) = line.strip_prefix("iso:") {
                codes.push(iso.trim().trim_matches('"').to_string());
            }
        }
    }
    assert!(codes.len() > 50, "{} partners with a code", codes.len());
    let missing = world.missing(codes.iter().map(String::as_str));
    assert!(missing.is_empty(), "no outline for {missing:?}");
}

#[test]
fn borders_as_the_un_views_them() {
    let world = world();
    // Simferopol, Crimea: Ukraine.
    assert!(inside(&world, "UKR", (34.1, 44.95)));
    assert!(!inside(&world, "RUS", (34.1, 44.95)));
    // Vienna, Bern, Helsinki, Valletta, and not Vienna in Switzerland.
    assert!(inside(&world, "AUT", (16.37, 48.2)));
    assert!(inside(&world, "CHE", (7.45, 46.95)));
    assert!(inside(&world, "FIN", (24.94, 60.3)));
    assert!(!inside(&world, "CHE", (16.37, 48.2)));
    // Anadyr, Chukotka, is Russian after the antimeridian cut, and so is the map's
    // easternmost tip west of 180°.
    assert!(inside(&world, "RUS", (172.0, 66.0)));
    assert!(inside(&world, "RUS", (-173.0, 65.6)));
}

#[test]
fn representative_points_lie_in_their_countries() {
    let world = world();
    for iso in [
        "AUT", "CHL", "HRV", "NOR", "UKR", "RUS", "USA", "FJI", "IDN", "JPN", "MLT", "QAT", "BHR",
        "SGP", "MNE", "GEO", "ARM", "AZE",
    ] {
        let point = world.shape(iso).unwrap().point;
        assert!(inside(&world, iso, point), "{iso}: {point:?}");
    }
}

#[test]
fn links_titles_and_markers() {
    let world = world();
    let countries = [
        country("AUT", "fill-1", "Austria <b>PfP</b> & \"EAPC\""),
        country("MLT", "fill-2", "Malta's partnership"),
        MapCountry {
            href: None,
            ..country("CHE", "fill-3", "Switzerland")
        },
        country("XXX", "fill-4", "Nowhere"),
        country("AUT", "fill-5", "Austria again"),
    ];
    let svg = world.svg(&countries, &MapOptions::default());
    assert!(svg.contains(
        r#"<a href="/partners/aut/"><title>Austria &lt;b&gt;PfP&lt;/b&gt; &amp; &quot;EAPC&quot;</title><path class="fill-1" data-iso="AUT" d="M"#
    ));
    assert!(!svg.contains("<b>"));
    assert!(!svg.contains("fill-5"), "the first of a repeated code wins");
    assert!(svg.contains("Malta&#39;s partnership"));
    assert!(svg.contains(r#"<g><title>Switzerland</title><path class="fill-3" data-iso="CHE""#));
    assert!(!svg.contains("Nowhere"));
    // Malta is small: a marker inside its link; Austria is not.
    let malta = &svg[svg.find(r#"<a href="/partners/mlt/">"#).unwrap()..];
    let malta = &malta[..malta.find("</a>").unwrap()];
    assert!(malta.contains(r#"<circle class="fill-2 marker" data-iso="MLT" cx=""#));
    assert!(!svg.contains(r#"data-iso="AUT" cx"#));
    // Every other country is neutral land with its name.
    assert!(svg.contains(r#"<path class="land" data-iso="FRA" d="M"#));
    assert!(svg.contains("<title>France</title>"));
    // One path per country, but for the few whose outline, simplified and rounded,
    // has no area left (Monaco, the Vatican…): those are drawn as markers when listed.
    let paths = svg.matches("<path ").count();
    let count = world.countries().count();
    assert!(paths <= count && paths + 15 >= count, "{paths} paths");
    assert_balanced(&svg);
}

#[test]
fn markup_in_options_is_escaped() {
    let world = world();
    let options = MapOptions {
        id_prefix: "m\"".to_string(),
        aria_label: "NATO's <partners>".to_string(),
        description: Some("A & B".to_string()),
        class: "map\"x".to_string(),
        legend: vec![LegendEntry {
            class: "fill-0".to_string(),
            label: "PfP <1994>".to_string(),
        }],
        ..MapOptions::default()
    };
    let mut odd = country("AUT", "fill-1\"><script>", "x");
    odd.href = Some("/a?b=1&c=\"2\"".to_string());
    let svg = world.svg(&[odd], &options);
    assert!(svg.contains(r#"<title id="m&quot;title">NATO&#39;s &lt;partners&gt;</title>"#));
    assert!(svg.contains(r#"aria-labelledby="m&quot;title m&quot;desc""#));
    assert!(svg.contains(r#"<desc id="m&quot;desc">A &amp; B</desc>"#));
    assert!(svg.contains(r#"<a href="/a?b=1&amp;c=&quot;2&quot;">"#));
    assert!(svg.contains(r#"class="fill-1&quot;&gt;&lt;script&gt;""#));
    assert!(svg.contains(">PfP &lt;1994&gt;</text>"));
    assert!(!svg.contains("<script"));
    assert_balanced(&svg);
}

#[test]
fn the_svg_scales_and_is_labelled() {
    let svg = world().svg(&[], &MapOptions::default());
    let tag = &svg[..svg.find('>').unwrap()];
    assert!(tag.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 "#));
    assert!(
        !tag.contains(" width=") && !tag.contains(" height="),
        "{tag}"
    );
    assert!(tag.contains(r#"aria-labelledby="world-map-title""#));
    assert!(svg.contains(r#"<title id="world-map-title">World map</title>"#));
    assert!(svg.ends_with("</svg>"));
    // Not squashed: the Natural Earth frame without Antarctica is about twice as wide
    // as high.
    let height: f64 = tag
        .split("viewBox=\"0 0 1000 ")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!((420.0..520.0).contains(&height), "{height}");
}

#[test]
fn north_is_up_and_east_is_right() {
    let svg = world().svg(&[], &MapOptions::default());
    let first = |iso: &str| -> (f64, f64) {
        let vertex = vertices(path_of(&svg, iso))[0];
        let (x, y) = vertex.split_once(',').unwrap();
        (x.parse().unwrap(), y.parse().unwrap())
    };
    let (norway_x, norway_y) = first("NOR");
    let (south_africa_x, south_africa_y) = first("ZAF");
    let (japan_x, _) = first("JPN");
    let (brazil_x, _) = first("BRA");
    assert!(norway_y < south_africa_y, "north is up");
    assert!(brazil_x < norway_x && norway_x < japan_x, "east is right");
    assert!((400.0..600.0).contains(&south_africa_x));
}

#[test]
fn neighbours_share_their_border_vertices() {
    let svg = world().svg(
        &[country("AUT", "fill-1", "Austria")],
        &MapOptions::default(),
    );
    for (a, b, at_least) in [
        ("AUT", "CHE", 3),
        ("AUT", "DEU", 5),
        ("FIN", "SWE", 3),
        ("UKR", "RUS", 5),
        ("UKR", "BLR", 5),
    ] {
        let left: std::collections::HashSet<&str> =
            vertices(path_of(&svg, a)).into_iter().collect();
        let shared = vertices(path_of(&svg, b))
            .into_iter()
            .filter(|v| left.contains(v))
            .count();
        assert!(shared >= at_least, "{a} and {b} share {shared} vertices");
    }
    // And countries apart share none.
    let austria: std::collections::HashSet<&str> =
        vertices(path_of(&svg, "AUT")).into_iter().collect();
    assert!(
        !vertices(path_of(&svg, "JPN"))
            .iter()
            .any(|v| austria.contains(v))
    );
}

#[test]
fn the_full_map_is_small() {
    let world = world();
    let countries: Vec<MapCountry> = world
        .countries()
        .enumerate()
        .map(|(index, iso)| country(iso, &format!("fill-{}", index % 9), &format!("{iso} title")))
        .collect();
    let options = MapOptions {
        legend: (0..9)
            .map(|index| LegendEntry {
                class: format!("fill-{index}"),
                label: format!("Framework {index}"),
            })
            .collect(),
        ..MapOptions::default()
    };
    let all = world.svg(&countries, &options);
    let neutral = world.svg(&[], &MapOptions::default());
    println!(
        "world map SVG: {} bytes with every country a link, {} bytes all neutral",
        all.len(),
        neutral.len()
    );
    assert!(all.len() < 300 * 1024, "{} bytes", all.len());
    assert!(
        neutral.len() > 50 * 1024,
        "suspiciously small: {}",
        neutral.len()
    );
    assert_balanced(&all);
}

#[test]
fn loading_is_fast_enough_for_every_build() {
    let started = std::time::Instant::now();
    let world = world();
    let _ = world.svg(&[], &MapOptions::default());
    let elapsed = started.elapsed();
    println!("load and draw: {elapsed:?}");
    assert!(elapsed.as_secs() < 2, "{elapsed:?}");
}

/// Writes a sample page with the map for a look in a browser:
/// `cargo test --lib geo::tests::write_sample -- --ignored`, then open
/// `map-sample.html` in the temporary folder.
#[test]
#[ignore = "writes a file for a person to look at"]
fn write_sample() {
    let world = world();
    let partners = [
        ("AUT", 0),
        ("FIN", 0),
        ("SWE", 0),
        ("CHE", 0),
        ("IRL", 0),
        ("MLT", 0),
        ("UKR", 1),
        ("GEO", 1),
        ("MDA", 1),
        ("ARM", 1),
        ("AZE", 1),
        ("KAZ", 1),
        ("BLR", 1),
        ("RUS", 1),
        ("SRB", 1),
        ("BIH", 1),
        ("MNE", 1),
        ("MKD", 1),
        ("DZA", 2),
        ("EGY", 2),
        ("ISR", 2),
        ("JOR", 2),
        ("MAR", 2),
        ("MRT", 2),
        ("TUN", 2),
        ("BHR", 3),
        ("KWT", 3),
        ("QAT", 3),
        ("ARE", 3),
        ("AUS", 4),
        ("JPN", 4),
        ("KOR", 4),
        ("NZL", 4),
        ("MNG", 4),
        ("PAK", 4),
        ("AFG", 4),
        ("IRQ", 4),
        ("COL", 4),
        ("SGP", 5),
        ("IDN", 5),
        ("MYS", 5),
        ("IND", 5),
        ("CHN", 5),
        ("CHL", 5),
        ("ARG", 5),
    ];
    let countries: Vec<MapCountry> = partners
        .iter()
        .map(|&(iso, class)| {
            let name = &world.shape(iso).unwrap().name;
            country(iso, &format!("fill-{class}"), &format!("{name} <partner>"))
        })
        .collect();
    let allies = [
        "USA", "CAN", "FRA", "DEU", "GBR", "ITA", "ESP", "POL", "TUR", "NOR", "ISL",
    ];
    let mut all = countries;
    all.extend(allies.iter().map(|&iso| MapCountry {
        href: None,
        ..country(iso, "ally", "Ally")
    }));
    let options = MapOptions {
        legend: [
            "PfP",
            "EAPC",
            "Mediterranean Dialogue",
            "ICI",
            "Partners across the globe",
            "Other",
            "Allies",
        ]
        .iter()
        .enumerate()
        .map(|(index, label)| LegendEntry {
            class: if index == 6 {
                "ally".to_string()
            } else {
                format!("fill-{index}")
            },
            label: label.to_string(),
        })
        .collect(),
        description: Some("Partners by framework".to_string()),
        ..MapOptions::default()
    };
    let svg = world.svg(&all, &options);
    let page = format!(
        "<!doctype html><meta charset=utf-8><title>map</title><style>\
         body{{margin:0;font-family:sans-serif;background:#fff}}\
         .world-map{{display:block;width:100%;height:auto;background:#eef4f8}}\
         .world-map path,.world-map circle{{stroke:#fff;stroke-width:.4}}\
         .world-map .marker{{stroke:#222;stroke-width:.6}}\
         .land{{fill:#d4d7db}} .ally{{fill:#8a939c}}\
         .fill-0{{fill:#e69f00}} .fill-1{{fill:#56b4e9}} .fill-2{{fill:#009e73}}\
         .fill-3{{fill:#f0e442}} .fill-4{{fill:#0072b2}} .fill-5{{fill:#d55e00}}\
         .legend rect{{stroke:#555;stroke-width:.5}}\
         a:hover path{{opacity:.7}}</style>{svg}"
    );
    let path = std::env::temp_dir().join("map-sample.html");
    std::fs::write(&path, page).unwrap();
    println!("{}: map {} bytes", path.display(), svg.len());
}
