//! `serve`: build into memory, serve the site on loopback, rebuild when a file of
//! the site changes, and reload every open page. A failed rebuild keeps the last
//! good pages and lays the errors over them.

mod http;
mod overlay;
mod state;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

pub use http::{RELOAD_EVENTS, RELOAD_SCRIPT};
pub use overlay::ID as OVERLAY_ID;
pub use state::{Refused, output_path};

use crate::Session;
use state::Shared;

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 1111;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The folder holding `content/`, `templates/` and `static/`.
    pub root: PathBuf,
    /// The address to listen on; loopback unless asked otherwise.
    pub bind: IpAddr,
    /// A fixed port (0: any free one); `None`: 1111 if free, else any free port.
    pub port: Option<u16>,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Print the time spent in each stage of every build.
    pub timings: bool,
}

/// Serves until the process is interrupted. Errors only when the server cannot
/// start (the port is taken, the folders cannot be watched).
pub fn serve(mut options: ServeOptions) -> Result<(), String> {
    if !options.root.join(crate::load::CONTENT_DIR).is_dir() {
        return Err(format!(
            "no content folder at {}",
            options.root.join(crate::load::CONTENT_DIR).display()
        ));
    }
    // The watcher reports changes under the folder's full path, symbolic links
    // resolved; a root given as `.` or `site` would match none of them.
    options.root = std::fs::canonicalize(&options.root)
        .map_err(|e| format!("cannot read {}: {e}", options.root.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(run(options))
}

async fn run(options: ServeOptions) -> Result<(), String> {
    let listener = bind(options.bind, options.port).await?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the site reachable from other machines on the network",
            options.bind
        );
    }

    let shared = Arc::new(Shared::new());
    // Watch first, build second: a save during the first build still rebuilds.
    let watcher = watch::Watcher::start(&options.root)?;
    let mut session = Session::new(&options.root, None)
        .reusing()
        .deferring_print();
    watch::rebuild(&mut session, &shared, options.timings);
    let watcher_shared = Arc::clone(&shared);
    let timings = options.timings;
    std::thread::Builder::new()
        .name("rebuild".into())
        .spawn(move || watch::run(session, watcher_shared, watcher, timings))
        .map_err(|e| format!("cannot start the watcher: {e}"))?;

    let url = url_of(address);
    println!("serving {url} (Ctrl-C to stop)");
    if options.open
        && let Err(error) = opener::open(&url)
    {
        eprintln!("could not open a browser: {error}");
    }
    let tag = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
        .to_string();
    let app = http::router(shared, tag);
    tokio::select! {
        result = axum::serve(listener, app) => result.map_err(|e| format!("server error: {e}")),
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}

/// Binds the given port, or 1111, or any free port when 1111 is taken.
async fn bind(ip: IpAddr, port: Option<u16>) -> Result<tokio::net::TcpListener, String> {
    let try_port = |port: u16| tokio::net::TcpListener::bind(SocketAddr::new(ip, port));
    match port {
        Some(port) => try_port(port)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", SocketAddr::new(ip, port))),
        None => match try_port(DEFAULT_PORT).await {
            Ok(listener) => Ok(listener),
            Err(_) => try_port(0)
                .await
                .map_err(|e| format!("cannot listen on {ip}: {e}")),
        },
    }
}

fn url_of(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", address.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}/", address.port()),
    }
}
