//! Runs the real `depeche` binary in a pseudo-terminal and reads its screen through `vt100`.
//!
//! Every wait has a generous deadline and polls the screen, so the tests do not depend on how
//! fast the machine is; a timeout fails with the screen as it was, to show what went wrong.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one expected change may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Pty {
    /// The configuration folder the program sees (`XDG_CONFIG_HOME`): empty
    /// unless the test writes in it, never the real user's.
    pub config_home: tempfile::TempDir,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for messages printed after it left the alternate screen.
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
    /// The data directory of this run when the test gave none: its state
    /// (positions, history) starts empty and never touches the real one.
    _data: Option<tempfile::TempDir>,
}

impl Pty {
    /// Starts `depeche` with `args` in a `cols`×`rows` terminal, with `env` added to a plain
    /// xterm environment whose configuration folder is empty. Unless `env` names
    /// `XDG_DATA_HOME`, the run gets a data directory of its own, empty (the real one is
    /// never touched).
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        let config_home = tempfile::tempdir().expect("a configuration folder");
        Pty::spawn_configured(args, env, cols, rows, config_home)
    }

    /// [`Pty::spawn`] with `config_home` as the configuration folder
    /// (`XDG_CONFIG_HOME`: its `depeche/config.toml` is read).
    pub fn spawn_configured(
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        config_home: tempfile::TempDir,
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_depeche"));
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        command.env_remove("DEPECHE_CONFIG");
        command.env("XDG_CONFIG_HOME", config_home.path());
        let data = (!env.iter().any(|(key, _)| *key == "XDG_DATA_HOME"))
            .then(|| tempfile::tempdir().expect("a data directory"));
        if let Some(dir) = &data {
            command.env("XDG_DATA_HOME", dir.path());
        }
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair
            .slave
            .spawn_command(command)
            .expect("start depeche in the pseudo-terminal");
        // Only the child may hold the slave side, so that reading sees the end when it exits.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut source = pair.master.try_clone_reader().expect("pty reader");
        let reader = std::thread::spawn({
            let parser = Arc::clone(&parser);
            let output = Arc::clone(&output);
            move || {
                let mut buffer = [0u8; 8192];
                // Ends at end of file, or EIO once the child has gone (Linux).
                while let Ok(read @ 1..) = source.read(&mut buffer) {
                    parser.lock().unwrap().process(&buffer[..read]);
                    output.lock().unwrap().extend_from_slice(&buffer[..read]);
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            config_home,
            master: pair.master,
            writer,
            child,
            parser,
            output,
            reader: Some(reader),
            _data: data,
        }
    }

    /// Types `bytes` as if at the keyboard.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// The screen as text, one line per row, without trailing blanks (whether a blank was
    /// never written or written as a space does not show, and should not matter).
    pub fn screen_text(&self) -> String {
        let contents = self.parser.lock().unwrap().screen().contents();
        let rows: Vec<&str> = contents.lines().map(str::trim_end).collect();
        rows.join("\n")
    }

    /// Runs `check` on the screen as it is now.
    pub fn with_screen<T>(&self, check: impl FnOnce(&vt100::Screen) -> T) -> T {
        check(self.parser.lock().unwrap().screen())
    }

    /// Waits until `condition` holds on the screen; fails with `what` and the screen otherwise.
    pub fn wait_until(&self, what: &str, condition: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.with_screen(&condition) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; the screen:\n{}",
                    self.screen_text()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `text` is on screen.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |screen| {
            screen.contents().contains(text)
        });
    }

    /// Waits until the screen is exactly `expected`; fails showing the rows that differ.
    pub fn wait_for_screen(&self, what: &str, expected: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while self.screen_text() != expected {
            if Instant::now() > deadline {
                let actual = self.screen_text();
                let mut rows = String::new();
                for (number, (want, got)) in expected.lines().zip(actual.lines()).enumerate() {
                    if want != got {
                        rows.push_str(&format!("row {number}:\n  want {want:?}\n  got  {got:?}\n"));
                    }
                }
                panic!(
                    "timed out waiting for {what}; rows that differ:\n{rows}the screen:\n{actual}"
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen differs from `before`.
    pub fn wait_for_change(&self, before: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while self.screen_text() == before {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for the screen to change from:\n{before}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen has not changed for `quiet` (all typed keys handled, transient
    /// marks gone), and returns it.
    pub fn wait_until_still(&self, quiet: Duration) -> String {
        let deadline = Instant::now() + TIMEOUT;
        let mut last = self.screen_text();
        let mut since = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.screen_text();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return last;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never settled:\n{last}"
            );
        }
    }

    /// Resizes the terminal, as a user dragging the window would (the program gets SIGWINCH).
    pub fn resize(&self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    /// The program's peak resident set so far (`VmHWM`), in bytes; `None`
    /// where /proc does not tell.
    pub fn peak_memory(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// Sends a signal (`TERM`, `HUP`, `INT`...) to the program.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("the child has a pid");
        let status = std::process::Command::new("kill")
            .args(["-s", name, &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -s {name} {pid} failed");
    }

    /// Waits for the program to exit and for all its output to reach the screen.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("depeche did not exit; the screen:\n{}", self.screen_text());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the pty reader thread");
        }
        status
    }

    /// Everything the program wrote, as text (escape sequences included).
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// Whether the line discipline is in canonical (cooked) mode, as a shell expects it:
    /// raw mode turns `ICANON` off.
    pub fn canonical_mode(&self) -> bool {
        let termios = self.master.get_termios().expect("read the pty's termios");
        // The flags' Debug form names each set flag; `ICANON` is not a prefix of any other.
        format!("{:?}", termios.local_flags).contains("ICANON")
    }

    /// Asserts the terminal is as a shell left it: main screen, cursor shown, no mouse
    /// reporting, canonical mode.
    pub fn assert_restored(&self) {
        self.with_screen(|screen| {
            assert!(!screen.alternate_screen(), "still on the alternate screen");
            assert!(!screen.hide_cursor(), "the cursor is still hidden");
            assert_eq!(
                screen.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse reporting is still on"
            );
        });
        assert!(self.canonical_mode(), "the terminal is still in raw mode");
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave a reader running in the background.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
