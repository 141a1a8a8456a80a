//! Running the real `newsfacts` binary: a [`Run`] keeps the command line, the exit code,
//! stdout and stderr, so that a failing assertion can print all of them
//! ([`Run::explain`]).

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The binary Cargo built for these tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_newsfacts"))
}

/// One finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub cmd: String,
}

impl Run {
    /// The command, its exit code, stdout and stderr (each cut at 4,000 characters),
    /// for an assertion's message.
    pub fn explain(&self) -> String {
        let cut = |s: &str| s.chars().take(4000).collect::<String>();
        format!(
            "command: {}\nexit: {}\nstdout:\n{}\nstderr:\n{}",
            self.cmd,
            self.code,
            cut(&self.stdout),
            cut(&self.stderr)
        )
    }

    /// Stdout parsed as JSON Lines; a line that is not JSON fails the test with
    /// [`Run::explain`].
    pub fn records(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}\n{}", self.explain()))
            })
            .collect()
    }
}

/// Runs `newsfacts ARGS` with no input on stdin.
pub fn run(args: &[&str]) -> Run {
    run_with_stdin(args, None)
}

/// Runs `newsfacts ARGS`, writing `stdin` (if any) to its standard input.
pub fn run_with_stdin(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = child.stdin.take().unwrap();
    // Written from a thread, so that a large output cannot block the binary while the
    // test is still writing its input.
    let feeder = stdin.map(|s| {
        let s = s.to_string();
        std::thread::spawn(move || {
            let mut input = input;
            // The binary may exit before reading everything (a usage error).
            let _ = input.write_all(s.as_bytes());
        })
    });
    let out = child.wait_with_output().unwrap();
    if let Some(f) = feeder {
        f.join().unwrap();
    }
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        cmd: format!("newsfacts {}", args.join(" ")),
    }
}

/// A temporary folder, removed when dropped.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Writes `bytes` to `dir/name` and returns its path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}
