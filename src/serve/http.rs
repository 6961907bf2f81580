//! The HTTP side of `serve`: site files from the in-memory snapshot with their
//! content types, the site's own 404 page, refusals for paths that try to leave the
//! site, and the two endpoints of live reload (the script and its event stream).

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;

use super::state::{Bytes, Refused, Shared, Snapshot, output_path};

/// The reload script's URL; served only by `serve`, never written by `build`.
pub const RELOAD_SCRIPT: &str = "/__natopartners/reload.js";
/// The stream of build notifications the reload script listens to.
pub const RELOAD_EVENTS: &str = "/__natopartners/events";

/// Everything the server answers.
pub fn router(shared: Arc<Shared>, session_tag: String) -> Router {
    Router::new()
        .route(RELOAD_SCRIPT, get(reload_script))
        .route(
            RELOAD_EVENTS,
            get(move |state| build_events(state, session_tag.clone())),
        )
        .fallback(site_file)
        .with_state(shared)
}

async fn reload_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        include_str!("reload.js"),
    )
        .into_response()
}

/// One `build` event now and one after every rebuild. The data pairs this server
/// run with the build count, so a page also reloads after the server restarts.
async fn build_events(
    State(shared): State<Arc<Shared>>,
    session_tag: String,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.subscribe();
    let stream = futures_util::stream::unfold(
        (receiver, session_tag, true),
        |(mut receiver, tag, first)| async move {
            // A closed channel means the server is stopping: end the stream.
            if !first && receiver.changed().await.is_err() {
                return None;
            }
            let count = *receiver.borrow_and_update();
            let event = Event::default()
                .event("build")
                .data(format!("{tag}-{count}"));
            Some((Ok(event), (receiver, tag, false)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn site_file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD\n",
        )
            .into_response();
    }
    let snapshot = shared.snapshot();
    let path = match output_path(uri.path()) {
        Ok(path) => path,
        Err(Refused::Traversal) => {
            return plain(StatusCode::FORBIDDEN, "refused: the path leaves the site\n");
        }
        Err(Refused::Malformed) => {
            return plain(StatusCode::BAD_REQUEST, "refused: a malformed path\n");
        }
    };
    if let Some(bytes) = snapshot.files.get(&path) {
        return file(StatusCode::OK, &path, bytes, &snapshot);
    }
    if snapshot.is_deferred(&path)
        && let Some(deferred) = snapshot.deferred.clone()
        && let Ok(Some(bytes)) = tokio::task::spawn_blocking(move || deferred.get()).await
    {
        return file(StatusCode::OK, &path, &bytes, &snapshot);
    }
    // A folder asked for without its slash: send the browser to the slash form,
    // so that the index page's relative links resolve.
    if snapshot.files.contains_key(&format!("{path}/index.html")) {
        let location = format!("{}/", uri.path());
        if let Ok(value) = HeaderValue::from_str(&location) {
            return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, value)]).into_response();
        }
    }
    if snapshot.files.is_empty() {
        // No build has succeeded yet: there is nothing but the errors to show.
        return html(StatusCode::SERVICE_UNAVAILABLE, waiting_page(&snapshot));
    }
    match snapshot.files.get(crate::render::urls::NOT_FOUND) {
        Some(bytes) => {
            // The 404 page links relative to the root; at any depth, a base says so.
            let page =
                String::from_utf8_lossy(bytes).replacen("<head>", "<head>\n<base href=\"/\">", 1);
            html(StatusCode::NOT_FOUND, inject(page.as_bytes(), &snapshot))
        }
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

fn html(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// A site file with its content type; pages get the reload script, and the
/// overlay while the latest build fails.
fn file(status: StatusCode, path: &str, bytes: &Bytes, snapshot: &Snapshot) -> Response {
    if path.ends_with(".html") {
        return html(status, inject(bytes, snapshot));
    }
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let content_type = match (mime.type_(), mime.subtype().as_str()) {
        (mime_guess::mime::TEXT, _) | (_, "javascript" | "json" | "svg" | "xml") => {
            format!("{mime}; charset=utf-8")
        }
        _ => mime.to_string(),
    };
    (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes.clone(),
    )
        .into_response()
}

/// The page with the overlay (if any) at the top of its body and the reload script
/// at the end.
fn inject(page: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    let script = format!("<script src=\"{RELOAD_SCRIPT}\" defer></script>\n");
    let overlay = snapshot.failure.as_ref().map(|f| f.overlay.as_str());
    let text = String::from_utf8_lossy(page);
    let mut out = String::with_capacity(text.len() + script.len() + overlay.map_or(0, str::len));
    let after_body_tag = text
        .find("<body")
        .and_then(|start| text[start..].find('>').map(|end| start + end + 1));
    let before_body_end = text.rfind("</body>");
    match (after_body_tag, before_body_end) {
        (Some(open), Some(close)) if open <= close => {
            out.push_str(&text[..open]);
            out.push_str(overlay.unwrap_or(""));
            out.push_str(&text[open..close]);
            out.push_str(&script);
            out.push_str(&text[close..]);
        }
        _ => {
            out.push_str(overlay.unwrap_or(""));
            out.push_str(&text);
            out.push_str(&script);
        }
    }
    out.into_bytes()
}

/// What every path shows before the first good build.
fn waiting_page(snapshot: &Snapshot) -> Vec<u8> {
    let page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
        <title>No build yet</title></head><body><main>\
        <h1>No build yet</h1><p>The site has not built successfully since the server \
        started. Fix the errors listed and save; this page reloads by itself.</p>\
        </main></body></html>\n";
    inject(page.as_bytes(), snapshot)
}
