//! `praxis serve`: serves the last good build, rebuilds on every change, tells tabs what to do,
//! never lets a request leave the site, and always equals a fresh build of the same files.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use common::{snapshot_tree, Hub};

/// A running `praxis serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    start_logged(root, false).0
}

/// Starts a server; with `log`, its terminal lines (stderr) are handed over as they come.
fn start_logged(root: &Path, log: bool) -> (Server, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(root)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(if log { Stdio::piped() } else { Stdio::null() })
        .spawn()
        .unwrap();
    let (tx, lines) = channel();
    if let Some(stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
    }
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .rsplit(':')
        .next()
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .parse()
        .expect("serve prints its address");
    (Server { child, port }, lines)
}

/// GET over a raw socket: (status, content type, body).
fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    let mut body = response[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let content_type = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-type: ")
                .map(str::to_owned)
        })
        .unwrap_or_default();
    (status, content_type, body)
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&body[..line_end]).unwrap().trim(), 16)
                .unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[line_end + 2..line_end + 2 + size]);
        body = &body[line_end + 4 + size..];
    }
}

/// The server-sent event names a tab receives.
fn events(port: u16) -> Receiver<String> {
    let with_data = events_with_data(port);
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for (name, _) in with_data {
            if tx.send(name).is_err() {
                return;
            }
        }
    });
    rx
}

/// The server-sent events a tab receives, each as (name, data).
fn events_with_data(port: u16) -> Receiver<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__praxis/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut event = None;
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if let Some(name) = line.strip_prefix("event: ") {
                event = Some(name.to_string());
            } else if let (Some(data), Some(name)) = (line.strip_prefix("data: "), event.take()) {
                if tx.send((name, data.to_string())).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

fn wait_for(rx: &Receiver<String>, wanted: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(event) if event == wanted => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    false
}

fn body_of(port: u16, path: &str) -> String {
    String::from_utf8_lossy(&get(port, path).2).to_string()
}

fn fixture() -> Hub {
    let hub = Hub::new();
    hub.write(
        "content/guides/a.md",
        "---\ntitle: Guide A\n---\nFirst version.\n",
    );
    hub.write(
        "content/guides/b.md",
        "---\ntitle: Guide B\n---\nLinks to [a](a.md).\n",
    );
    hub.write("static/extra.css", "body { color: black; }\n");
    hub
}

#[test]
fn edits_reload_tabs_errors_show_and_clear() {
    let hub = fixture();
    let server = start(hub.root());
    let port = server.port;
    let tab = events(port);
    std::thread::sleep(Duration::from_millis(300));

    let (status, kind, body) = get(port, "/guides/a/");
    assert_eq!((status, kind.as_str()), (200, "text/html; charset=utf-8"));
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("First version.") && html.contains("/__praxis/reload.js"));

    hub.write(
        "content/guides/a.md",
        "---\ntitle: Guide A\n---\nSecond version.\n",
    );
    assert!(wait_for(&tab, "reload"), "an edit reloads open tabs");
    assert!(body_of(port, "/guides/a/").contains("Second version."));

    hub.write(
        "content/guides/a.md",
        "---\ntitle: [broken\n---\nThird version.\n",
    );
    assert!(
        wait_for(&tab, "build-error"),
        "a broken save sends the error to tabs"
    );
    assert!(
        body_of(port, "/guides/a/").contains("Second version."),
        "the last good build is still served"
    );
    let late_tab = events(port);
    assert!(
        wait_for(&late_tab, "build-error"),
        "a tab opened later sees the error too"
    );

    hub.write(
        "content/guides/a.md",
        "---\ntitle: Guide A\n---\nFixed version.\n",
    );
    assert!(
        wait_for(&tab, "reload"),
        "fixing the file clears the error and reloads"
    );
    assert!(body_of(port, "/guides/a/").contains("Fixed version."));

    hub.write("static/extra.css", "body { color: navy; }\n");
    assert!(
        wait_for(&tab, "css"),
        "a CSS-only change is applied without a reload"
    );
    assert_eq!(body_of(port, "/extra.css"), "body { color: navy; }\n");
}

#[test]
fn a_body_edit_rewrites_only_what_shows_the_page_and_reloads() {
    let hub = fixture();
    let server = start(hub.root());
    let port = server.port;
    let tab = events_with_data(port);
    std::thread::sleep(Duration::from_millis(300));
    let reload = |started: Instant| -> Vec<String> {
        let deadline = started + Duration::from_secs(20);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match tab.recv_timeout(left) {
                Ok((event, data)) if event == "reload" => {
                    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
                    return data["written"]
                        .as_array()
                        .expect("a fast update lists the files it wrote")
                        .iter()
                        .map(|p| p.as_str().unwrap().to_string())
                        .collect();
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("no reload event");
    };

    // Same first paragraph: only the page itself changes.
    let started = Instant::now();
    hub.write(
        "content/guides/a.md",
        "---\ntitle: Guide A\n---\nFirst version.\n\nA second paragraph.\n",
    );
    let written = reload(started);
    assert_eq!(written, vec!["guides/a/index.html".to_string()]);
    assert!(body_of(port, "/guides/a/").contains("A second paragraph."));

    // A new first paragraph is a new summary: the listings and related pages showing it follow.
    let started = Instant::now();
    hub.write(
        "content/guides/a.md",
        "---\ntitle: Guide A\n---\nA new summary.\n\nA second paragraph.\n",
    );
    let written = reload(started);
    for path in ["guides/a/index.html", "guides/index.html"] {
        assert!(written.contains(&path.to_string()), "{path}: {written:?}");
    }
    assert!(body_of(port, "/guides/").contains("A new summary."));
    let search = body_of(port, "/search/manifest.json");
    assert!(!search.is_empty());
}

#[test]
fn serving_is_confined_and_typed() {
    let hub = fixture();
    let server = start(hub.root());
    let port = server.port;
    for path in ["/../hub.yaml", "/%2e%2e/hub.yaml", "/guides/../../hub.yaml"] {
        let (status, _, body) = get(port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !String::from_utf8_lossy(&body).contains("Fixture hub\nbase_url"),
            "{path}"
        );
    }
    let (status, _, body) = get(port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(
        String::from_utf8_lossy(&body).contains("Page not found"),
        "the hub's 404 page"
    );
    assert_eq!(get(port, "/praxis.css").1, "text/css; charset=utf-8");
    assert_eq!(get(port, "/search/languages.json").1, "application/json");
    assert_eq!(get(port, "/sitemap.xml").1, "application/xml");
    assert!(
        get(port, "/search/languages.json").0 == 200,
        "search works as in the built site"
    );
}

#[test]
fn the_reload_script_is_never_in_build_output() {
    let hub = fixture();
    hub.build_ok();
    for (path, bytes) in snapshot_tree(&hub.out()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__praxis"),
            "{}",
            path.display()
        );
    }
}

/// A tiny deterministic generator for the edit sequences.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

#[test]
fn after_random_edits_the_served_site_equals_a_fresh_build() {
    let hub = fixture();
    let (server, log) = start_logged(hub.root(), true);
    let port = server.port;
    let mut rng = Lcg(7);
    let mut names: Vec<String> = vec!["a".into(), "b".into()];
    // Each file's front-matter as last written, so body-only edits (the fast path) keep it.
    let mut front: std::collections::HashMap<String, String> = [
        ("a".to_string(), "---\ntitle: Guide A\n---\n".to_string()),
        ("b".to_string(), "---\ntitle: Guide B\n---\n".to_string()),
    ]
    .into();
    let mut fast_edits = 0;
    let mut gone: Vec<String> = Vec::new();
    let card = include_str!("../themes/default/templates/partials/card.html");
    let section = include_str!("../themes/default/templates/section.html");
    for step in 0..60 {
        let pick = |rng: &mut Lcg, names: &[String]| names[rng.next(names.len())].clone();
        match rng.next(10) {
            0 => {
                let name = format!("n{step}");
                let fm = format!(
                    "---\ntitle: New {step}\ndate: 2026-0{}-1{}\ntopics: [t{}]\n---\n",
                    1 + step % 9,
                    step % 10,
                    step % 3
                );
                hub.write(
                    &format!("content/guides/{name}.md"),
                    &format!("{fm}Links to [a](a.md).\n"),
                );
                front.insert(name.clone(), fm);
                names.push(name);
            }
            1 if names.len() > 1 => {
                let name = pick(&mut rng, &names);
                std::fs::remove_file(hub.root().join(format!("content/guides/{name}.md"))).unwrap();
                names.retain(|n| *n != name);
                gone.push(name);
            }
            2 => {
                let name = pick(&mut rng, &names);
                let new = format!("r{step}");
                std::fs::rename(
                    hub.root().join(format!("content/guides/{name}.md")),
                    hub.root().join(format!("content/guides/{new}.md")),
                )
                .unwrap();
                names.retain(|n| *n != name);
                gone.push(name.clone());
                let fm = front.remove(&name).unwrap();
                front.insert(new.clone(), fm);
                names.push(new);
            }
            3 => {
                let name = pick(&mut rng, &names);
                let fm = format!("---\ntitle: Edited {step}\ntags: [x{}]\n---\n", step % 4);
                hub.write(
                    &format!("content/guides/{name}.md"),
                    &format!("{fm}Version {step}.\n"),
                );
                front.insert(name, fm);
            }
            4 => {
                // The theme's listing card (every listing shows it) or the section template.
                let (name, text) = if rng.next(2) == 0 {
                    ("partials/card.html", card)
                } else {
                    ("section.html", section)
                };
                hub.write(
                    &format!("templates/{name}"),
                    &text.replacen("<", &format!("<!-- {step} --><"), 1),
                );
            }
            _ => {
                // Body only, the fast path: half keep the first paragraph (the summary).
                let name = pick(&mut rng, &names);
                let first = if rng.next(2) == 0 {
                    format!("Summary {step}.")
                } else {
                    "The same summary.".to_string()
                };
                hub.write(
                    &format!("content/guides/{name}.md"),
                    &format!(
                        "{}{first}\n\n## Part {step}\n\nBody {step} links to [b](b.md).\n",
                        front[&name]
                    ),
                );
                fast_edits += 1;
                // Alone in its batch half of the time, so that it takes the fast path.
                if rng.next(2) == 0 {
                    std::thread::sleep(Duration::from_millis(150));
                }
            }
        }
        // Some edits land in bursts, some after the debounce window.
        if rng.next(3) == 0 {
            std::thread::sleep(Duration::from_millis(150));
        }
    }
    assert!(
        fast_edits >= 20,
        "body-only edits are frequent: {fast_edits}"
    );
    // A burst of a hundred saves in a second, as an editor's autosave might produce: the first
    // half change the front-matter, the second half only the body.
    for i in 0..100 {
        let title = if i < 50 {
            format!("Burst {i}")
        } else {
            "Burst".into()
        };
        hub.write(
            "content/guides/burst.md",
            &format!("---\ntitle: {title}\n---\nSave {i}.\n"),
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let fresh = tempfile::tempdir().unwrap();
    let expected_dir = fresh.path().join("site");
    let options = praxis::site::BuildOptions {
        drafts: true,
        base_url: Some("/".into()),
    };
    praxis::pipeline::build(hub.root(), &expected_dir, &options, &|_| {}).unwrap();
    let expected = snapshot_tree(&expected_dir);
    // Wait until the served site has caught up with the last save, then compare every file.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut differences = Vec::new();
        for (path, bytes) in &expected {
            let path = path.to_string_lossy().replace('\\', "/");
            if path.starts_with("search/tantivy/") || path == ".praxis-output" {
                continue; // tantivy names its segment files at random
            }
            let (status, _, body) = get(port, &format!("/{path}"));
            let served = if path.ends_with(".html") {
                String::from_utf8_lossy(&body)
                    .replace("<script src=\"/__praxis/reload.js\"></script>\n", "")
                    .into_bytes()
            } else {
                body
            };
            if status != 200 || served != *bytes {
                differences.push(path);
            }
        }
        if differences.is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "served site differs from a fresh build: {differences:?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    assert!(body_of(port, "/guides/burst/").contains("Save 99."));
    for name in gone.iter().filter(|n| !names.contains(n)) {
        let (status, _, _) = get(port, &format!("/guides/{name}/"));
        assert_eq!(status, 404, "/guides/{name}/ was deleted or renamed away");
    }
    let lines: Vec<String> = log.try_iter().collect();
    let fast_updates = lines.iter().filter(|l| l.starts_with("Updated ")).count();
    assert!(
        fast_updates >= 5,
        "body edits take the fast path: {fast_updates}"
    );
    // Front-matter edits, creations, renames, deletions and template edits take the partial
    // rebuild; only the first build is a full one.
    let partial = lines.iter().filter(|l| l.starts_with("Rebuilt: ")).count();
    let full = lines.iter().filter(|l| l.starts_with("Built ")).count();
    assert!(partial >= 10, "partial rebuilds: {partial}\n{lines:#?}");
    assert_eq!(full, 1, "full builds: {lines:#?}");
}
