//! The Natural Earth projection (Šavrič, Jenny, Patterson, Petrovič and Hurni,
//! "A polynomial equation for the Natural Earth projection", 2011): a compromise
//! projection, neither equal-area nor conformal, drawn for small-scale world maps.

use std::f64::consts::PI;

/// Half the projection's width, at the equator from the central meridian to ±180°,
/// in the units [`natural_earth`] returns (radians on a unit sphere).
pub const HALF_WIDTH: f64 = PI * 0.8707;

/// Projects a longitude and latitude in degrees, centred on Greenwich. Returns `x`
/// growing eastwards and `y` growing northwards, on a unit sphere; (0°, 0°) maps to
/// (0, 0).
pub fn natural_earth(lon: f64, lat: f64) -> (f64, f64) {
    let lambda = lon.to_radians();
    let phi = lat.to_radians();
    let phi2 = phi * phi;
    let phi4 = phi2 * phi2;
    let x = lambda
        * (0.8707 - 0.131979 * phi2
            + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)));
    let y = phi
        * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)));
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_is_the_centre() {
        assert_eq!(natural_earth(0.0, 0.0), (0.0, 0.0));
    }

    #[test]
    fn the_equator_spans_the_full_width() {
        let (x, y) = natural_earth(180.0, 0.0);
        assert!((x - HALF_WIDTH).abs() < 1e-12, "{x}");
        assert_eq!(y, 0.0);
        assert!((natural_earth(-180.0, 0.0).0 + HALF_WIDTH).abs() < 1e-12);
    }

    #[test]
    fn monotonic_in_longitude_and_latitude() {
        for lat in (-85..=85).step_by(5) {
            let mut previous = f64::NEG_INFINITY;
            for lon in (-180..=180).step_by(5) {
                let (x, _) = natural_earth(f64::from(lon), f64::from(lat));
                assert!(x > previous, "x not increasing at {lon}, {lat}");
                previous = x;
            }
        }
        for lon in (-180..=180).step_by(10) {
            let mut previous = f64::NEG_INFINITY;
            for lat in (-90..=90).step_by(2) {
                let (_, y) = natural_earth(f64::from(lon), f64::from(lat));
                assert!(y > previous, "y not increasing at {lon}, {lat}");
                previous = y;
            }
        }
    }

    #[test]
    fn symmetric_and_not_squashed() {
        let (x, y) = natural_earth(30.0, 40.0);
        assert_eq!(natural_earth(-30.0, -40.0), (-x, -y));
        // The published ratio of the Natural Earth projection: about 1.93 wide to 1 high.
        let height = 2.0 * natural_earth(0.0, 90.0).1;
        let ratio = 2.0 * HALF_WIDTH / height;
        assert!((ratio - 1.93).abs() < 0.02, "{ratio}");
        // Poles are lines, shorter than the equator (not a point, not full width).
        let pole = natural_earth(180.0, 90.0).0;
        assert!(pole > 0.4 * HALF_WIDTH && pole < 0.6 * HALF_WIDTH, "{pole}");
    }
}
