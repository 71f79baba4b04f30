//! Embeds the policy packs minified (whitespace removed, order and content kept): the wasm module
//! carries every built-in pack, and indentation would only cost bytes. The files in policies/
//! stay formatted for people to read and review.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=policies");
    let mut names: Vec<_> = fs::read_dir("policies")
        .expect("policies/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    for path in names {
        let text = fs::read_to_string(&path).expect("readable pack");
        // A broken pack is reported by the pack tests with file/field/problem; embed it as is.
        let embedded = minify(&text).unwrap_or(text);
        let name = path.file_name().expect("file name");
        fs::write(Path::new(&out).join(name), embedded).expect("OUT_DIR is writable");
    }
}

/// Removes whitespace outside strings.
fn minify(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    (!in_string).then_some(out)
}
