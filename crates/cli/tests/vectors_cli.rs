//! The shared vectors of `tests/vectors/` through the command line.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../tests/common/mod.rs"]
mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use common::vectors::{blessing, first_difference, load_vectors};
use serde_json::Value;

/// The same vectors through the command line (`--format json`, the default): stdout must be the
/// expected JSON; a refused input must exit with status 2 and print one
/// `error[code] field: zh / en` line per problem.
#[test]
fn cli_gives_the_expected_output_for_every_vector() {
    let exe = env!("CARGO_BIN_EXE_gaizao");
    if blessing() {
        return;
    }
    let mut failures = Vec::new();
    for v in load_vectors() {
        let Some(expected) = v.expected() else {
            continue;
        };
        let id = v.policy_id().unwrap_or_default();
        let args: Vec<&str> = match v.call() {
            "policies" => vec!["policies"],
            "menu" => vec!["menu", "--policy", id],
            "checkEligibility" => vec!["check", "--policy", id, "-"],
            "estimate" => vec!["estimate", "--policy", id, "-"],
            _ => continue,
        };
        let mut child = Command::new(exe)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run gaizao");
        // A refusal that needs no input (an unknown policy) may exit before reading it: a closed
        // pipe is then not the test's failure, the answer below is what is checked.
        let written = child
            .stdin
            .take()
            .unwrap()
            .write_all(v.input().to_string().as_bytes());
        if let Err(e) = written {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
        }
        let out = child.wait_with_output().expect("gaizao finishes");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        match expected.get("error") {
            None => {
                if !out.status.success() {
                    failures.push(format!(
                        "{}: exit {:?}, stderr {stderr}",
                        v.file,
                        out.status.code()
                    ));
                    continue;
                }
                match serde_json::from_str::<Value>(&stdout) {
                    Ok(actual) => {
                        if let Some(d) = first_difference("expected", expected, &actual) {
                            failures.push(format!("{}: {d}", v.file));
                        }
                    }
                    Err(e) => failures.push(format!("{}: stdout is not JSON ({e})", v.file)),
                }
            }
            Some(err) => {
                if out.status.code() != Some(2) {
                    failures.push(format!(
                        "{}: expected exit status 2, got {:?}",
                        v.file,
                        out.status.code()
                    ));
                }
                let want: Vec<String> = err["problems"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        let at = p["field"]
                            .as_str()
                            .map(|f| format!(" {f}"))
                            .unwrap_or_default();
                        format!(
                            "error[{}]{at}: {} / {}",
                            p["code"].as_str().unwrap(),
                            p["message"]["zh"].as_str().unwrap(),
                            p["message"]["en"].as_str().unwrap()
                        )
                    })
                    .collect();
                let got: Vec<&str> = stderr.lines().collect();
                if got != want {
                    failures.push(format!(
                        "{}: stderr\n  {}\nexpected\n  {}",
                        v.file,
                        got.join("\n  "),
                        want.join("\n  ")
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} vector(s) differ on the command line:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
