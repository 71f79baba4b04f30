//! Lists the pack files of policies/ for the builds that compile them in (feature
//! `embedded-packs`: the native CLI and the tests). The files are embedded byte for byte — their
//! SHA-256 is their identity, the same as when the browser fetches them — and the list is made
//! here so that adding a pack needs no code change.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=policies");
    let out = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let root = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let dir = Path::new(&root).join("policies");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json") && n != "index.json")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// `(file name, exact bytes)` of every pack in policies/, in file-name order.\n\
         pub const BUILTIN_PACKS: &[(&str, &[u8])] = &[\n",
    );
    for n in names {
        let path = dir.join(&n);
        code.push_str(&format!(
            "    ({:?}, include_bytes!({:?})),\n",
            format!("policies/{n}"),
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let _ = fs::write(Path::new(&out).join("builtin_packs.rs"), code);
}
