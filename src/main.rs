//! The command line: parse arguments, call the library, print diagnostics, exit.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use natopartners::diagnostics::{Diagnostics, Failure};
use natopartners::{BuildOptions, build, check};

// A build allocates many small strings and values per page on every thread;
// mimalloc's thread-local heaps make that markedly faster than the system allocator
// (see the Speed section of README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    },
}

fn print_warnings(warnings: &Diagnostics) {
    for warning in warnings.sorted() {
        eprintln!("{warning}");
    }
}

fn report_failure(failure: &Failure) -> ExitCode {
    match failure {
        Failure::Content { diagnostics } => {
            for diagnostic in diagnostics.sorted() {
                eprintln!("{diagnostic}");
            }
            eprintln!(
                "failed: {} error(s), {} warning(s); nothing was written",
                diagnostics.error_count(),
                diagnostics.warning_count()
            );
        }
        Failure::Io { .. } => eprintln!("error: {failure}"),
    }
    ExitCode::FAILURE
}

fn main() -> ExitCode {
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
                    print_warnings(&report.warnings);
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
                Err(failure) => report_failure(&failure),
            }
        }
        Command::Check { root } => match check(&root) {
            Ok(report) => {
                print_warnings(&report.warnings);
                println!(
                    "ok: {} pages would be built, {} warning(s)",
                    report.pages,
                    report.warnings.warning_count()
                );
                ExitCode::SUCCESS
            }
            Err(failure) => report_failure(&failure),
        },
    }
}
