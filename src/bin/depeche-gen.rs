//! `depeche-gen`: writes the bundled corpus scaled up, for benchmarks and tests.
//!
//! `depeche-gen --scale 10000 --shape one -o /tmp/x10000.json` gives one very long article;
//! `--shape many` gives that many articles.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use depeche::corpus::generate::{Shape, write_scaled};

#[derive(Debug, Parser)]
#[command(
    version,
    about = "Writes the bundled depeche corpus scaled ×N, for benchmarks and tests"
)]
struct Args {
    /// How many copies of the bundled article.
    #[arg(long, default_value_t = 1)]
    scale: usize,
    /// One long article, or many articles.
    #[arg(long, value_enum, default_value_t = ShapeArg::One)]
    shape: ShapeArg,
    /// The corpus to scale (the bundled one if absent).
    #[arg(long, value_name = "CORPUS")]
    from: Option<PathBuf>,
    /// Where to write the corpus (standard output if absent).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ShapeArg {
    One,
    Many,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let shape = match args.shape {
        ShapeArg::One => Shape::OneArticle,
        ShapeArg::Many => Shape::ManyArticles,
    };
    let template = match &args.from {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("depeche-gen: cannot read {}: {err}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => depeche::corpus::BUNDLED_CORPUS.to_string(),
    };
    let out: Box<dyn Write> = match &args.output {
        Some(path) => match File::create(path) {
            Ok(file) => Box::new(file),
            Err(err) => {
                eprintln!("depeche-gen: cannot create {}: {err}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => Box::new(io::stdout().lock()),
    };
    match write_scaled(&template, args.scale, shape, BufWriter::new(out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("depeche-gen: {err}");
            ExitCode::FAILURE
        }
    }
}
