//! Dates that keep the precision they were written with: `1994`, `1994-01` or
//! `1994-01-10`, shown as "1994", "January 1994" or "10 January 1994".

use std::cmp::Ordering;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date at year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date `{text}`: {reason} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError {
    pub text: String,
    pub reason: &'static str,
}

impl Date {
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let fail = |reason| DateError {
            text: text.to_string(),
            reason,
        };
        let trimmed = text.trim();
        let mut parts = trimmed.split('-');
        let year = parts
            .next()
            .filter(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| fail("the year must have four digits"))?;
        let year: u16 = year.parse().map_err(|_| fail("the year is not a number"))?;
        let month = match parts.next() {
            None => None,
            Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                let m: u8 = p.parse().map_err(|_| fail("the month is not a number"))?;
                if !(1..=12).contains(&m) {
                    return Err(fail("the month must be 01 to 12"));
                }
                Some(m)
            }
            Some(_) => return Err(fail("the month must have two digits")),
        };
        let day = match parts.next() {
            None => None,
            Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                let d: u8 = p.parse().map_err(|_| fail("the day is not a number"))?;
                let last = days_in_month(year, month.unwrap_or(1));
                if d == 0 || d > last {
                    return Err(fail("no such day in that month"));
                }
                Some(d)
            }
            Some(_) => return Err(fail("the day must have two digits")),
        };
        if parts.next().is_some() {
            return Err(fail("too many parts"));
        }
        Ok(Date { year, month, day })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The date as written: `1994`, `1994-01` or `1994-01-10`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// The date for readers, at its own precision.
    pub fn text(&self) -> String {
        let month_name = |m: u8| MONTHS[usize::from(m.clamp(1, 12)) - 1];
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month_name(m), self.year),
            (Some(m), None) => format!("{} {}", month_name(m), self.year),
            _ => self.year.to_string(),
        }
    }

    /// A sort key that puts a year before its months and a month before its days.
    fn key(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// True when this date may fall after `other` (comparing only what both know).
    pub fn is_before(&self, other: &Date) -> bool {
        let shared = self.precision().min(other.precision());
        self.truncate(shared).key() < other.truncate(shared).key()
    }

    fn truncate(&self, precision: Precision) -> Date {
        match precision {
            Precision::Year => Date {
                month: None,
                day: None,
                ..*self
            },
            Precision::Month => Date { day: None, ..*self },
            Precision::Day => *self,
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// How [`period_text`] writes a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodStyle {
    /// Dates as written: "10 January 1994–March 1999", "since May 1997".
    Dates,
    /// Years only: "1994–1999", "1994–" (ongoing), "1994" (within one year).
    Years,
}

/// A period from `from` to `until` in words, or none when both are unknown. The one
/// formatter of periods for cards and lists.
pub fn period_text(from: Option<Date>, until: Option<Date>, style: PeriodStyle) -> Option<String> {
    Some(match (style, from, until) {
        (_, None, None) => return None,
        (PeriodStyle::Dates, Some(f), Some(u)) => format!("{}–{}", f.text(), u.text()),
        (PeriodStyle::Dates, Some(f), None) => format!("since {}", f.text()),
        (PeriodStyle::Dates, None, Some(u)) => format!("until {}", u.text()),
        (PeriodStyle::Years, Some(f), Some(u)) if f.year == u.year => f.year.to_string(),
        (PeriodStyle::Years, Some(f), Some(u)) => format!("{}–{}", f.year, u.year),
        (PeriodStyle::Years, Some(f), None) => format!("{}–", f.year),
        (PeriodStyle::Years, None, Some(u)) => format!("until {}", u.year),
    })
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn periods_read_as_dates_or_as_years() {
        let d = |text: &str| Date::parse(text).ok();
        assert_eq!(
            period_text(d("1994-01-10"), d("1999-03"), PeriodStyle::Dates).as_deref(),
            Some("10 January 1994–March 1999")
        );
        assert_eq!(
            period_text(d("1997-05"), None, PeriodStyle::Dates).as_deref(),
            Some("since May 1997")
        );
        assert_eq!(
            period_text(None, d("2002"), PeriodStyle::Dates).as_deref(),
            Some("until 2002")
        );
        assert_eq!(
            period_text(d("1994-02"), d("1999-03-12"), PeriodStyle::Years).as_deref(),
            Some("1994–1999")
        );
        assert_eq!(
            period_text(d("1994-02"), d("1994-11"), PeriodStyle::Years).as_deref(),
            Some("1994")
        );
        assert_eq!(
            period_text(d("1994"), None, PeriodStyle::Years).as_deref(),
            Some("1994–")
        );
        assert_eq!(period_text(None, None, PeriodStyle::Years), None);
    }
    use super::*;

    #[test]
    fn keeps_the_precision_written() {
        assert_eq!(Date::parse("1994").unwrap().text(), "1994");
        assert_eq!(Date::parse("1994-01").unwrap().text(), "January 1994");
        assert_eq!(Date::parse("1994-01-10").unwrap().text(), "10 January 1994");
        assert_eq!(Date::parse("1994-01").unwrap().iso(), "1994-01");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "94",
            "1994-13",
            "1994-1",
            "1994-02-30",
            "1994-00",
            "x",
            "",
            "1994-01-01-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(Date::parse("2000-02-29").is_ok());
        assert!(Date::parse("1900-02-29").is_err());
    }

    #[test]
    fn orders_coarse_dates_first_and_compares_what_both_know() {
        let year = Date::parse("1994").unwrap();
        let month = Date::parse("1994-01").unwrap();
        let day = Date::parse("1994-01-10").unwrap();
        assert!(year < month && month < day);
        assert!(!year.is_before(&day));
        assert!(Date::parse("1993-12").unwrap().is_before(&day));
    }
}
