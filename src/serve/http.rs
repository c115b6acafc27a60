//! The preview server's HTTP side: files of the last good build, the live-reload event stream,
//! and the reload script injected into every HTML page it serves (and only there).

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};

use tiny_http::{Header, Request, Response};

/// The script that makes tabs reload; never part of `praxis build` output.
pub const RELOAD_JS: &str = include_str!("reload.js");
/// Where the reload script is served.
pub const RELOAD_PATH: &str = "/__praxis/reload.js";
/// Where tabs listen for changes (server-sent events).
pub const EVENTS_PATH: &str = "/__praxis/events";

/// What the request handlers share with the rebuild loop.
pub struct State {
    /// The folder of the last good build.
    pub site: PathBuf,
    /// Open event streams.
    pub clients: Mutex<Vec<Sender<String>>>,
    /// The event a newly opened tab must see first (the current build error), if any.
    pub current_error: Mutex<Option<String>>,
}

impl State {
    /// Sends a server-sent event to every open tab, forgetting closed ones.
    pub fn broadcast(&self, event: &str, data: &str) {
        let message = format!("event: {event}\ndata: {data}\n\n");
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|client| client.send(message.clone()).is_ok());
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and values are valid")
}

/// The MIME type of a file served from the site.
pub fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "bib" | "ris" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// The file under `site` for a URL path, refusing anything that would leave it.
pub fn resolve(site: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut file = site.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Adds the reload script to an HTML page, before `</body>` (or at the end).
pub fn inject(html: &str) -> String {
    let tag = format!("<script src=\"{RELOAD_PATH}\"></script>");
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}\n{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    }
}

/// Answers one request.
pub fn handle(request: Request, state: &Arc<State>) {
    let url = request.url().to_string();
    let _ = match url.split('?').next().unwrap_or("") {
        EVENTS_PATH => {
            let (sender, receiver) = channel();
            let first = state.current_error.lock().ok().and_then(|e| e.clone());
            let _ = sender.send(match first {
                Some(error) => format!("event: build-error\ndata: {error}\n\n"),
                None => ": connected\n\n".to_string(),
            });
            if let Ok(mut clients) = state.clients.lock() {
                clients.push(sender);
            }
            // tiny_http buffers streamed bodies; taking over the connection lets every event
            // reach the tab the moment it is sent.
            let response = Response::empty(200)
                .with_header(header("Content-Type", "text/event-stream"))
                .with_header(header("Cache-Control", "no-cache"));
            let mut stream = request.upgrade("praxis-events", response);
            for message in receiver {
                if stream
                    .write_all(message.as_bytes())
                    .and_then(|()| stream.flush())
                    .is_err()
                {
                    break;
                }
            }
            Ok(())
        }
        RELOAD_PATH => request.respond(
            Response::from_string(RELOAD_JS)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8")),
        ),
        _ if !state.site.is_dir() => {
            // The first build failed: a page that carries the reload script, so the tab shows
            // the error and reloads once the hub builds.
            let html = inject("<!doctype html><html lang=\"en\"><title>Waiting for a good build</title><body><p>The hub does not build yet; see the terminal.</p></body></html>");
            request.respond(
                Response::from_string(html)
                    .with_status_code(503)
                    .with_header(header("Content-Type", "text/html; charset=utf-8")),
            )
        }
        path => match resolve(&state.site, path) {
            Some(file) => respond_file(request, &file, 200),
            None => match resolve(&state.site, "/404.html") {
                Some(not_found) => respond_file(request, &not_found, 404),
                None => request.respond(Response::from_string("not found").with_status_code(404)),
            },
        },
    };
}

fn respond_file(request: Request, file: &Path, status: u16) -> std::io::Result<()> {
    let Ok(bytes) = std::fs::read(file) else {
        return request.respond(Response::from_string("not found").with_status_code(404));
    };
    let mime = mime_type(file);
    let body = if mime.starts_with("text/html") {
        inject(&String::from_utf8_lossy(&bytes)).into_bytes()
    } else {
        bytes
    };
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", mime))
        .with_header(header("Cache-Control", "no-store"));
    request.respond(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("site/guides")).unwrap();
        std::fs::write(dir.path().join("site/guides/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        let site = dir.path().join("site");
        assert!(resolve(&site, "/guides/").is_some());
        assert!(resolve(&site, "/guides/?q=1").is_some());
        assert!(resolve(&site, "/../secret").is_none());
        assert!(resolve(&site, "/%2e%2e/secret").is_none());
        assert!(resolve(&site, "/guides/../../secret").is_none());
    }

    #[test]
    fn the_script_goes_before_the_body_ends() {
        assert_eq!(
            inject("<body><p>x</p></body>"),
            format!("<body><p>x</p><script src=\"{RELOAD_PATH}\"></script>\n</body>")
        );
    }
}
