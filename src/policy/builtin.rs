//! The packs compiled into every build (minified by build.rs). The national base comes first:
//! the others name it.

/// `(file name, contents)` of each built-in pack.
pub const BUILTIN_PACKS: [(&str, &str); 6] = [
    (
        "policies/national.json",
        include_str!(concat!(env!("OUT_DIR"), "/national.json")),
    ),
    (
        "policies/guizhou-nayong-2022.json",
        include_str!(concat!(env!("OUT_DIR"), "/guizhou-nayong-2022.json")),
    ),
    (
        "policies/henan-puyang-2020.json",
        include_str!(concat!(env!("OUT_DIR"), "/henan-puyang-2020.json")),
    ),
    (
        "policies/sichuan-panzhihua-2018.json",
        include_str!(concat!(env!("OUT_DIR"), "/sichuan-panzhihua-2018.json")),
    ),
    (
        "policies/henan-kaifeng-2019.json",
        include_str!(concat!(env!("OUT_DIR"), "/henan-kaifeng-2019.json")),
    ),
    (
        "policies/sichuan-suining-2020-draft.json",
        include_str!(concat!(env!("OUT_DIR"), "/sichuan-suining-2020-draft.json")),
    ),
];
