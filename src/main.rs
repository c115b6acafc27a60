//! The `praxis` command line: turns library results into messages and exit codes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use praxis::diagnostic::{render_human, stderr_wants_color, Diagnostic, Severity};
use praxis::pipeline::{self, BuildError};
use praxis::site::BuildOptions;

/// mimalloc returns the memory a build frees as it goes, which glibc's arenas kept (see
/// Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Create a content file of a type, with its front-matter filled in.
    New {
        /// The content type (guide, story, report, webinar, event, member, …).
        #[arg(value_name = "TYPE")]
        kind: String,
        /// The title; the file name is made from it.
        title: String,
        /// The language, when it is not the hub's default.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Check the hub for problems without building it.
    Check {
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Count warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Print the JSON Schema of each content type's front-matter.
    Schema {
        /// Only this type.
        #[arg(value_name = "TYPE")]
        kind: Option<String>,
    },
    /// Build the hub, serve it on loopback, rebuild on every change and reload open tabs.
    Serve {
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; 0.0.0.0 makes the preview reachable from other machines.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Leave drafts out (they are built, and marked, by default).
        #[arg(long)]
        no_drafts: bool,
        /// Send open tabs to the page just edited.
        #[arg(long)]
        follow: bool,
    },
    /// Search the built hub's index from the command line.
    Search {
        /// The words to find.
        query: String,
        /// Only this content type (guide, story, …).
        #[arg(long = "type", value_name = "TYPE")]
        kind: Option<String>,
        /// Only this topic id.
        #[arg(long)]
        topic: Option<String>,
        /// Only this region id.
        #[arg(long)]
        region: Option<String>,
        /// Only this language.
        #[arg(long)]
        lang: Option<String>,
        /// How many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print a JSON array of {url, title, type, lang, date, score, snippet}.
        #[arg(long)]
        json: bool,
        /// The built site (default: ROOT/public).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Output formats of `praxis check`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Like rustc: location, source line, caret and hint.
    Human,
    /// A JSON array of {file, line, col, severity, code, message, hint}.
    Json,
    /// GitHub Actions annotations, and a job summary when $GITHUB_STEP_SUMMARY is set.
    Github,
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
        Command::Init { dir } => match praxis::scaffold::init(&dir) {
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
        Command::New { kind, title, lang } => new(&cli.root, &kind, &title, lang.as_deref()),
        Command::Check { format, strict } => check(&cli.root, format, strict),
        Command::Schema { kind } => schema(&cli.root, kind.as_deref()),
        Command::Serve {
            port,
            bind,
            open,
            no_drafts,
            follow,
        } => serve(
            &cli.root,
            &praxis::serve::ServeOptions {
                bind,
                port,
                drafts: !no_drafts,
                follow,
            },
            open,
        ),
        Command::Search {
            query,
            kind,
            topic,
            region,
            lang,
            limit,
            json,
            out,
        } => {
            let request = praxis::search::query::SearchRequest {
                query,
                kind,
                topic,
                region,
                lang,
                limit,
            };
            search(
                &out.unwrap_or_else(|| cli.root.join("public")),
                &request,
                json,
            )
        }
    }
}

fn load_config(root: &Path) -> Result<praxis::config::HubConfig, ExitCode> {
    praxis::config::HubConfig::load(root).map_err(|d| {
        eprint!("{}", render_human(&[d], root, stderr_wants_color()));
        ExitCode::FAILURE
    })
}

fn new(root: &Path, kind: &str, title: &str, lang: Option<&str>) -> ExitCode {
    let config = match load_config(root) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let today = chrono::Local::now().date_naive();
    match praxis::scaffold::new_content(root, &config, kind, title, lang, today) {
        Ok(path) => {
            println!("created {}", path.display());
            println!("Fill in the TODO fields, write the text, then run `praxis check`.");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn check(root: &Path, format: Format, strict: bool) -> ExitCode {
    let diagnostics = praxis::check::run(root);
    match format {
        Format::Human => {
            let shown: Vec<Diagnostic> = diagnostics
                .iter()
                .filter(|d| d.severity >= Severity::Note)
                .cloned()
                .collect();
            eprint!("{}", render_human(&shown, root, stderr_wants_color()));
            let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
            eprintln!(
                "praxis check: {} error(s), {} warning(s), {} note(s){}",
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Note),
                if strict {
                    " (--strict: warnings count as errors)"
                } else {
                    ""
                }
            );
        }
        Format::Json => emit(&praxis::check::to_json(&diagnostics)),
        Format::Github => {
            emit(praxis::check::to_github(&diagnostics, strict).trim_end());
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
                let summary = praxis::check::to_markdown_summary(&diagnostics);
                let written = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)
                    .and_then(|mut f| std::io::Write::write_all(&mut f, summary.as_bytes()));
                if let Err(err) = written {
                    eprintln!(
                        "warning: cannot write the job summary to {}: {err}",
                        Path::new(&path).display()
                    );
                }
            }
        }
    }
    if praxis::check::fails(&diagnostics, strict) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn schema(root: &Path, kind: Option<&str>) -> ExitCode {
    let config = match load_config(root) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let value = match kind {
        Some(kind) => match praxis::schema::type_schema(&config, kind) {
            Some(value) => value,
            None => {
                let known: Vec<&str> = config.types.keys().map(String::as_str).collect();
                eprintln!(
                    "error: `{kind}` is not a content type of this hub; use one of: {}",
                    known.join(", ")
                );
                return ExitCode::FAILURE;
            }
        },
        None => praxis::schema::hub_schema(&config),
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    );
    ExitCode::SUCCESS
}

fn search(out: &Path, request: &praxis::search::query::SearchRequest, json: bool) -> ExitCode {
    let hits = match praxis::search::query::search(out, request) {
        Ok(hits) => hits,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    if json {
        emit(&serde_json::to_string_pretty(&hits).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    if hits.is_empty() {
        eprintln!("No results for \"{}\".", request.query);
    }
    let mut text = String::new();
    for (rank, hit) in hits.iter().enumerate() {
        let date = hit
            .date
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        text.push_str(&format!(
            "{:>2}. {} ({}{date})\n    {}\n",
            rank + 1,
            hit.title,
            hit.kind,
            hit.url
        ));
        if !hit.snippet.is_empty() {
            text.push_str(&format!("    {}\n", hit.snippet.replace('\n', " ")));
        }
    }
    emit(text.trim_end());
    ExitCode::SUCCESS
}

/// Prints to stdout; a closed pipe (`praxis search x | head`) is not an error worth a panic.
fn emit(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn serve(root: &Path, options: &praxis::serve::ServeOptions, open: bool) -> ExitCode {
    let root_for_report = root.to_path_buf();
    let report: praxis::serve::Reporter = std::sync::Arc::new(move |outcome| match outcome {
        praxis::serve::Outcome::Built(build, took) => {
            print_diagnostics(&build.diagnostics, &root_for_report, false);
            eprintln!(
                "Built {} pages in {:.0} ms",
                build.pages,
                took.as_secs_f64() * 1000.0
            );
        }
        praxis::serve::Outcome::Updated(update, took) => {
            print_diagnostics(&update.diagnostics, &root_for_report, false);
            let steps: Vec<String> = update
                .steps
                .iter()
                .map(|(step, t)| format!("{step} {:.1}", t.as_secs_f64() * 1000.0))
                .collect();
            if update.checked > 0 {
                eprintln!(
                    "Rebuilt: {} of {} file(s) changed, wrote {}, removed {} in {:.0} ms ({})",
                    update.rendered,
                    update.checked,
                    update.written.len(),
                    update.removed.len(),
                    took.as_secs_f64() * 1000.0,
                    steps.join(", ")
                );
            } else {
                eprintln!(
                    "Updated {} page(s), wrote {} of {} file(s) in {:.0} ms ({})",
                    update.urls.len(),
                    update.written.len(),
                    update.rendered,
                    took.as_secs_f64() * 1000.0,
                    steps.join(", ")
                );
            }
        }
        praxis::serve::Outcome::SearchUpdated(took) => {
            eprintln!(
                "Search data updated in {:.0} ms",
                took.as_secs_f64() * 1000.0
            );
        }
        praxis::serve::Outcome::FullBuild(reason) => {
            eprintln!("Full build: {reason}");
        }
        praxis::serve::Outcome::Fingerprinted(took) => {
            eprintln!(
                "Ready for partial rebuilds (pages fingerprinted in {:.0} ms)",
                took.as_secs_f64() * 1000.0
            );
        }
        praxis::serve::Outcome::Failed(diagnostics) => {
            print_diagnostics(diagnostics, &root_for_report, false);
            eprintln!(
                "Build failed; still serving the last good build. Fix the file and save again."
            );
        }
    });
    let listening = |url: &str| {
        emit(&format!(
            "Serving {} at {url} (Ctrl+C to stop)",
            root.display()
        ));
        if open {
            let opener = if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            };
            let _ = std::process::Command::new(opener).arg(url).spawn();
        }
    };
    match praxis::serve::serve(root, options, &listening, report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
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
    // PRAXIS_TIMINGS=1 prints when each stage starts: the cheapest profile of a slow build.
    let timings = std::env::var_os("PRAXIS_TIMINGS").is_some();
    let progress = |stage: &str| {
        if timings {
            eprintln!("[{:>8.3} s] {stage}", started.elapsed().as_secs_f64());
        }
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
            if timings {
                if let Some(search) = &report.search {
                    eprintln!(
                        "search: {} documents, index {:.3} s, export {:.3} s, {} terms in {} shards, {} bytes",
                        search.documents,
                        search.index_time.as_secs_f64(),
                        search.export_time.as_secs_f64(),
                        search.export.terms,
                        search.export.shards,
                        search.export.total_bytes
                    );
                }
            }
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
