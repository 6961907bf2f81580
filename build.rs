//! Compiles the default `templates/` and `static/` into the binary, so it can build
//! any content folder, and fails the cargo build, naming the template, when a
//! default template does not parse. Also prepares the syntax definitions the
//! highlighter loads (see [`syntaxes`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files_under(folder: &Path) -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(folder)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            (relative, entry.path().to_path_buf())
        })
        .collect();
    files.sort();
    files
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let templates_dir = manifest.join("templates");
    let static_dir = manifest.join("static");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=static");

    let templates = files_under(&templates_dir);
    let statics = files_under(&static_dir);

    // Every default template must parse, alone and together (inheritance).
    let mut tera = tera::Tera::new();
    let mut texts = Vec::new();
    for (name, path) in &templates {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => fail(&format!("templates/{name}: cannot read: {error}")),
        };
        let mut single = tera::Tera::new();
        if let Err(error) = single.add_raw_template(name, &text)
            && matches!(error.kind(), tera::ErrorKind::SyntaxError(_))
        {
            fail(&format!("templates/{name} does not parse:\n{error}"));
        }
        texts.push((name.clone(), text));
    }
    if let Err(error) = tera.add_raw_templates(texts.iter().map(|(n, t)| (n, t))) {
        fail(&format!(
            "the default templates do not load together:\n{error}"
        ));
    }

    let mut code = String::from(
        "/// Default templates: (name, text).\npub static TEMPLATES: &[(&str, &str)] = &[\n",
    );
    for (name, path) in &templates {
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n/// Default static files: (path, bytes).\npub static STATIC_FILES: &[(&str, &[u8])] = &[\n");
    for (name, path) in &statics {
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let out = out_dir.join("embedded.rs");
    if let Err(error) = std::fs::write(&out, code) {
        fail(&format!("cannot write {}: {error}", out.display()));
    }
    syntaxes(&out_dir.join("syntaxes.packdump"));
}

/// How the YAML grammar's two patterns for implicitly typed plain scalars (null,
/// booleans, integers, floats, timestamps, `=` and `<<`) begin.
const IMPLICIT_TYPES: &str = "(?x)\n(?x:\n    ((?:null|Null|NULL|~))";

/// A lookahead for every character such a scalar can begin with: `n N ~` (null),
/// `y Y n N t T f F o O` (booleans), `- +` and digits (integers, floats,
/// timestamps), `.` (floats), `=` and `<`. It admits a superset of the positions
/// where the pattern can match, so it changes no match.
const IMPLICIT_TYPES_GUARD: &str = "(?=[-+.~=<\\dnNyYtTfFoO])";

/// Writes to `out` syntect's own syntax definitions with one change. The YAML
/// grammar searches for implicitly typed scalars from each place in a line where a
/// token may start; the search tries all of some forty alternatives at every
/// position to the end of the line, and took three fifths of the highlighter's
/// regex time on a YAML block. With [`IMPLICIT_TYPES_GUARD`] in front, a position
/// that cannot begin such a scalar is passed over at once: the same matches, in
/// about a third of the time. `highlight.rs` loads the result; its tests check
/// that YAML highlights exactly as with syntect's own definitions.
fn syntaxes(out: &Path) {
    use syntect::parsing::syntax_definition::Pattern;
    use syntect::parsing::{Regex, SyntaxSet, SyntaxSetBuilder};

    let mut definitions = SyntaxSet::load_defaults_newlines()
        .into_builder()
        .syntaxes()
        .to_vec();
    let mut guarded = 0;
    let patterns = definitions
        .iter_mut()
        .filter(|syntax| syntax.name == "YAML")
        .flat_map(|syntax| syntax.contexts.values_mut())
        .flat_map(|context| context.patterns.iter_mut());
    for pattern in patterns {
        if let Pattern::Match(matcher) = pattern
            && matcher.regex.regex_str().starts_with(IMPLICIT_TYPES)
        {
            let extended = "(?x)\n";
            let with_guard = format!("{extended}{IMPLICIT_TYPES_GUARD}");
            matcher.regex =
                Regex::new(matcher.regex.regex_str().replacen(extended, &with_guard, 1));
            guarded += 1;
        }
    }
    if guarded != 2 {
        // A syntect whose YAML grammar has changed: its definitions are used as
        // they are, and `highlight.rs`'s tests say the guard is missing.
        println!(
            "cargo::warning=the YAML grammar's implicit-type patterns were not found ({guarded} of 2): YAML highlights unguarded"
        );
    }
    let mut builder = SyntaxSetBuilder::new();
    for definition in definitions {
        builder.add(definition);
    }
    if let Err(error) = syntect::dumps::dump_to_uncompressed_file(&builder.build(), out) {
        fail(&format!("cannot write {}: {error}", out.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    println!("cargo::error={}", message.lines().next().unwrap_or(message));
    std::process::exit(1);
}
