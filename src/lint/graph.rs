//! Checks across the graph: records that are each valid but that the rest of the
//! reference contradicts. A membership outside its framework's life, a programme
//! used outside its own or by a partner of none of its frameworks, a partner in no
//! framework, an event about one partner's programme that the partner's record does
//! not bear out. Each is a warning with a code that a record may silence on purpose
//! (docs/content.md, "Checks across the graph").

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter;
use crate::load::yaml::{self, Step};
use crate::model::{Document, EventKind, Meta, PartnerKind, PartnerMeta, Status};
use crate::resolve::{Event, Site, name_of};

pub(super) fn check(site: &Site, warnings: &mut Diagnostics) {
    for document in &site.documents {
        if let Meta::Partner(partner) = &document.meta {
            check_memberships(site, document, partner, warnings);
            check_programme_uses(site, document, partner, warnings);
            check_in_a_framework(site, document, partner, warnings);
        }
    }
    for event in &site.events {
        check_event_programmes(site, event, warnings);
    }
}

/// When a framework or programme ran: launched and ended, where written.
struct Life<'a> {
    name: String,
    launched: Option<Date>,
    ended: Option<Date>,
    code: &'static str,
    what: &'a str,
}

/// What is wrong with a period `from`–`until` of something whose life is `life`.
fn outside(life: &Life, from: Option<Date>, until: Option<Date>) -> Option<(String, &'static str)> {
    let Life { name, what, .. } = life;
    if let (Some(from), Some(launched)) = (from, life.launched)
        && from.is_before(&launched)
    {
        let message = format!(
            "this {what} begins {}, before {name} was launched ({})",
            from.text(),
            launched.text()
        );
        return Some((message, "from"));
    }
    let ended = life.ended?;
    if let Some(from) = from
        && ended.is_before(&from)
    {
        let message = format!(
            "this {what} begins {}, after {name} ended ({})",
            from.text(),
            ended.text()
        );
        return Some((message, "from"));
    }
    match until {
        Some(until) if ended.is_before(&until) => Some((
            format!(
                "this {what} runs until {}, after {name} ended ({})",
                until.text(),
                ended.text()
            ),
            "until",
        )),
        // An entry without an end ends with what it belongs to (resolve/lifetimes.rs).
        _ => None,
    }
}

fn check_memberships(
    site: &Site,
    document: &Document,
    partner: &PartnerMeta,
    warnings: &mut Diagnostics,
) {
    for (index, membership) in partner.memberships.iter().enumerate() {
        let Some(framework) = site.document(&membership.framework) else {
            continue; // an unknown id is an error already
        };
        let Meta::Framework(meta) = &framework.meta else {
            continue;
        };
        let life = Life {
            name: name_of(framework),
            launched: meta.launched,
            ended: meta.ended,
            code: "outside-framework-life",
            what: "membership",
        };
        report_outside(
            document,
            &life,
            "memberships",
            index,
            membership.from,
            membership.until,
            warnings,
        );
    }
}

fn check_programme_uses(
    site: &Site,
    document: &Document,
    partner: &PartnerMeta,
    warnings: &mut Diagnostics,
) {
    for (index, use_) in partner.programmes.iter().enumerate() {
        let Some(programme) = site.document(&use_.id) else {
            continue;
        };
        let Meta::Programme(meta) = &programme.meta else {
            continue;
        };
        let life = Life {
            name: name_of(programme),
            launched: meta.launched,
            ended: meta.ended,
            code: "outside-programme-life",
            what: "use of the programme",
        };
        report_outside(
            document,
            &life,
            "programmes",
            index,
            use_.from,
            use_.until,
            warnings,
        );

        // Only ids that name frameworks: another kind of id is an error already.
        let frameworks: Vec<&Document> = meta
            .frameworks
            .iter()
            .filter_map(|id| site.document(id))
            .filter(|d| matches!(d.meta, Meta::Framework(_)))
            .collect();
        let belongs = partner
            .memberships
            .iter()
            .any(|m| frameworks.iter().any(|f| f.id == m.framework));
        if !frameworks.is_empty() && !belongs {
            let names: Vec<String> = frameworks.iter().map(|f| name_of(f)).collect();
            let warning = Diagnostic::warning(
                &document.origin.file,
                format!(
                    "{} serves the partners of {}, and this partner belongs to none of them",
                    name_of(programme),
                    names.join(", ")
                ),
            )
            .with_code("programme-outside-its-frameworks")
            .with_help(
                "add the membership the sources give, or take the programme off this partner",
            );
            warnings.push(point(
                document,
                &[Step::Key("programmes"), Step::Index(index), Step::Key("id")],
                warning,
            ));
        }
    }
}

fn report_outside(
    document: &Document,
    life: &Life,
    list: &str,
    index: usize,
    from: Option<Date>,
    until: Option<Date>,
    warnings: &mut Diagnostics,
) {
    if let Some((message, key)) = outside(life, from, until) {
        let warning = Diagnostic::warning(&document.origin.file, message)
            .with_code(life.code)
            .with_help("check both dates against the sources; where they disagree, say so in the entry's `note`");
        let path = [Step::Key(list), Step::Index(index), Step::Key(key)];
        let warning = point(document, &path, warning);
        // Without a `from` to point at, the entry itself.
        warnings.push(if warning.line.is_some() {
            warning
        } else {
            point(document, &path[..2], warning)
        });
    }
}

/// A country whose status is `partner` belongs to a framework at the status date.
fn check_in_a_framework(
    site: &Site,
    document: &Document,
    partner: &PartnerMeta,
    warnings: &mut Diagnostics,
) {
    if partner.kind != PartnerKind::Country || partner.status != Status::Partner {
        return;
    }
    let as_of = site.config.status_as_of;
    let open = partner.memberships.iter().any(|m| {
        m.from.is_none_or(|from| !as_of.is_before(&from))
            && m.until.is_none_or(|until| !until.is_before(&as_of))
    });
    if !open {
        let warning = Diagnostic::warning(
            &document.origin.file,
            format!(
                "`status: partner`, but no membership is open at the status date ({})",
                as_of.text()
            ),
        )
        .with_code("partner-in-no-framework")
        .with_help("give the membership that makes it a partner, or the status the sources give");
        warnings.push(point(document, &[Step::Key("status")], warning));
    }
}

/// A launch or membership event about one partner and some programmes: the partner
/// lists one of them, from the event's date (at the precision both give), unless the
/// event records the disagreement in `differs_from_record`.
fn check_event_programmes(site: &Site, event: &Event, warnings: &mut Diagnostics) {
    let record = &event.entry.record;
    let [partner_id] = record.partners.as_slice() else {
        return;
    };
    if !matches!(record.kind, EventKind::Launch | EventKind::Membership)
        || record.programmes.is_empty()
        || record.differs_from_record.is_some()
    {
        return;
    }
    let Some(partner) = site.partner(partner_id) else {
        return;
    };
    let uses: Vec<_> = partner
        .programmes
        .iter()
        .filter(|u| record.programmes.contains(&u.id))
        .collect();
    let agrees = |from: Option<Date>| {
        from.is_none_or(|from| !from.is_before(&record.date) && !record.date.is_before(&from))
    };
    let message = if uses.is_empty() {
        format!(
            "this event is about `{partner_id}` and {}, but the partner lists none of them",
            record.programmes.join(", ")
        )
    } else if !uses.iter().any(|u| agrees(u.from)) {
        let froms: Vec<String> = uses
            .iter()
            .filter_map(|u| {
                u.from
                    .map(|from| format!("`{}` from {}", u.id, from.text()))
            })
            .collect();
        format!(
            "this event is dated {}, but `{partner_id}` lists {}",
            record.date.text(),
            froms.join(", ")
        )
    } else {
        return;
    };
    warnings.push(
        Diagnostic::warning(&event.entry.origin.file, message)
            .with_code("event-disagrees-with-programme-use")
            .with_help("correct whichever record the sources do not support, or keep both and explain in the event's `differs_from_record`")
            .at_line(Some(event.entry.origin.line)),
    );
}

/// `warning`, pointing at the value at `path` in the document's front matter when
/// it is found there.
fn point(document: &Document, path: &[Step], warning: Diagnostic) -> Diagnostic {
    let found = frontmatter::split(&document.text)
        .ok()
        .and_then(|split| yaml::locate(split.front_matter?, split.front_matter_line, path));
    match found {
        Some((start, end)) => warning.spanning(start, end),
        None => warning,
    }
}
