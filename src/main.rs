//! The command line: parse arguments, call the library, print diagnostics, exit.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use natopartners::diagnostics::render::{self, SourceCache};
use natopartners::diagnostics::{Diagnostic, Diagnostics, Failure};
use natopartners::model::EntityKind;
use natopartners::{BuildOptions, build, check};

// A build allocates many small strings and values per page on every thread;
// mimalloc's thread-local heaps make that markedly faster than the system allocator
// (see the Speed section of README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Before the first allocation reserves an arena (from the ELF initialisers), the
// allocator is told how to hold and hand back memory: see natopartners::allocator.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static ALLOCATOR_OPTIONS: extern "C" fn() = allocator_options;

#[cfg(target_os = "linux")]
extern "C" fn allocator_options() {
    natopartners::allocator::configure();
}

#[derive(Parser)]
#[command(
    name = "natopartners",
    version,
    about = "Builds the NATO partnerships reference site from content/, templates/ and static/"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder (replaced only when the whole build succeeds).
    Build {
        /// The folder holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Absolute URL where the site will be published (for canonical links and sitemap.xml).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Print the time spent in each stage (load, resolve, lint, templates, render, write).
        #[arg(long)]
        timings: bool,
    },
    /// Check the content and templates; write nothing.
    Check {
        /// The folder holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print diagnostics: `text` on stderr, or `json` (JSON Lines, one
        /// object per diagnostic) on stdout.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Serve the site from memory on 127.0.0.1, rebuild on every change and reload
    /// open pages; a failed rebuild shows its errors over the last good pages.
    Serve {
        /// The folder holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port [default: 1111 if free, else any free port; 0: any free port].
        #[arg(long)]
        port: Option<u16>,
        /// The address to listen on. Anything but loopback exposes the site to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Print the time spent in each stage of every build.
        #[arg(long)]
        timings: bool,
    },
    /// Start a content file with every field of the content contract: required ones
    /// filled with placeholders `check` accepts, optional ones as comments.
    New {
        /// What the file describes.
        #[arg(value_enum)]
        kind: NewKind,
        /// Its id, the file name: lowercase letters, digits and hyphens.
        id: String,
        /// The folder holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// The kinds of file `new` starts.
#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Partner,
    Framework,
    Programme,
    Operation,
    Page,
}

impl From<NewKind> for EntityKind {
    fn from(kind: NewKind) -> Self {
        match kind {
            NewKind::Partner => EntityKind::Partner,
            NewKind::Framework => EntityKind::Framework,
            NewKind::Programme => EntityKind::Programme,
            NewKind::Operation => EntityKind::Operation,
            NewKind::Page => EntityKind::Page,
        }
    }
}

/// How diagnostics are printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// As a compiler prints them, on stderr: the source line, the text at fault
    /// underlined, a hint when there is one.
    Text,
    /// JSON Lines on stdout, one object per diagnostic (see docs/content.md).
    Json,
}

/// Prints diagnostics; text reads the files they point into from `root`.
fn print_diagnostics(root: &Path, diagnostics: &Diagnostics, format: Format) {
    match format {
        Format::Text => {
            let sources = SourceCache::read(root, diagnostics);
            let colour = render::stderr_wants_colour();
            eprint!("{}", render::to_text(diagnostics, &sources, colour));
        }
        Format::Json => print!("{}", render::to_json_lines(diagnostics)),
    }
}

fn report_failure(root: &Path, failure: &Failure, format: Format) -> ExitCode {
    match failure {
        Failure::Content { diagnostics } => {
            print_diagnostics(root, diagnostics, format);
            eprintln!(
                "failed: {} error(s), {} warning(s); nothing was written",
                diagnostics.error_count(),
                diagnostics.warning_count()
            );
        }
        Failure::Io { path, message } => {
            if format == Format::Json {
                let mut io = Diagnostics::new();
                io.push(Diagnostic::error(path, message));
                print_diagnostics(root, &io, format);
            }
            eprintln!("error: {failure}");
        }
    }
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    natopartners::hashing::configure();
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            timings,
        } => {
            if let Some(url) = &base_url
                && !(url.starts_with("http://") || url.starts_with("https://"))
            {
                eprintln!("error: --base-url must be an absolute http(s) URL, got `{url}`");
                return ExitCode::FAILURE;
            }
            let output = output.unwrap_or_else(|| root.join("public"));
            let options = BuildOptions {
                root,
                output: output.clone(),
                base_url,
            };
            match build(&options) {
                Ok(report) => {
                    print_diagnostics(&options.root, &report.warnings, Format::Text);
                    if timings {
                        for (stage, took) in &report.timings.stages {
                            eprintln!("{stage:>10}: {took:.2?}");
                        }
                    }
                    println!(
                        "built {} pages ({} files) into {} in {:.2?}{}",
                        report.pages,
                        report.files,
                        output.display(),
                        report.elapsed,
                        match report.warnings.warning_count() {
                            0 => String::new(),
                            n => format!(", {n} warning(s)"),
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(failure) => report_failure(&options.root, &failure, Format::Text),
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            timings,
        } => match natopartners::serve::serve(natopartners::serve::ServeOptions {
            root,
            bind,
            port,
            open,
            timings,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::New { kind, id, root } => {
            match natopartners::scaffold::create(&root, kind.into(), &id) {
                Ok(created) => {
                    println!("wrote {}", created.path.display());
                    for note in &created.notes {
                        println!("note: {note}");
                    }
                    let check = if root == Path::new(".") {
                        "natopartners check".to_string()
                    } else {
                        format!("natopartners check --root {}", root.display())
                    };
                    println!("next: edit it, then run `{check}`");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    eprintln!("nothing was written");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { root, format } => match check(&root) {
            Ok(report) => {
                print_diagnostics(&root, &report.warnings, format);
                let summary = format!(
                    "ok: {} pages would be built, {} warning(s)",
                    report.pages,
                    report.warnings.warning_count()
                );
                // With JSON on stdout, the summary goes to stderr.
                match format {
                    Format::Text => println!("{summary}"),
                    Format::Json => eprintln!("{summary}"),
                }
                ExitCode::SUCCESS
            }
            Err(failure) => report_failure(&root, &failure, format),
        },
    }
}
