//! Writing to stdout, and the exit status of a failure.

use std::io::{self, BufWriter, Write};

/// Bad input or any other failure: exit status 2.
pub const FAILURE: u8 = 2;

/// Writes to stdout; a closed pipe (`depeche --dump | head`) ends quietly.
pub fn emit(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the output: {error}"))
        }
        _ => Ok(()),
    }
}

/// Runs `write` on a buffered, locked stdout, so output goes out as it is
/// made and memory does not grow with it; a closed pipe
/// (`depeche --dump | head`) ends it quietly.
pub fn stream<T>(write: impl FnOnce(&mut dyn Write) -> io::Result<T>) -> Result<Option<T>, String> {
    let mut stdout = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    match write(&mut stdout).and_then(|value| stdout.flush().map(|()| value)) {
        Ok(value) => Ok(Some(value)),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(None),
        Err(error) => Err(format!("cannot write the output: {error}")),
    }
}
