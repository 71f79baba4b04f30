//! The packs compiled into every build. The national base comes first: the others name it.

/// `(file name, contents)` of each built-in pack.
pub const BUILTIN_PACKS: [(&str, &str); 6] = [
    ("policies/national.json", include_str!("../../policies/national.json")),
    ("policies/guizhou-nayong-2022.json", include_str!("../../policies/guizhou-nayong-2022.json")),
    ("policies/henan-puyang-2020.json", include_str!("../../policies/henan-puyang-2020.json")),
    ("policies/sichuan-panzhihua-2018.json", include_str!("../../policies/sichuan-panzhihua-2018.json")),
    ("policies/henan-kaifeng-2019.json", include_str!("../../policies/henan-kaifeng-2019.json")),
    ("policies/sichuan-suining-2020-draft.json", include_str!("../../policies/sichuan-suining-2020-draft.json")),
];
