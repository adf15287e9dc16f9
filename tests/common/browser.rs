//! A stand-in for a web browser: a shell script that writes what it was
//! given into a file, for the tests of opening links.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A browser script in a temporary directory (kept while this lives).
pub struct FakeBrowser {
    _dir: tempfile::TempDir,
    /// The script to run as the browser.
    pub script: PathBuf,
    /// Where it writes what `printf` makes of its arguments.
    pub record: PathBuf,
}

/// `open` (which runs a browser script) tried again while it fails with
/// "Text file busy": another test's process forked while the script was
/// being written may hold it open for write until it execs (ETXTBSY), a
/// race of the test harness, not of depeche.
pub fn retry_busy<T>(mut open: impl FnMut() -> Result<T, String>) -> Result<T, String> {
    let mut tries = 0;
    loop {
        match open() {
            Err(error) if error.contains("Text file busy") && tries < 50 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

impl FakeBrowser {
    /// A browser that runs `printf <printf_args>` (e.g. `'%s' "$1"`) into
    /// its record, written whole at once (through a temporary file).
    pub fn new(printf_args: &str) -> FakeBrowser {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("opened.txt");
        let script = dir.path().join("browser.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nprintf {printf_args} > '{0}.tmp' && mv '{0}.tmp' '{0}'\n",
                record.display()
            ),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        FakeBrowser {
            _dir: dir,
            script,
            record,
        }
    }

    /// What the browser was given, once it has run (the browser is not
    /// waited for: this polls, a wait, not a timing check); `None` if it
    /// did not run within `timeout`.
    pub fn opened(&self, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        while !self.record.exists() {
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        std::fs::read_to_string(&self.record).ok()
    }
}
