//! The `newsfacts` binary: parse arguments, run, map the outcome to an exit code
//! (0 all documents succeeded, 1 some failed, 2 usage or configuration error).

#![forbid(unsafe_code)]

use clap::Parser;
use cli::Cli;
use std::process::ExitCode;

mod app;
mod cli;
mod resume;

/// mimalloc: the extractor allocates and frees many small strings per document, and
/// text runs take less CPU with it than with glibc's malloc (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match app::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("newsfacts: {}", message(&err));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, like `{err:#}`, but a cause that an error
/// already quotes at its end (`path: No such file (os error 2)` over the OS error) is
/// said once.
fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let s = cause.to_string();
        if out.ends_with(&s) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&s);
    }
    out
}

/// `newsfacts extract ... | head` closes the pipe early: that is success, not a crash.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
