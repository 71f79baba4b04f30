//! The CLI examples in README.md show the program's real output: each ```console block that
//! starts with `$ gaizao …` is run and compared. After an intended change of output, refresh them
//! with `python3 scripts/readme-examples.py`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../tests/common/mod.rs"]
mod common;

use std::process::Command;

#[test]
fn readme_cli_examples_show_real_output() {
    let root = common::root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let lines: Vec<&str> = readme.lines().collect();
    let mut checked = 0;
    let mut i = 0;
    while i < lines.len() {
        if lines[i] == "```console" && lines.get(i + 1).is_some_and(|l| l.starts_with("$ gaizao "))
        {
            let cmd = &lines[i + 1]["$ gaizao ".len()..];
            let shown: Vec<&str> = lines[i + 2..]
                .iter()
                .take_while(|l| **l != "```")
                .copied()
                .collect();
            let out = Command::new(env!("CARGO_BIN_EXE_gaizao"))
                .args(cmd.split_whitespace())
                .current_dir(&root)
                .output()
                .expect("run gaizao");
            let real = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let real: Vec<&str> = real.trim_end_matches('\n').lines().collect();
            assert_eq!(real, shown, "README example `gaizao {cmd}` is out of date: run python3 scripts/readme-examples.py");
            checked += 1;
            i += 2 + shown.len();
        }
        i += 1;
    }
    assert!(
        checked >= 4,
        "expected at least 4 CLI examples in README.md, found {checked}"
    );
}
