//! The checks of a pack that no reader can express: ids, texts, list sizes, the header, the
//! menu, targets, benchmarks and item scopes — each problem with its field path.

use super::*;

pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

pub(super) fn check_id(id: &str, field: &str, seen: &mut Vec<String>, p: &mut Problems) {
    if !valid_id(id) {
        p.add(
            field,
            format!("编号“{id}”只能由小写字母、数字和“-”组成"),
            format!("id \"{id}\" may hold only lowercase letters, digits and '-'"),
        );
    }
    if seen.iter().any(|s| s == id) {
        p.add(
            field,
            format!("编号“{id}”重复"),
            format!("id \"{id}\" is used twice"),
        );
    } else {
        seen.push(id.to_string());
    }
}

/// Longest text a pack may hold in one field (standards and quotes are the longest).
pub(super) const MAX_PACK_TEXT: usize = 4000;

/// Whether a text shows nothing: empty once white space and invisible format characters
/// (zero-width spaces, joiners, byte-order marks) are taken away.
pub(super) fn looks_empty(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
    })
}

/// Whether a text passes every check of [`check_str`] (a pack has thousands of texts; nearly all
/// pass, and then no field path needs writing): the control characters (U+0000–U+001F but the
/// line break, U+007F–U+009F) are found in the bytes, visibility needs only the first visible
/// character, and only a text longer than the limit in bytes has its characters counted.
pub(super) fn text_ok(s: &str) -> bool {
    let mut prev = 0u8;
    for &b in s.as_bytes() {
        // U+0080–U+009F are written C2 80 … C2 9F.
        if (b < 0x20 && b != b'\n') || b == 0x7F || (prev == 0xC2 && (0x80..=0x9F).contains(&b)) {
            return false;
        }
        prev = b;
    }
    !looks_empty(s) && (s.len() <= MAX_PACK_TEXT || s.chars().count() <= MAX_PACK_TEXT)
}

/// Checks one text of a pack: visible, not oversized, free of control characters (which a
/// terminal would execute).
pub(super) fn check_str(s: &str, field: &str, what_zh: &str, what_en: &str, p: &mut Problems) {
    if text_ok(s) {
        return;
    }
    if looks_empty(s) {
        p.add(
            field,
            format!("{what_zh}为空"),
            format!("the {what_en} is empty"),
        );
    }
    if s.chars().count() > MAX_PACK_TEXT {
        p.add(
            field,
            format!("{what_zh}太长（最多 {MAX_PACK_TEXT} 个字）"),
            format!("the {what_en} is too long (at most {MAX_PACK_TEXT} characters)"),
        );
    }
    if s.chars().any(|c| c.is_control() && c != '\n') {
        p.add(
            field,
            format!("{what_zh}含有控制字符"),
            format!("the {what_en} holds control characters"),
        );
    }
}

pub(super) fn check_text(t: &Text, field: &str, p: &mut Problems) {
    if !text_ok(&t.zh) {
        check_str(&t.zh, &format!("{field}.zh"), "中文文本", "Chinese text", p);
    }
    if !text_ok(&t.en) {
        check_str(&t.en, &format!("{field}.en"), "英文文本", "English text", p);
    }
}

pub(super) fn check_source(s: &Source, field: &str, p: &mut Problems) {
    if !text_ok(&s.document) {
        check_str(
            &s.document,
            &format!("{field}.document"),
            "出处文件",
            "source document",
            p,
        );
    }
    if !text_ok(&s.clause) {
        check_str(
            &s.clause,
            &format!("{field}.clause"),
            "出处条款",
            "source clause",
            p,
        );
    }
    if let Some(q) = s.quote.as_deref().filter(|q| !text_ok(q)) {
        check_str(q, &format!("{field}.quote"), "引文", "quote", p);
    }
}

/// A calendar date `YYYY-MM-DD` or a year `YYYY`, within the years gaizao knows.
pub(super) fn valid_date(d: &str) -> bool {
    crate::numbers::Date::parse(d, true).is_some()
}

/// Most entries of one list of a pack: the richest real pack has 40 menu items and a dozen rules.
/// The bound keeps every check of a pack (ids unique, references found) fast and its texts small.
pub const MAX_PACK_LIST: usize = 1000;

/// Lists within their bound, and the texts that no other check reads (related documents,
/// excluded ids, a borrowed ratio's source, fact choices, `when` keys) visible and not oversized.
pub(super) fn check_sizes(pack: &PolicyPack, p: &mut Problems) {
    let mut list = |field: String, n: usize| {
        if n > MAX_PACK_LIST {
            p.add(
                field,
                format!("列表太长（{n} 项，最多 {MAX_PACK_LIST} 项）"),
                format!("the list is too long ({n} entries; at most {MAX_PACK_LIST})"),
            );
        }
    };
    list("excludeBaseRules".into(), pack.exclude_base_rules.len());
    list("eligibility".into(), pack.eligibility.len());
    list("menu".into(), pack.menu.len());
    list(
        "menu[].items".into(),
        pack.menu.iter().map(|c| c.items.len()).sum(),
    );
    list("funding".into(), pack.funding.len());
    list("benchmarks".into(), pack.benchmarks.len());
    list("notes".into(), pack.notes.len());
    list("facts".into(), pack.facts.len());
    list("document.related".into(), pack.document.related.len());
    for (i, r) in pack.funding.iter().enumerate() {
        let a = &r.applies;
        let n = a.items.as_ref().map_or(0, Vec::len)
            + a.categories.as_ref().map_or(0, Vec::len)
            + a.pipelines.as_ref().map_or(0, Vec::len)
            + a.tiers.as_ref().map_or(0, Vec::len)
            + a.when.as_ref().map_or(0, |w| w.0.len())
            + r.shares.len();
        list(format!("funding[{i}]"), n);
    }
    for (i, r) in pack.eligibility.iter().enumerate() {
        if let Some(s) = &r.applies_to {
            let n =
                s.items.as_ref().map_or(0, Vec::len) + s.categories.as_ref().map_or(0, Vec::len);
            list(format!("eligibility[{i}].appliesTo"), n);
        }
    }
    for (i, f) in pack.facts.iter().enumerate() {
        list(format!("facts[{i}].choices"), f.choices.len());
    }
    for (i, d) in pack.document.related.iter().enumerate() {
        check_str(
            d,
            &format!("document.related[{i}]"),
            "相关文件",
            "related document",
            p,
        );
    }
    for (i, id) in pack.exclude_base_rules.iter().enumerate() {
        check_str(id, &format!("excludeBaseRules[{i}]"), "编号", "id", p);
    }
    for (i, f) in pack.facts.iter().enumerate() {
        for (k, c) in f.choices.iter().enumerate() {
            let field = format!("facts[{i}].choices[{k}]");
            if c.id.is_empty()
                || c.id.len() > 64
                || !c.id.chars().all(|x| x.is_ascii_alphanumeric() || x == '-')
            {
                p.add(
                    format!("{field}.id"),
                    "可选值的编号应为不超过 64 个字符的字母、数字或“-”",
                    "a choice's id must be at most 64 letters, digits or '-'",
                );
            }
            check_text(&c.label, &format!("{field}.label"), p);
        }
    }
    for (i, r) in pack.funding.iter().enumerate() {
        if let Some(b) = &r.borrowed {
            let field = format!("funding[{i}].borrowed");
            if !valid_id(&b.pack) {
                p.add(
                    format!("{field}.pack"),
                    "编号只能由小写字母、数字和“-”组成",
                    "the id may hold only lowercase letters, digits and '-'",
                );
            }
            check_text(&b.jurisdiction, &format!("{field}.jurisdiction"), p);
            check_source(&b.source, &format!("{field}.source"), p);
        }
    }
}

pub(super) fn check_header(pack: &PolicyPack, p: &mut Problems) {
    if !valid_id(&pack.id) {
        p.add(
            "id",
            "编号只能由小写字母、数字和“-”组成",
            "the id may hold only lowercase letters, digits and '-'",
        );
    }
    check_text(&pack.name, "name", p);
    check_text(&pack.jurisdiction, "jurisdiction", p);
    check_text(&pack.issuer, "issuer", p);
    check_text(&pack.document.title, "document.title", p);
    check_str(
        &pack.document.number,
        "document.number",
        "文号",
        "document number",
        p,
    );
    if let Some(n) = &pack.document.status_note {
        check_text(n, "document.statusNote", p);
    }
    if let Some(period) = &pack.document.period {
        let ok = matches!(period.as_slice(), [a, b] if a <= b
            && (crate::numbers::MIN_YEAR..=crate::numbers::MAX_YEAR).contains(a)
            && (crate::numbers::MIN_YEAR..=crate::numbers::MAX_YEAR).contains(b));
        if !ok {
            p.add(
                "document.period",
                "期限应为 [起始年, 结束年]",
                "the period must be [first year, last year]",
            );
        }
    }
    if !valid_date(&pack.document.date) {
        p.add(
            "document.date",
            "日期应为真实的日期 YYYY-MM-DD 或年份 YYYY",
            "the date must be a real date YYYY-MM-DD or a year YYYY",
        );
    }
}

/// Whether any item of the menu can trigger the scope.
pub(super) fn scope_on_menu(scope: &ItemScope, menu: &[MenuCategory]) -> bool {
    menu.iter().any(|c| {
        scope.categories.iter().flatten().any(|id| id == &c.id)
            || c.items.iter().any(|i| {
                (scope.elevator && i.elevator) || scope.items.iter().flatten().any(|id| id == &i.id)
            })
    })
}

/// The targets list: names present, not empty, no name (or alias) twice once normalised.
pub(super) fn check_targets(pack: &PolicyPack, p: &mut Problems) {
    let Some(t) = &pack.targets else { return };
    check_source(&t.source, "targets.source", p);
    if t.list.is_empty() {
        p.add("targets.list", "名单为空", "the list is empty");
    }
    let mut seen: Vec<String> = Vec::new();
    for (i, entry) in t.list.iter().enumerate() {
        let field = format!("targets.list[{i}]");
        check_str(&entry.name, &format!("{field}.name"), "名称", "name", p);
        if let Some(d) = &entry.district {
            check_str(d, &format!("{field}.district"), "所在区县", "district", p);
        }
        if let Some(n) = &entry.note {
            check_text(n, &format!("{field}.note"), p);
        }
        for (k, name) in std::iter::once(&entry.name)
            .chain(&entry.aliases)
            .enumerate()
        {
            let key = crate::eligibility::normalise_name(name);
            if seen.contains(&key) {
                let at = if k == 0 {
                    format!("{field}.name")
                } else {
                    format!("{field}.aliases[{}]", k - 1)
                };
                p.add(
                    at,
                    format!("名称“{name}”重复"),
                    format!("the name “{name}” appears twice"),
                );
            } else {
                seen.push(key);
            }
        }
    }
}

pub(super) fn check_menu(pack: &PolicyPack, menu: &[MenuCategory], p: &mut Problems) {
    let mut cats = Vec::new();
    let mut items = Vec::new();
    for (i, c) in pack.menu.iter().enumerate() {
        let field = format!("menu[{i}]");
        check_id(&c.id, &format!("{field}.id"), &mut cats, p);
        check_text(&c.name, &format!("{field}.name"), p);
        check_source(&c.source, &format!("{field}.source"), p);
        if c.items.is_empty() {
            p.add(
                format!("{field}.items"),
                "类别中没有项目",
                "the category has no items",
            );
        }
        for (j, it) in c.items.iter().enumerate() {
            let f = format!("{field}.items[{j}]");
            check_id(&it.id, &format!("{f}.id"), &mut items, p);
            check_text(&it.name, &format!("{f}.name"), p);
            check_text(&it.standard, &format!("{f}.standard"), p);
            check_source(&it.source, &format!("{f}.source"), p);
            if it.elevator && it.pipeline.is_some() {
                p.add(
                    format!("{f}.elevator"),
                    "电梯项目不能同时是管线项目",
                    "an elevator item cannot also be a pipeline item",
                );
            }
        }
    }
    if menu.is_empty() {
        p.add("menu", "改造菜单为空", "the renovation menu is empty");
    }
}

pub(super) fn check_benchmarks(pack: &PolicyPack, p: &mut Problems) {
    let mut seen = Vec::new();
    for (i, b) in pack.benchmarks.iter().enumerate() {
        let field = format!("benchmarks[{i}]");
        check_id(&b.id, &format!("{field}.id"), &mut seen, p);
        check_text(&b.label, &format!("{field}.label"), p);
        check_text(&b.derivation, &format!("{field}.derivation"), p);
        check_source(&b.source, &format!("{field}.source"), p);
        // A benchmark above 10^9 元 per household or m² would make every estimate overflow.
        match crate::numbers::decimal_text(&b.amount) {
            Some(d) if d > Decimal::ZERO && d <= Decimal::from(1_000_000_000) && d.scale() <= 2 => {
            }
            _ => p.add(
                format!("{field}.amount"),
                "金额应为不超过 10 亿元、最多两位小数的正数",
                "the amount must be positive, at most 10^9 yuan, with at most two decimals",
            ),
        }
    }
}

/// Item-scoped rules name items and categories that exist.
pub(super) fn check_scopes(pack: &PolicyPack, menu: &[MenuCategory], p: &mut Problems) {
    for (i, r) in pack.eligibility.iter().enumerate() {
        let Some(scope) = &r.applies_to else { continue };
        let field = format!("eligibility[{i}].appliesTo");
        for (k, it) in scope.items.iter().flatten().enumerate() {
            if !menu.iter().any(|m| m.items.iter().any(|x| &x.id == it)) {
                p.add(
                    format!("{field}.items[{k}]"),
                    format!("菜单中没有项目“{it}”"),
                    format!("the menu has no item “{it}”"),
                );
            }
        }
        for (k, c) in scope.categories.iter().flatten().enumerate() {
            if !menu.iter().any(|m| &m.id == c) {
                p.add(
                    format!("{field}.categories[{k}]"),
                    format!("菜单中没有类别“{c}”"),
                    format!("the menu has no category “{c}”"),
                );
            }
        }
        if scope.items.is_none() && scope.categories.is_none() && !scope.elevator {
            p.add(
                &field,
                "appliesTo 至少要列出一个条件",
                "appliesTo needs at least one condition",
            );
        }
    }
}
