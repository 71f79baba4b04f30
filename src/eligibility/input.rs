//! The input of a check: the compound's facts, plus two reserved keys that are not facts of the
//! compound — `items` (the renovation items chosen, `[{"item": id}]`, for item-scoped rules) and
//! `asOf` (the day the result is for, to judge the document's plan period). The reader takes
//! them out before reading the rest as the estate, so an estate file stays a valid check input.

use super::{check_with, Chosen, Eligibility};
use crate::error::Error;
use crate::estate::{non_empty, Estate};
use crate::input::read::{join, path_or_root, Reader};
use crate::input::tree::{position, Member, Tree};
use crate::numbers::{read_date, Date};
use crate::policy::ResolvedPack;
use crate::texts::Langs;

/// What a check is asked about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckInput {
    /// The compound, read with the pack's own facts.
    pub estate: Estate,
    /// Ids of the chosen menu items, in order.
    pub items: Vec<String>,
    /// The day the result is for (`asOf`), to judge the document's plan period; never a clock's.
    pub as_of: Option<Date>,
}

impl CheckInput {
    /// Reads a check input from JSON text under `pack` (whose menu the items must be on and whose
    /// own facts the estate may give), reporting every problem.
    pub fn from_json(text: &str, pack: &ResolvedPack) -> Result<CheckInput, Vec<Error>> {
        let tree = crate::input::parse_tree(text).map_err(|e| vec![e])?;
        let mut r = Reader::default();
        let mut items = Vec::new();
        let mut as_of = None;
        let rest = match tree {
            Tree::Object(mut map) => {
                if let Some(v) = take(&mut map, "items").filter(|v| !v.is_null()) {
                    items = read_items(&v, pack, &mut r);
                }
                if let Some(v) = take(&mut map, "asOf").filter(|v| !v.is_null()) {
                    as_of = read_date(&v, "asOf", &mut r);
                }
                Tree::Object(map)
            }
            other => other,
        };
        let estate = Estate::read(&rest, "", pack, &mut r);
        match estate {
            Some(estate) if r.problems.is_empty() => Ok(CheckInput {
                estate,
                items,
                as_of,
            }),
            _ => Err(non_empty(r.problems)),
        }
    }
}

/// Takes the member `key` out of an object's members (which stay sorted).
fn take<'a>(members: &mut Vec<Member<'a>>, key: &str) -> Option<Tree<'a>> {
    let i = position(members, key).ok()?;
    Some(members.remove(i).1)
}

fn read_items(v: &Tree, pack: &ResolvedPack, r: &mut Reader) -> Vec<String> {
    let Tree::Array(list) = v else {
        r.wrong_type::<()>("items", "a list of {\"item\": id}", v);
        return Vec::new();
    };
    if list.len() > crate::schema::MAX_ITEMS as usize {
        r.fail::<()>(Error::TooMany {
            field: "items".into(),
            max: crate::schema::MAX_ITEMS as usize,
        });
        return Vec::new();
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let at = format!("items[{i}]");
        let Tree::Object(m) = entry else {
            r.wrong_type::<()>(&at, "an object {\"item\": id}", entry);
            continue;
        };
        for (k, _) in m.iter().filter(|(k, _)| k != "item") {
            r.fail::<()>(Error::UnknownField {
                field: join(&at, k),
            });
        }
        match entry.get("item") {
            Some(Tree::String(id)) if pack.item(id).is_some() => out.push(id.to_string()),
            Some(Tree::String(id)) => {
                r.fail::<()>(Error::UnknownItem {
                    policy: pack.id().into(),
                    item: crate::texts::clip(id),
                    field: format!("{at}.item"),
                });
            }
            Some(other) => {
                r.wrong_type::<()>(&format!("{at}.item"), "text", other);
            }
            None => {
                r.fail::<()>(Error::MissingField {
                    field: path_or_root(&format!("{at}.item")),
                });
            }
        }
        if r.is_full() {
            break;
        }
    }
    out
}

/// Checks a compound with its chosen items and date, with texts in `langs`.
pub fn check_input<'p>(
    pack: &'p ResolvedPack,
    input: &CheckInput,
    langs: Langs,
) -> Eligibility<'p> {
    let chosen: Vec<(&str, &str, bool)> = input
        .items
        .iter()
        .filter_map(|id| {
            pack.item(id)
                .map(|(c, i)| (i.id.as_str(), c.id.as_str(), i.elevator))
        })
        .collect();
    let ctx = Chosen {
        items: &chosen,
        as_of: input.as_of,
    };
    check_with(pack, &input.estate, ctx, langs)
}
