//! `serve` end to end: the binary started on a free loopback port over a fixture
//! site, spoken to with raw HTTP (so that paths reach it exactly as written, `..`
//! included), edited while it runs.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Fixture;

/// How long a change may take to show before a test fails: generous for a debug
/// build on a busy machine; a working server takes a fraction of a second.
const PATIENCE: Duration = Duration::from_secs(20);

/// A running `natopartners serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(site: &Fixture) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_natopartners"));
        command
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root());
        Server::spawn(command)
    }

    /// Started from inside the site's folder, with the default root (`.`).
    fn start_inside(site: &Fixture) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_natopartners"));
        command
            .args(["serve", "--port", "0"])
            .current_dir(site.root());
        Server::spawn(command)
    }

    fn spawn(mut command: Command) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server prints its URL");
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no loopback URL in {line:?}"));
        Server { child, port }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(PATIENCE))
            .expect("read timeout");
        stream
    }

    /// Sends `GET <target>` as written and returns the status, headers and body.
    fn get(&self, target: &str) -> Response {
        let mut stream = self.connect();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read the response");
        Response::parse(&raw)
    }

    /// Polls `target` until `done` holds for its body.
    fn wait_for(&self, target: &str, what: &str, done: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let body = self.get(target).body;
            if done(&body) {
                return body;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{target} never showed {what}; last body:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The build count the reload stream reports first.
    fn build_tag(&self) -> String {
        let mut stream = self.connect();
        write!(
            stream,
            "GET /__natopartners/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .expect("send");
        let reader = BufReader::new(stream);
        for line in reader.lines() {
            let line = line.expect("read the event stream");
            if let Some(data) = line.strip_prefix("data: ") {
                return data.to_string();
            }
        }
        panic!("the event stream ended without an event")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let text = String::from_utf8_lossy(raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or(0);
        Response {
            status,
            headers: head.to_lowercase(),
            body: body.to_string(),
        }
    }

    fn content_type(&self) -> &str {
        self.headers
            .lines()
            .find_map(|line| line.strip_prefix("content-type: "))
            .unwrap_or("")
    }
}

#[test]
fn an_edit_is_seen_when_the_root_is_the_current_folder() {
    let site = Fixture::valid();
    let server = Server::start_inside(&site);
    assert!(
        server
            .get("/partners/austria.html")
            .body
            .contains("Austria")
    );
    edit_austria(&site, &server, "Alpine Austria joined");
}

/// Rewrites "Austria joined" in Austria's narrative as `edited` and waits until the
/// served page shows it.
fn edit_austria(site: &Fixture, server: &Server, edited: &str) {
    let austria = "content/partners/austria.md";
    let text = std::fs::read_to_string(site.root().join(austria)).expect("read");
    site.write(austria, &text.replace("Austria joined", edited));
    server.wait_for("/partners/austria.html", "the edit", |body| {
        body.contains(edited)
    });
}

#[test]
fn pages_and_assets_are_served_with_their_types_and_the_reload_script() {
    let site = Fixture::valid();
    let server = Server::start(&site);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type(), "text/html; charset=utf-8");
    assert!(
        home.body
            .contains("<script src=\"/__natopartners/reload.js\" defer></script>\n</body>")
    );
    for (path, kind) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/search-index.js", "text/javascript; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml; charset=utf-8"),
        ("/data/partners.json", "application/json; charset=utf-8"),
        ("/data/partners.csv", "text/csv; charset=utf-8"),
        (
            "/__natopartners/reload.js",
            "text/javascript; charset=utf-8",
        ),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.content_type(), kind, "{path}");
    }
    let partners = server.get("/partners");
    assert_eq!(partners.status, 308);
    assert!(partners.headers.contains("location: /partners/"));
    assert!(server.get("/partners/").body.contains("Austria"));

    let missing = server.get("/partners/nowhere.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<base href=\"/\">"),
        "{}",
        missing.body
    );
    assert!(!site.output().exists(), "serve writes no output folder");

    // A plain build never carries the reload script.
    site.build().expect("builds");
    assert!(!site.page("index.html").contains("__natopartners"));
}

#[test]
fn paths_that_leave_the_site_are_refused() {
    let site = Fixture::valid();
    let outside = tempfile::NamedTempFile::new().expect("a file outside the site");
    std::fs::write(outside.path(), "SECRET outside the site").expect("write");
    std::fs::create_dir_all(site.root().join("static")).expect("static folder");
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), site.root().join("static/secret.txt"))
        .expect("symlink");
    let server = Server::start(&site);
    for target in [
        "/../Cargo.toml",
        "/partners/../../etc/passwd",
        "/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2fetc/passwd",
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 403, "{target}: {}", response.body);
    }
    for target in ["//etc/passwd", "/etc/passwd", "/secret.txt"] {
        let response = server.get(target);
        assert_eq!(response.status, 404, "{target}");
        assert!(!response.body.contains("SECRET"), "{target}");
        assert!(!response.body.contains("root:"), "{target}");
    }
    assert_eq!(server.get("/a%5c..%5cb").status, 400);
}

#[test]
fn edits_show_broken_edits_overlay_the_last_good_page_and_fixes_clear_it() {
    let site = Fixture::valid();
    let server = Server::start(&site);
    let austria = "content/partners/austria.md";
    let good = std::fs::read_to_string(site.root().join(austria)).expect("read");
    let first_tag = server.build_tag();

    site.write(
        austria,
        &good.replace("Austria joined", "Austria, neutral, joined"),
    );
    server.wait_for("/partners/austria.html", "the edit", |body| {
        body.contains("Austria, neutral, joined")
    });
    assert_ne!(
        server.build_tag(),
        first_tag,
        "open pages are told to reload"
    );

    // Half-typed YAML: the last good page stays, with every error laid over it.
    site.write(austria, &good.replace("kind: country", "kind: [country"));
    let broken = server.wait_for("/partners/austria.html", "the overlay", |body| {
        body.contains("id=\"natopartners-build-errors\"")
    });
    assert!(
        broken.contains("Austria, neutral, joined"),
        "last good page kept"
    );
    assert!(
        broken.contains("<code>content/partners/austria.md:"),
        "{broken}"
    );
    assert!(broken.contains("role=\"alert\""));
    // Every page carries it, the 404 page too.
    assert!(
        server
            .get("/timeline.html")
            .body
            .contains("natopartners-build-errors")
    );
    assert!(
        server
            .get("/nowhere.html")
            .body
            .contains("natopartners-build-errors")
    );

    site.write(austria, &good);
    let fixed = server.wait_for("/partners/austria.html", "the fix", |body| {
        !body.contains("natopartners-build-errors")
    });
    assert!(fixed.contains("Austria joined"));
}

#[test]
fn a_burst_of_writes_gives_one_consistent_result() {
    let site = Fixture::valid();
    let server = Server::start(&site);
    let austria = "content/partners/austria.md";
    let good = std::fs::read_to_string(site.root().join(austria)).expect("read");
    let before = server.build_tag();
    for version in 1..=20 {
        site.write(
            austria,
            &good.replace(
                "Austria joined",
                &format!("Austria (version {version}) joined"),
            ),
        );
    }
    server.wait_for("/partners/austria.html", "the last write", |body| {
        body.contains("Austria (version 20) joined")
    });
    std::thread::sleep(Duration::from_millis(600));
    let page = server.get("/partners/austria.html").body;
    assert!(page.contains("(version 20)") && !page.contains("(version 19)"));
    let count = |tag: &str| -> u64 {
        tag.rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a build count")
    };
    let builds = count(&server.build_tag()) - count(&before);
    assert!(
        (1..=3).contains(&builds),
        "20 writes in a burst gave {builds} rebuilds"
    );
}

#[test]
fn the_server_survives_clients_that_vanish_and_folders_that_disappear() {
    let site = Fixture::valid();
    let server = Server::start(&site);
    // Ask for a large file and hang up after a few bytes.
    for _ in 0..5 {
        let mut stream = server.connect();
        write!(
            stream,
            "GET /search-index.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .expect("send");
        let mut first = [0u8; 16];
        let _ = stream.read(&mut first);
        let _ = stream.shutdown(Shutdown::Both);
    }
    // Open the reload stream and vanish; send half a request and vanish; send junk.
    drop(server.connect());
    {
        let mut stream = server.connect();
        let _ = stream.write_all(b"GET /__natopartners/events HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    {
        let mut stream = server.connect();
        let _ = stream.write_all(b"GET /index.ht");
    }
    {
        let mut stream = server.connect();
        let _ = stream.write_all(b"\x00\x01 not http at all\r\n\r\n");
        let mut sink = Vec::new();
        let _ = stream.read_to_end(&mut sink);
    }
    assert_eq!(server.get("/").status, 200);

    // The content folder vanishes and comes back, as some tools save it.
    let content = site.root().join("content");
    let aside = site.root().join("content-aside");
    std::fs::rename(&content, &aside).expect("move the content away");
    server.wait_for("/", "the overlay", |body| {
        body.contains("natopartners-build-errors")
    });
    std::fs::rename(&aside, &content).expect("move it back");
    site.write("content/index.md", "Welcome back to [[pfp]] [@src-a].\n");
    server.wait_for("/", "the restored site", |body| {
        body.contains("Welcome back") && !body.contains("natopartners-build-errors")
    });
}

#[test]
fn after_a_prose_edit_the_print_edition_is_rendered_when_asked_for_and_is_current() {
    let site = Fixture::valid();
    let server = Server::start(&site);
    assert!(server.get("/print.html").body.contains("Austria joined"));
    let austria = "content/partners/austria.md";
    let good = std::fs::read_to_string(site.root().join(austria)).expect("read");
    edit_austria(&site, &server, "Austria, neutral, joined");
    // Left out of the prose-only rebuild, rendered on this request from the same
    // build: the edit is there, with the reload script like every page.
    let print = server.get("/print.html");
    assert_eq!(print.status, 200);
    assert!(
        print.content_type().starts_with("text/html"),
        "{}",
        print.headers
    );
    assert!(print.body.contains("Austria, neutral, joined"));
    assert!(print.body.contains("/__natopartners/reload.js"));

    // A build that fails keeps it, with the overlay.
    site.write(austria, &good.replace("kind: country", "kind: [country"));
    let broken = server.wait_for("/print.html", "the overlay", |body| {
        body.contains("id=\"natopartners-build-errors\"")
    });
    assert!(broken.contains("Austria, neutral, joined"));
}
