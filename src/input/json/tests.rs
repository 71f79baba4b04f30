//! The strict parser against the reference on known texts, on every pack and example cut short,
//! and on generated texts.

use super::*;

/// Both parsers' answers, written out in full (`Debug` tells `-0.0` from `0.0`).
fn both(text: &str, max: usize) -> (String, String) {
    (
        format!("{:?}", parse(text, max)),
        format!("{:?}", reference::parse(text, max).map(Tree::from_owned)),
    )
}

/// Every power of ten serde_json's conversion uses is the nearest double to 10^i, bit for bit,
/// as its table held them (Rust's float reading is correctly rounded), and none beyond 1e308.
#[test]
fn powers_of_ten_are_serde_jsons() {
    for i in 0..=308u32 {
        let want: f64 = format!("1e{i}").parse().unwrap_or(f64::NAN);
        assert_eq!(pow10(i).map(f64::to_bits), Some(want.to_bits()), "1e{i}");
    }
    assert_eq!(pow10(309), None);
}

#[test]
fn same_answers_as_serde_json_on_known_texts() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let mut texts: Vec<String> = [
        "",
        " ",
        "\n\n  ",
        "{",
        "}",
        "[",
        "]",
        "{}",
        "[]",
        "[1,]",
        "[,1]",
        "[1 2]",
        "{,}",
        r#"{"a"}"#,
        r#"{"a":}"#,
        r#"{"a" 1}"#,
        r#"{"a":1,}"#,
        r#"{"a":1 "b":2}"#,
        "{1:2}",
        r#"{"a":1}}"#,
        "[1]]",
        "[1] x",
        "{} x",
        "null",
        "nul",
        "nulx",
        "tru",
        "true",
        "falsey",
        "t",
        "x",
        "\u{FEFF}{}",
        "\"abc",
        "\"a\u{1}b\"",
        "\"a\nb\"",
        "\"\\x\"",
        "\"\\",
        "\"\\u12\"",
        "\"\\u12",
        "\"\\uzzzz\"",
        "\"\\ud800\"",
        "\"\\ud800",
        "\"\\ud800\\",
        "\"\\ud800\\n\"",
        "\"\\ud800x\"",
        "\"\\ud800\\u0041\"",
        "\"\\udc00\"",
        "\"\\ud83d\\ude00\"",
        "\"\\u00e9\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
        "\"é𝄞\"",
        "0",
        "-",
        "-x",
        "--1",
        "+1",
        "01",
        "-01",
        "00",
        "0.",
        "0.x",
        "1.",
        "1.e3",
        "1e",
        "1e+",
        "1e-",
        "1ex",
        "1E5",
        "1e400",
        "-1e400",
        "1e-400",
        "0e999999999999",
        "1e999999999999",
        "-1e-99999999999",
        "18446744073709551615",
        "18446744073709551616",
        "-0",
        "-0.0",
        "-9223372036854775808",
        "-9223372036854775809",
        "99999999999999999999999.5",
        "1.00000000000000000000001",
        "0.1",
        "66.5",
        "2.2250738585072014e-308",
        "5e-324",
        "1e-320",
        "4.9e-324",
        "1.7976931348623157e308",
        "1.7976931348623159e308",
        "123456789012345678901234567890e-20",
        "0.000000000000000000000000000001e30",
        "[1.5-3]",
        "[1-2]",
        "[1.5e]",
        r#"{"a": 1.5.5}"#,
        "[1e3.5]",
        r#"{"a":1,"a":2}"#,
        r#"{"a":{"b":1,"b":2}}"#,
        r#"{"a":1,"a""#,
        r#"{"":1,"":2}"#,
        r#"{"a b":{"x":1,"x":1}}"#,
        r#"{"\u0061":1,"a":2}"#,
        "[\n1,\n2\n,\n]",
        "{\r\n\"a\"\r\n}",
        "[1,\n  2,\n  x]",
        "\n\n\n   @",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    texts.extend([deep(32), deep(33), deep(40), format!("{}1", "[".repeat(33))]);
    texts.push(format!("{{\"a\":{}}}", deep(31)));
    texts.push(format!("{{\"a\":{}}}", deep(32)));
    texts.push(format!("{}x", "[".repeat(20)));
    for text in &texts {
        let (new, old) = both(text, 1 << 20);
        assert_eq!(new, old, "text: {text:?}");
    }
    assert_eq!(both("[0]", 2).0, both("[0]", 2).1);
}

#[test]
fn same_answers_as_serde_json_on_the_packs_and_examples() {
    let dirs = ["policies", "examples", "tests/vectors"];
    for dir in dirs {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            // Whole, and cut short at a few places (every kind of EOF).
            let (new, old) = both(&text, 1 << 22);
            assert_eq!(new, old, "{:?}", entry.path());
            for cut in (0..text.len()).step_by(text.len() / 50 + 1) {
                if let Some(t) = text.get(..cut) {
                    let (new, old) = both(t, 1 << 22);
                    assert_eq!(new, old, "{:?} cut at {cut}", entry.path());
                }
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod generated {
    use super::both;
    use proptest::prelude::*;

    /// Pieces of JSON, valid and not, that generated texts are made of.
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\t",
        "\r",
        "\"a\"",
        "\"b\"",
        "\"\"",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800x\"",
        "\"\\q\"",
        "\"\\u12\"",
        "\"",
        "\\",
        "\u{1}",
        "é",
        "x",
        "null",
        "nul",
        "true",
        "fals",
        "0",
        "01",
        "-",
        "-0",
        "1.",
        "1.5",
        "1e",
        "1e+5",
        "1e400",
        "1e-400",
        "0.1",
        "66.5",
        "18446744073709551616",
        "-9223372036854775809",
        "1.0000000000000000000001",
        "+",
        ".",
        "e",
        "E5",
        "123456789012345678901234.5e-3",
        "\u{FEFF}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

        #[test]
        fn pieces(picks in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = picks.iter().filter_map(|&i| PIECES.get(i).copied()).collect();
            let (new, old) = both(&text, 1 << 20);
            prop_assert_eq!(new, old, "text: {:?}", text);
        }

        #[test]
        fn numbers(n in "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{0,30})?([eE][+-]?[0-9]{0,4})?") {
            for text in [n.clone(), format!("[{n}]"), format!("{{\"k\": {n} }}")] {
                let (new, old) = both(&text, 1 << 20);
                prop_assert_eq!(new, old, "text: {:?}", text);
            }
        }

        #[test]
        fn texts(s in "\"([a-z\\\\\"/]|\\\\u[0-9a-fA-FdD]{0,4}|\\\\[a-z]|[\\x00-\\x1f]|é)*\"?") {
            let (new, old) = both(&s, 1 << 20);
            prop_assert_eq!(new, old, "text: {:?}", s);
        }
    }
}

#[test]
fn refusals() {
    let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
    // (case, text, Ok or the refusal's code and field)
    type Case = (
        &'static str,
        String,
        Result<(), (&'static str, Option<&'static str>)>,
    );
    let cases: Vec<Case> = vec![
        ("plain", r#"{"households": 5}"#.into(), Ok(())),
        (
            "duplicate key",
            r#"{"households": -5, "households": 5}"#.into(),
            Err(("duplicateKey", Some("households"))),
        ),
        (
            "duplicate nested",
            r#"{"owners": {"total": 1, "total": 2}}"#.into(),
            Err(("duplicateKey", Some("owners.total"))),
        ),
        (
            "duplicate in a list",
            r#"{"items": [{}, {"item": "a", "item": "b"}]}"#.into(),
            Err(("duplicateKey", Some("items[1].item"))),
        ),
        (
            "underflow",
            r#"{"floorArea": 1e-400}"#.into(),
            Err(("tooPrecise", Some("floorArea"))),
        ),
        (
            "digits a float drops",
            r#"{"a": [1.0000000000000000000001]}"#.into(),
            Err(("tooPrecise", Some("a[0]"))),
        ),
        (
            "beyond a float",
            r#"{"a": 1e400}"#.into(),
            Err(("malformedJson", Some("(input)"))),
        ),
        (
            "a float that is its decimal",
            r#"{"a": 0.1, "b": -0.0, "c": 1.5e3, "d": "1e-400"}"#.into(),
            Ok(()),
        ),
        (
            "duplicate empty key",
            r#"{"owners": {"": 1, "": 2}}"#.into(),
            Err(("duplicateKey", Some("owners[\"\"]"))),
        ),
        ("too deep", deep, Err(("tooDeep", None))),
        (
            "syntax",
            "{".into(),
            Err(("malformedJson", Some("(input)"))),
        ),
        (
            "trailing",
            "{} x".into(),
            Err(("malformedJson", Some("(input)"))),
        ),
        (
            "too large",
            "[0]".into(),
            Err(("inputTooLarge", Some("(input)"))),
        ),
    ];
    for (name, text, want) in cases {
        let max = if name == "too large" { 2 } else { 1 << 20 };
        let got = parse(&text, max).map(|_| ()).map_err(|e| {
            (
                e.code(),
                e.field()
                    .filter(|f| !f.starts_with('['))
                    .map(str::to_string),
            )
        });
        let want = want.map_err(|(c, f)| (c, f.map(str::to_string)));
        assert_eq!(got, want, "case: {name}");
    }
}
