//! Coverage of the shipped reference, asserted from the content itself rather than
//! from counts kept in step by hand.

use std::path::Path;

use natopartners::model::{EntityKind, Meta, PartnerKind, Status};
use natopartners::resolve::Site;

fn shipped_site() -> Site {
    shipped_site_and_warnings().0
}

/// The shipped site, and the warnings of loading and resolving it (where the
/// consistency rules report).
fn shipped_site_and_warnings() -> (Site, natopartners::diagnostics::Diagnostics) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (content, mut diagnostics) = natopartners::load::load(root);
    let site = natopartners::resolve::resolve(content, None, &mut diagnostics);
    assert!(
        !diagnostics.has_errors(),
        "the shipped content has errors:\n{diagnostics}"
    );
    (site, diagnostics)
}

#[test]
fn every_framework_has_members() {
    let site = shipped_site();
    for framework in site.documents_of(EntityKind::Framework) {
        let members = site
            .members_by_framework
            .get(&framework.id)
            .map_or(0, Vec::len);
        assert!(members > 0, "framework `{}` has no member", framework.id);
    }
}

#[test]
fn every_source_is_cited() {
    let site = shipped_site();
    let uncited: Vec<_> = site
        .sources
        .iter()
        .filter(|s| !site.citers.contains_key(&s.id))
        .map(|s| s.id.as_str())
        .collect();
    assert!(uncited.is_empty(), "never cited: {uncited:?}");
}

#[test]
fn every_country_has_a_membership_or_is_an_interlocutor() {
    // International organisations work with NATO outside the partnership frameworks,
    // so only countries are held to this rule.
    let site = shipped_site();
    for document in site.documents_of(EntityKind::Partner) {
        let Meta::Partner(partner) = &document.meta else {
            continue;
        };
        if partner.kind == PartnerKind::Country && partner.status != Status::Interlocutor {
            assert!(
                !partner.memberships.is_empty(),
                "`{}` has no membership",
                document.id
            );
        }
    }
}

#[test]
fn every_entity_has_sources_and_every_partner_a_narrative() {
    let site = shipped_site();
    for document in &site.documents {
        if document.meta.kind() == EntityKind::Page {
            continue;
        }
        assert!(
            !document.meta.sources().is_empty(),
            "`{}` has no sources",
            document.id
        );
        if document.meta.kind() == EntityKind::Partner {
            // Several paragraphs, even where the sources say little.
            let words = document.body().split_whitespace().count();
            let paragraphs = document
                .body()
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .count();
            assert!(
                words >= 120 && paragraphs >= 2,
                "`{}` has a narrative of {words} words in {paragraphs} paragraph(s)",
                document.id
            );
        }
    }
}

#[test]
fn status_member_matches_accession_by_the_status_date_and_every_event_is_sourced() {
    // A `member` without `nato_member` is already an error; what only this test
    // catches is the other way round: a partner that had joined NATO by the status
    // date but is still written as a partner (or one that joined later written as a
    // member).
    let site = shipped_site();
    let as_of = site.config.status_as_of;
    for document in site.documents_of(EntityKind::Partner) {
        let Meta::Partner(partner) = &document.meta else {
            continue;
        };
        let joined_by_then = partner
            .nato_member
            .is_some_and(|joined| !as_of.is_before(&joined));
        assert_eq!(
            partner.status == Status::Member,
            joined_by_then,
            "`{}`: status {:?} but nato_member {:?} (status date {})",
            document.id,
            partner.status,
            partner.nato_member.map(|d| d.iso()),
            as_of.iso()
        );
    }
    for event in &site.events {
        assert!(
            !event.entry.record.sources.is_empty(),
            "`{}` has no source",
            event.entry.record.title
        );
    }
}

#[test]
fn every_year_of_the_timeline_has_an_event() {
    let site = shipped_site();
    let range = site.config.timeline;
    for year in range.start..=range.end {
        assert!(
            site.events.iter().any(|e| e.entry.record.date.year == year),
            "no event in {year}"
        );
    }
}

#[test]
fn no_content_warnings_but_those_silenced_on_purpose() {
    // Every rule of the graph (partnership ends at accession, events agree with the
    // records, checks across the graph) and every lint holds over the shipped
    // content, apart from the few warnings a record silences with its reason; and
    // every such silence still silences something.
    let (site, mut warnings) = shipped_site_and_warnings();
    warnings.extend(natopartners::lint::lint(&site));
    let found = warnings.warning_count();
    natopartners::resolve::apply_silences(&site.silences, &mut warnings);
    let left: Vec<String> = warnings.warnings().map(ToString::to_string).collect();
    assert!(left.is_empty(), "{}", left.join("\n"));
    assert_eq!(found, site.silences.len(), "one warning for each silence");
}
