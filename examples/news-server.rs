//! The loopback news site of the tests (`tests/common/news_site.rs`), served
//! for a while, to try the library by hand:
//!
//!     cargo run --example news-server -- 600 &       # prints the feed's URL
//!     depeche --data-dir /tmp/lib feeds add URL && depeche --data-dir /tmp/lib library
//!
//! It listens on 127.0.0.1 only.

#[path = "../tests/common/http.rs"]
mod http;

#[allow(dead_code)]
#[path = "../tests/common/news_site.rs"]
mod news_site;

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let server = news_site::start();
    println!("{}", server.url(news_site::FEED));
    std::thread::sleep(std::time::Duration::from_secs(seconds));
}
