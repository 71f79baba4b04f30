//! TypeScript declarations of the inputs, made from the schema (so that the types a web developer
//! sees are the reader's own rules, not a copy of them).

use super::{tables, Choice, Kind, Schema};

fn union(choices: &[Choice]) -> String {
    choices
        .iter()
        .map(|c| format!("\"{}\"", c.id))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn ts_type(kind: &Kind) -> String {
    match kind {
        Kind::Text { .. } | Kind::Ref(_) | Kind::Date => "string".into(),
        Kind::Count { .. } | Kind::Year { .. } => "number | string".into(),
        Kind::Decimal { .. } | Kind::Share => "string | number".into(),
        Kind::Bool => "boolean".into(),
        Kind::Choice(c) => union(c),
        Kind::Record(s) => s.name.to_string(),
        Kind::List { of, .. } => format!("{}[]", of.name),
        Kind::Group => "object".into(),
    }
}

fn doc(label: &str, help: &str, indent: &str) -> String {
    if help.is_empty() {
        format!("{indent}/** {label} */\n")
    } else {
        format!("{indent}/** {label}: {help} */\n")
    }
}

/// The members of one object (the table's top level, or a group), indented.
fn members(s: &Schema, prefix: &str, indent: &str) -> String {
    let mut out = String::new();
    for f in s.fields.iter().filter(|f| f.parent() == prefix) {
        let opt = if f.required { "" } else { "?" };
        out.push_str(&doc(f.label.en, f.help.en, indent));
        match f.kind {
            Kind::Group => {
                out.push_str(&format!("{indent}{}{opt}: {{\n", f.name()));
                out.push_str(&members(s, f.key, &format!("{indent}  ")));
                out.push_str(&format!("{indent}}} | null;\n"));
            }
            _ => out.push_str(&format!(
                "{indent}{}{opt}: {} | null;\n",
                f.name(),
                ts_type(&f.kind)
            )),
        }
    }
    out
}

/// `interface Estate { … }` and the other input types, as TypeScript.
pub fn declarations() -> String {
    let mut out = String::from(
        "// Input types, generated from the schema of gaizao's core (src/schema/). A value may be\n\
         // null or left out: \"don't know\". Counts and years may be numbers or numeric strings;\n\
         // amounts and areas should be strings (\"1234.56\") to stay exact.\n",
    );
    for s in tables() {
        out.push_str(&format!(
            "\n/** {} / {} */\nexport interface {} {{\n",
            s.label.zh, s.label.en, s.name
        ));
        out.push_str(&members(s, "", "  "));
        if s.name == "Estate" {
            out.push_str("  /** Facts a policy pack declares for itself (see its `facts`). */\n");
            out.push_str("  [localFact: string]: unknown;\n");
        }
        out.push_str("}\n");
    }
    out
}
