//! Compiles the default `templates/` and `static/` into the binary, so it can build
//! any content folder, and fails the cargo build, naming the template, when a
//! default template does not parse.

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
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("embedded.rs");
    if let Err(error) = std::fs::write(&out, code) {
        fail(&format!("cannot write {}: {error}", out.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    println!("cargo::error={}", message.lines().next().unwrap_or(message));
    std::process::exit(1);
}
