//! The command line (clap): reader, `--dump`, `--toc`, `--check`, `--search`.

use std::process::ExitCode;

pub fn run() -> ExitCode {
    ExitCode::SUCCESS
}
