//! The date parser: whatever `Date::parse` accepts is a real calendar date that
//! reads back as itself, and the same text read as a YAML value gives the same
//! date or an error. Dates built from any numbers format and compare without
//! panicking.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use natopartners::date::Date;
use natopartners::load::yaml;

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// A date made from raw numbers, not necessarily a valid one.
fn raw(bytes: &[u8]) -> Date {
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    Date {
        year: u16::from_le_bytes([byte(0), byte(1)]),
        month: (byte(2) & 1 == 1).then_some(byte(3)),
        day: (byte(2) & 2 == 2).then_some(byte(4)),
    }
}

fuzz_target!(|data: &[u8]| {
    // Formatting and ordering never panic, even on dates no parser would make.
    let (a, b) = (raw(data), raw(data.get(5..).unwrap_or_default()));
    let _ = (a.text(), a.iso(), a.precision(), a.is_before(&b), a.cmp(&b));

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(date) = Date::parse(text) else {
        return;
    };
    match (date.month, date.day) {
        (Some(month), day) => {
            assert!((1..=12).contains(&month), "month {month}");
            if let Some(day) = day {
                assert!(
                    (1..=days_in_month(date.year, month)).contains(&day),
                    "day {day} of month {month} in {}",
                    date.year
                );
            }
        }
        (None, day) => assert!(day.is_none(), "a day without a month"),
    }
    assert_eq!(
        date.iso(),
        text.trim(),
        "the date does not read back as written"
    );
    assert_eq!(Date::parse(&date.iso()), Ok(date));
    assert!(!date.text().is_empty());
    assert!(!date.is_before(&date));
    // Front matter reads dates through YAML: unquoted (a number or a string) and quoted.
    if let Ok(through_yaml) = yaml::parse::<Date>(Path::new("x.yaml"), &date.iso(), 1) {
        assert_eq!(
            through_yaml,
            date,
            "YAML reads {} as another date",
            date.iso()
        );
    }
    let quoted = format!("'{}'", date.iso());
    let through_yaml = yaml::parse::<Date>(Path::new("x.yaml"), &quoted, 1);
    assert_eq!(through_yaml.ok(), Some(date), "YAML does not read {quoted}");
});
