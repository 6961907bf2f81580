//! Where a value sits in a YAML text, found by its path: so that a diagnostic can
//! underline exactly the value at fault. serde keeps no positions once a value is
//! parsed; saphyr-parser's events carry them.

use saphyr_parser::{Event, Parser, Span};

use crate::diagnostics::Position;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// The value of a key of a mapping.
    Key(&'a str),
    /// An item of a sequence, counted from 0.
    Index(usize),
    /// The first item of a sequence that starts on this line of the file or later
    /// (an entry of a list file, known by the line of its `-`).
    ItemFromLine(usize),
}

/// One open collection while walking a document's events.
enum Open {
    Sequence { next: usize },
    Mapping { key: Option<String>, at_key: bool },
}

/// Where the value at `path` is written in `text`, whose first line is line
/// `first_line` of the file: its first character and the place just past its last.
/// `None` when the text does not parse as far as that value, or has none there.
pub fn locate(text: &str, first_line: usize, path: &[Step]) -> Option<(Position, Position)> {
    find(text, first_line, path, false)
}

/// Like [`locate`], but only a scalar (or alias) counts: a mapping or a sequence at
/// `path` gives `None`.
pub fn locate_scalar(text: &str, first_line: usize, path: &[Step]) -> Option<(Position, Position)> {
    find(text, first_line, path, true)
}

fn find(
    text: &str,
    first_line: usize,
    path: &[Step],
    scalars_only: bool,
) -> Option<(Position, Position)> {
    let to_position = |marker: saphyr_parser::Marker| {
        Position::new(marker.line() + first_line - 1, marker.col() + 1)
    };
    let mut open: Vec<Open> = Vec::new();
    // How many steps of `path` the open collections match, and the depth below
    // which a collection is a mapping key (never a match).
    let mut matched = 0;
    let mut key_depth: Option<usize> = None;
    let mut found: Option<(usize, Position)> = None;
    for result in Parser::new_from_str(text) {
        let (event, span): (Event, Span) = result.ok()?;
        let is_start = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        match event {
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::SequenceStart(..)
            | Event::MappingStart(..) => {
                let depth = open.len();
                let mut step = None;
                match open.last_mut() {
                    Some(Open::Sequence { next }) => {
                        step = Some((None, *next));
                        *next += 1;
                    }
                    Some(Open::Mapping { key, at_key }) if *at_key => {
                        *key = match &event {
                            Event::Scalar(value, ..) => Some(value.to_string()),
                            _ => None,
                        };
                        *at_key = false;
                        if is_start && key_depth.is_none() {
                            key_depth = Some(depth);
                        }
                    }
                    Some(Open::Mapping { key, at_key }) => {
                        step = Some((key.clone(), 0));
                        *at_key = true;
                    }
                    None => {}
                }
                if let Some((key, index)) = step
                    && key_depth.is_none()
                    && matched + 1 == depth
                    && depth <= path.len()
                {
                    let hit = match (path[depth - 1], key) {
                        (Step::Key(wanted), Some(key)) => wanted == key,
                        (Step::Index(wanted), None) => wanted == index,
                        (Step::ItemFromLine(line), None) => to_position(span.start).line >= line,
                        _ => false,
                    };
                    if hit {
                        matched = depth;
                        if depth == path.len() {
                            if is_start && scalars_only {
                                return None;
                            }
                            if !is_start {
                                return Some((to_position(span.start), to_position(span.end)));
                            }
                            found = Some((depth, to_position(span.start)));
                        } else if !is_start {
                            return None; // the path goes on into a scalar
                        }
                    }
                }
                match event {
                    Event::SequenceStart(..) => open.push(Open::Sequence { next: 0 }),
                    Event::MappingStart(..) => open.push(Open::Mapping {
                        key: None,
                        at_key: true,
                    }),
                    _ => {}
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                // The depth of the collection that ends (the root's is 0).
                let closing = open.len().saturating_sub(1);
                open.pop();
                if key_depth == Some(closing) {
                    key_depth = None;
                }
                if let Some((found_depth, start)) = found
                    && found_depth == closing
                {
                    return Some((start, to_position(span.end)));
                }
                if closing >= 1 && closing == matched {
                    // The collection the path leads into ends without the value.
                    return None;
                }
            }
            Event::DocumentEnd | Event::StreamEnd => return None,
            _ => {}
        }
    }
    None
}

/// The scalar (or alias) that starts at `start` in `text`, whose first line is line
/// `first_line` of the file.
pub fn scalar_at(text: &str, first_line: usize, start: Position) -> Option<(Position, Position)> {
    let to_position = |marker: saphyr_parser::Marker| {
        Position::new(marker.line() + first_line - 1, marker.col() + 1)
    };
    for result in Parser::new_from_str(text) {
        let (event, span) = result.ok()?;
        let at = to_position(span.start);
        if at > start {
            return None;
        }
        if at == start && matches!(event, Event::Scalar(..) | Event::Alias(_)) {
            return Some((at, to_position(span.end)));
        }
    }
    None
}
