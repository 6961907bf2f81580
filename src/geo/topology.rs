//! Reads the committed TopoJSON (data/world/countries.json): quantized,
//! delta-encoded arcs shared between neighbours, and per country its ISO code, name,
//! representative point and polygons as lists of arc references (`!i` for arc `i`
//! reversed). Every reference is checked here, so that nothing later can index out
//! of range.

use serde::Deserialize;

use super::GeoError;

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    objects: Objects,
    arcs: Vec<Vec<[i64; 2]>>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    arcs: Vec<Vec<Vec<i64>>>,
    properties: Properties,
}

#[derive(Deserialize)]
struct Properties {
    a3: String,
    name: String,
    point: [f64; 2],
}

/// A reference to an arc in a ring: its index, and whether it runs backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArcRef {
    pub index: usize,
    pub reversed: bool,
}

/// One country as stored: rings of arc references, exterior ring first in each
/// polygon.
#[derive(Debug, Clone)]
pub struct RawCountry {
    pub iso: String,
    pub name: String,
    /// Longitude and latitude in degrees.
    pub point: (f64, f64),
    pub polygons: Vec<Vec<Vec<ArcRef>>>,
}

/// The decoded topology: arcs as longitude and latitude in degrees.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub arcs: Vec<Vec<(f64, f64)>>,
    pub countries: Vec<RawCountry>,
}

/// Parses and checks TopoJSON text of the shape data/world/countries.json has.
pub fn decode(text: &str) -> Result<Decoded, GeoError> {
    let topology: Topology = serde_json::from_str(text).map_err(GeoError::Parse)?;
    let Transform { scale, translate } = topology.transform;
    let arcs: Vec<Vec<(f64, f64)>> = topology
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0_i64, 0_i64);
            arc.iter()
                .map(|[dx, dy]| {
                    x += dx;
                    y += dy;
                    (
                        x as f64 * scale[0] + translate[0],
                        y as f64 * scale[1] + translate[1],
                    )
                })
                .collect()
        })
        .collect();
    if let Some(index) = arcs.iter().position(|arc| arc.len() < 2) {
        return Err(GeoError::Invalid(format!(
            "arc {index} has fewer than two points"
        )));
    }
    let mut countries = Vec::with_capacity(topology.objects.countries.geometries.len());
    for geometry in topology.objects.countries.geometries {
        let iso = geometry.properties.a3;
        if geometry.kind != "MultiPolygon" {
            return Err(GeoError::Invalid(format!(
                "{iso}: expected a MultiPolygon, found {}",
                geometry.kind
            )));
        }
        let polygons = geometry
            .arcs
            .iter()
            .map(|polygon| {
                polygon
                    .iter()
                    .map(|ring| ring_refs(ring, arcs.len(), &iso))
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<Vec<_>, _>>()?;
        let [lon, lat] = geometry.properties.point;
        countries.push(RawCountry {
            iso,
            name: geometry.properties.name,
            point: (lon, lat),
            polygons,
        });
    }
    Ok(Decoded { arcs, countries })
}

fn ring_refs(ring: &[i64], arcs: usize, iso: &str) -> Result<Vec<ArcRef>, GeoError> {
    if ring.is_empty() {
        return Err(GeoError::Invalid(format!("{iso}: an empty ring")));
    }
    ring.iter()
        .map(|&reference| {
            let (index, reversed) = if reference < 0 {
                (!reference, true)
            } else {
                (reference, false)
            };
            usize::try_from(index)
                .ok()
                .filter(|&index| index < arcs)
                .map(|index| ArcRef { index, reversed })
                .ok_or_else(|| {
                    GeoError::Invalid(format!("{iso}: arc reference {reference} out of range"))
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"type":"Topology",
        "transform":{"scale":[0.5,0.25],"translate":[-10,-20]},
        "objects":{"countries":{"type":"GeometryCollection","geometries":[
          {"type":"MultiPolygon","arcs":[[[0,-2]]],"properties":{"a3":"AAA","name":"A","point":[1,2]}}
        ]}},
        "arcs":[[[0,0],[4,0],[0,4]],[[0,0],[0,4]]]}"#;

    #[test]
    fn decodes_deltas_and_references() {
        let decoded = decode(SAMPLE).unwrap();
        assert_eq!(
            decoded.arcs[0],
            vec![(-10.0, -20.0), (-8.0, -20.0), (-8.0, -19.0)]
        );
        assert_eq!(decoded.arcs[1], vec![(-10.0, -20.0), (-10.0, -19.0)]);
        let ring = &decoded.countries[0].polygons[0][0];
        assert_eq!(
            ring,
            &vec![
                ArcRef {
                    index: 0,
                    reversed: false
                },
                ArcRef {
                    index: 1,
                    reversed: true
                }
            ]
        );
        assert_eq!(decoded.countries[0].point, (1.0, 2.0));
    }

    #[test]
    fn rejects_references_out_of_range() {
        let bad = SAMPLE.replace("[[[0,-2]]]", "[[[0,-3]]]");
        assert!(matches!(decode(&bad), Err(GeoError::Invalid(_))));
        let bad = SAMPLE.replace("[[[0,-2]]]", "[[[0,2]]]");
        assert!(matches!(decode(&bad), Err(GeoError::Invalid(_))));
    }

    #[test]
    fn rejects_malformed_text() {
        assert!(matches!(decode("{"), Err(GeoError::Parse(_))));
    }
}
