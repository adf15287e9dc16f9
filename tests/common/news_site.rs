//! A news site on the loopback server: a feed (`/news.xml`) whose items
//! link to pages of `tests/fixtures/pages/` (one with embedded posts), one
//! carries its full content, one links to a page gone (404) and one to a
//! `javascript:` address; a home page announcing the feed (autodiscovery).
//! Nothing here leaves 127.0.0.1.

use std::path::PathBuf;

use super::http::{Route, TestServer};

/// The feed's path on the server.
pub const FEED: &str = "/news.xml";
/// Items the feed keeps (the `javascript:` one is left out).
pub const ITEMS: usize = 4;

fn fixture(path: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The feed's text for a server at `base` (`http://127.0.0.1:PORT`).
pub fn feed_xml(base: &str) -> String {
    String::from_utf8(fixture("feeds/news.xml"))
        .unwrap()
        .replace("{BASE}", base)
}

/// Serves the site on `server`.
pub fn serve(server: &TestServer) {
    let base = server.url("");
    server.route(
        FEED,
        Route::ok("application/rss+xml; charset=utf-8", feed_xml(&base)).etag("\"news-1\""),
    );
    server.route(
        "/2026/01/06/coalition.html",
        Route::ok("text/html; charset=utf-8", fixture("pages/coalition.html")),
    );
    server.route(
        "/2026/01/05/embeds.html",
        Route::ok("text/html; charset=utf-8", fixture("pages/embeds.html")),
    );
    server.route("/2026/01/03/missing.html", Route::status(404));
    server.route(
        "/",
        Route::ok(
            "text/html; charset=utf-8",
            format!(
                "<!DOCTYPE html><html><head><title>Le Quotidien du Test</title>\
                 <link rel=\"alternate\" type=\"application/rss+xml\" href=\"{FEED}\"></head>\
                 <body><h1>Le Quotidien du Test</h1><p>Bienvenue.</p></body></html>"
            ),
        ),
    );
}

/// A server with the site on it.
pub fn start() -> TestServer {
    let server = TestServer::start();
    serve(&server);
    server
}
