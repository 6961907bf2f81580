//! The text of a new file: front matter with every field of its kind's contract,
//! and a body that says what to write.

use super::*;

/// A plain YAML scalar when it reads back as the same string, else single-quoted
/// (a name such as `1999` or `True` would otherwise be a number or a boolean).
pub(super) fn scalar(text: &str) -> String {
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(serde_yaml::Value::String(read)) if read == text => text.to_string(),
        _ => format!("'{}'", text.replace('\'', "''")),
    }
}

/// Front matter lines, with their comments lined up.
struct Lines(String);

impl Lines {
    /// A line with its explaining comment.
    fn field(&mut self, text: &str, comment: &str) -> &mut Self {
        let padding = COMMENT_COLUMN.saturating_sub(text.chars().count()).max(1);
        self.0.push_str(text);
        self.0.extend(std::iter::repeat_n(' ', padding));
        self.0.push_str("# ");
        self.0.push_str(comment);
        self.0.push('\n');
        self
    }

    /// An optional field, commented out, with its explaining comment.
    fn optional(&mut self, text: &str, comment: &str) -> &mut Self {
        self.field(&format!("# {text}"), comment)
    }

    /// `name` and `acronym`, with which frameworks, programmes and operations start.
    fn name_and_acronym(&mut self, name: &str) -> &mut Self {
        self.field(&format!("name: {name}"), "required: the full name")
            .optional(
                "acronym: <acronym>",
                "optional: also add it to glossary.yaml",
            )
    }

    /// When and where a framework or programme was launched, and when it ended.
    fn launch_and_end(&mut self) -> &mut Self {
        self.optional("launched: YYYY-MM-DD", &format!("optional: {DATE_FORMAT}"))
            .optional(
                "launched_at: <summit or place>",
                "optional: where it was launched",
            )
            .optional("ended: YYYY-MM-DD", "optional: when it ended")
    }

    /// The one-sentence summary that lists show.
    fn summary(&mut self) -> &mut Self {
        self.optional(
            "summary: <one sentence>",
            "optional: one sentence for lists, plain text",
        )
    }

    /// `silence`, for a warning that does not apply, with the reason.
    fn silence(&mut self) -> &mut Self {
        self.optional(
            "silence: {<check>: <why>}",
            "optional: a warning's code (`warning[code]`) and why it does not apply",
        )
    }

    /// A comment line of its own.
    fn note(&mut self, text: &str) -> &mut Self {
        self.0.push_str("# ");
        self.0.push_str(text);
        self.0.push('\n');
        self
    }
}

const DATE_FORMAT: &str = "YYYY, YYYY-MM or YYYY-MM-DD";

const SOURCES_COMMENT: &str = "required: source ids from sources.yaml, e.g. [id-a, id-b]; `check` warns while the list is empty";

const CITING: &str = "Cite every fact right after it with `[@source-id]`, using an id from \
`content/sources.yaml`, and list the same id in `sources` above. Link other pages with \
`[[id]]`. Where sources disagree, say so and cite each side. Never write a date no source \
gives.";

/// The text of a new file of `kind` named `id`.
pub fn stub(kind: EntityKind, id: &str) -> String {
    let name = scalar(&name_from_id(id));
    let mut lines = Lines(String::from("---\n"));
    let body = match kind {
        EntityKind::Partner => {
            partner_front_matter(&mut lines, id, &name);
            format!(
                "## Background\n\nReplace this paragraph with the partner's story, in our own words: \
how and when its partnership with the Alliance began, the frameworks it joined, the \
programmes it used, the operations it took part in, and where it stood at the site's \
`status_as_of`. Frameworks, programmes and operations are listed on the page from the \
front matter; the text explains them.\n\n{CITING}\n"
            )
        }
        EntityKind::Framework => {
            lines
                .name_and_acronym(&name)
                .optional(
                    "kind: forum",
                    "optional: forum | programme | initiative | commission | council | grouping",
                )
                .launch_and_end()
                .optional("replaced_by: <framework id>", "optional: a framework id")
                .optional(
                    "seats_allies: true",
                    "optional: Allies sit in it too; former partners stay on as Allies",
                )
                .summary()
                .silence()
                .field("sources: []", SOURCES_COMMENT);
            format!(
                "## Origins\n\nReplace this paragraph with what the framework is, in our own words: \
when and where it was launched, what it was for, and how it changed or ended.\n\n\
## Work\n\nWhat its partners did in it. Its members are not listed here: the page \
derives them from the partners' `memberships`.\n\n{CITING}\n"
            )
        }
        EntityKind::Programme => {
            lines
                .name_and_acronym(&name)
                .launch_and_end()
                .optional("replaced_by: <programme id>", "optional: a programme id")
                .optional(
                    "frameworks: [<framework id>]",
                    "optional: frameworks whose partners it serves",
                )
                .optional(
                    "open_to: <who may use it>",
                    "optional: plain text saying who may use it",
                )
                .summary()
                .silence()
                .field("sources: []", SOURCES_COMMENT);
            format!(
                "## Purpose\n\nReplace this paragraph with what the programme is, in our own words: \
when and where it was launched, what it does and who uses it. Its participants are not \
listed here: the page derives them from the partners' `programmes` lists.\n\n{CITING}\n"
            )
        }
        EntityKind::Operation => {
            lines
                .name_and_acronym(&name)
                .optional(
                    "from: YYYY-MM-DD",
                    &format!("optional: start, {DATE_FORMAT}"),
                )
                .optional("until: YYYY-MM-DD", "optional: end")
                .optional("theatre: <where>", "optional: where it took place")
                .summary()
                .silence()
                .field("sources: []", SOURCES_COMMENT);
            format!(
                "## Mission\n\nReplace this paragraph with the operation's story, in our own words: \
its mandate, where and when it ran, and how it ended. The partners involved are not \
listed here: the page derives them from the partners' `operations` lists.\n\n{CITING}\n"
            )
        }
        EntityKind::Page => {
            lines
                .field(&format!("title: {name}"), "optional: the page title")
                .optional(
                    "summary: <one sentence>",
                    "optional: one sentence, plain text",
                )
                .silence()
                .optional(
                    "sources: [<source id>]",
                    "optional: sources the page rests on",
                );
            format!("Replace this paragraph with the page's text.\n\n{CITING}\n")
        }
    };
    let mut text = lines.0;
    text.push_str("---\n");
    text.push_str(&body);
    text
}

fn partner_front_matter(lines: &mut Lines, id: &str, name: &str) {
    let country = country_of(id);
    lines
        .field(&format!("name: {name}"), "required: the name pages show")
        .field(
            &format!(
                "kind: {}",
                if country.is_some() {
                    "country"
                } else {
                    "organisation"
                }
            ),
            "required: country | organisation",
        )
        .field(
            &format!("region: {PLACEHOLDER_REGION}"),
            "required: a placeholder; set one of the regions below",
        );
    let others: Vec<&str> = REGIONS
        .iter()
        .copied()
        .filter(|region| *region != PLACEHOLDER_REGION)
        .map(|region| {
            if region == "Europe" {
                "Europe (for European organisations)"
            } else {
                region
            }
        })
        .collect();
    let mut line = String::from("  other regions:");
    for (index, region) in others.iter().enumerate() {
        let item = if index + 1 < others.len() {
            format!(" {region},")
        } else {
            format!(" {region}")
        };
        if line.len() + item.len() > 88 {
            lines.note(&line);
            line = String::from("   ");
        }
        line.push_str(&item);
    }
    lines.note(&line);
    let iso_comment = "ISO 3166-1 alpha-3; required for countries, absent for organisations";
    match &country {
        Some(country) => lines.field(&format!("iso: {}", country.alpha3), iso_comment),
        None => lines.optional("iso: <ABC>", iso_comment),
    };
    lines
        .field(
            "status: partner",
            "required, at site.status_as_of: partner | suspended | member | interlocutor",
        )
        .summary()
        .optional(
            "memberships:",
            "optional: written once, here; framework pages derive their member lists",
        )
        .optional("  - framework: <framework id>", "required: a framework id")
        .optional(
            "    from: YYYY-MM-DD",
            &format!("optional: {DATE_FORMAT}; leave out when no source gives it"),
        )
        .optional(
            "    until: YYYY-MM-DD",
            "optional: end of membership, or of participation",
        )
        .optional("    role: observer", "optional: e.g. observer")
        .optional(
            "    note: <short note>",
            "optional: why it ended, or a disagreement between sources",
        )
        .optional(
            "    sources: [<source id>]",
            "optional: sources for this membership",
        )
        .optional(
            "nato_invited: YYYY-MM-DD",
            "optional: date of the invitation to join the Alliance",
        )
        .optional(
            "nato_member: YYYY-MM-DD",
            "optional: accession date; required when status is member",
        )
        .optional("programmes:", "optional: programmes it used")
        .optional("  - id: <programme id>", "required: a programme id")
        .optional("    from: YYYY", &format!("optional: {DATE_FORMAT}"))
        .optional("    until: YYYY", "optional")
        .optional("    note: <short note>", "optional")
        .optional(
            "    sources: [<source id>]",
            "optional: sources for this use",
        )
        .optional("operations:", "optional: ids, or {id, role, note, sources}")
        .optional("  - <operation id>", "a contributor, by id alone")
        .optional(
            "  - id: <operation id>",
            "required in the long form: an operation id",
        )
        .optional(
            "    role: host",
            "optional: when not a contributor (host, theatre, successor, ...)",
        )
        .optional("    note: <short note>", "optional")
        .optional(
            "    sources: [<source id>]",
            "optional: sources for this part",
        )
        .silence()
        .field("sources: []", SOURCES_COMMENT);
}
