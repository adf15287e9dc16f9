//! Writing to stdout, and the exit status of a failure.

use std::io::{self, Write};

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
