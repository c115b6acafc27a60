//! The `praxis` command line: turns library results into messages and exit codes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use praxis::diagnostic::{render_human, stderr_wants_color, Diagnostic, Severity};
use praxis::pipeline::{self, BuildError};
use praxis::site::BuildOptions;

/// Praxis: a static knowledge-hub generator for Communities of Practice.
#[derive(Parser)]
#[command(name = "praxis", version, about, long_about = None)]
struct Cli {
    /// The hub's root folder (where hub.yaml is).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the hub into a static site.
    Build {
        /// Output folder (default: ROOT/public).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Override hub.yaml's base_url (e.g. for a preview deployment).
        #[arg(long)]
        base_url: Option<String>,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Create a minimal hub in DIR that builds at once.
    Init {
        /// Where to create the hub.
        dir: PathBuf,
    },
    /// Create a new content file from its type's template (not available yet).
    New {
        /// Arguments, for forward compatibility.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Check the hub for problems without building it (not available yet).
    Check {
        /// Arguments, for forward compatibility.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Serve the hub with live reload (not available yet).
    Serve {
        /// Arguments, for forward compatibility.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Search a built hub from the command line (not available yet).
    Search {
        /// Arguments, for forward compatibility.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            out,
            drafts,
            base_url,
            quiet,
        } => {
            let out = out.unwrap_or_else(|| cli.root.join("public"));
            build(&cli.root, &out, BuildOptions { drafts, base_url }, quiet)
        }
        Command::Init { dir } => match praxis::init::init(&dir) {
            Ok(files) => {
                for file in files {
                    println!("created {}", file.display());
                }
                println!("\nBuild it with: praxis --root {} build", dir.display());
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        },
        Command::New { .. } => not_yet(
            "new",
            "create content by copying a template from docs/content.md",
        ),
        Command::Check { .. } => not_yet(
            "check",
            "run `praxis build`, which reports the same problems",
        ),
        Command::Serve { .. } => not_yet("serve", "run `praxis build` and open public/index.html"),
        Command::Search { .. } => not_yet("search", "browse the built site by topic and type"),
    }
}

fn not_yet(command: &str, instead: &str) -> ExitCode {
    eprintln!("error: `praxis {command}` is not available yet in this version of Praxis.\n  hint: for now, {instead}.");
    ExitCode::from(2)
}

fn print_diagnostics(diagnostics: &[Diagnostic], root: &Path, quiet: bool) {
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            if quiet {
                d.is_error()
            } else {
                d.severity >= Severity::Warning
            }
        })
        .cloned()
        .collect();
    if !shown.is_empty() {
        eprint!("{}", render_human(&shown, root, stderr_wants_color()));
    }
}

fn build(root: &Path, out: &Path, options: BuildOptions, quiet: bool) -> ExitCode {
    let started = Instant::now();
    let bar = (!quiet && stderr_wants_color()).then(|| {
        // Hidden at first: a progress display only helps when the build is long enough to notice.
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar
    });
    let progress = |stage: &str| {
        if let Some(bar) = &bar {
            if started.elapsed() > Duration::from_millis(300) && bar.is_hidden() {
                bar.set_draw_target(ProgressDrawTarget::stderr());
                bar.enable_steady_tick(Duration::from_millis(120));
            }
            bar.set_message(stage.to_string());
        }
    };
    let result = pipeline::build(root, out, &options, &progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(report) => {
            print_diagnostics(&report.diagnostics, root, quiet);
            if !quiet {
                let warnings = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Warning)
                    .count();
                eprintln!(
                    "Built {} pages, {} sections, {} terms ({} files) in {:.2} s into {}{}",
                    report.pages,
                    report.sections,
                    report.terms,
                    report.files,
                    report.elapsed.as_secs_f64(),
                    report.out_dir.display(),
                    if warnings > 0 {
                        format!(" with {warnings} warning(s)")
                    } else {
                        String::new()
                    }
                );
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Invalid(diagnostics)) => {
            print_diagnostics(&diagnostics, root, quiet);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "Build failed with {errors} error(s); the previous output in {} is unchanged.",
                out.display()
            );
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!(
                "error: {err}\nBuild failed; the previous output in {} is unchanged.",
                out.display()
            );
            ExitCode::FAILURE
        }
    }
}
