//! `depeche-gen`: writes the bundled corpus scaled up, for benchmarks and tests.
//!
//! `depeche-gen --scale 10000 --shape one -o /tmp/x10000.json` gives one very long article;
//! `--shape many` gives that many articles. `depeche-gen --hostile words --count 26000000`
//! gives a hostile shape of issue 11 instead (`depeche::corpus::generate::Hostile`).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use depeche::corpus::generate::{Hostile, Shape, hostile, write_scaled};

fn parse_hostile(name: &str) -> Result<Hostile, String> {
    Hostile::ALL
        .into_iter()
        .find(|h| h.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = Hostile::ALL.iter().map(|h| h.name()).collect();
            format!("expected one of {}", names.join(", "))
        })
}

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
    /// A hostile shape of issue 11 instead: words, long-id, fdfa, links, post-links, cites,
    /// marks, sections or articles, `--count` of them.
    #[arg(long, value_name = "SHAPE", value_parser = parse_hostile)]
    hostile: Option<Hostile>,
    /// How many words, bytes of id, characters, links, posts, cites, marks, sections or
    /// articles the hostile shape has.
    #[arg(long, default_value_t = 1000, requires = "hostile")]
    count: usize,
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
    if let Some(shape) = args.hostile {
        let mut out = BufWriter::new(out);
        return match out
            .write_all(&hostile(shape, args.count))
            .and_then(|()| out.flush())
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("depeche-gen: {err}");
                ExitCode::FAILURE
            }
        };
    }
    match write_scaled(&template, args.scale, shape, BufWriter::new(out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("depeche-gen: {err}");
            ExitCode::FAILURE
        }
    }
}
