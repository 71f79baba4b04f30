//! `#[derive(ToJson)]`: writes a type as JSON through `gaizao::output::Writer`, reading the same
//! `#[serde(...)]` attributes as `#[derive(Serialize)]` beside it, so both write the same text
//! (`gaizao::output`'s tests compare them on every kind of result).
//!
//! Why not serde's `Serialize` in the browser module: a derived `Serialize` is generic over the
//! serializer and returns a `Result` from every field, so each result type carried a few hundred
//! bytes of error plumbing and generic glue — about a tenth of the module. The code made here
//! calls two non-generic writer functions per field (the key, then the value's own `to_json`) and
//! cannot fail. Serde's derives stay for the command line (pretty JSON) and as the reference.
//!
//! Supported, because the result types use exactly these: named-field structs and newtype
//! structs; enums of unit, newtype and struct variants, externally tagged or internally
//! (`tag = "…"`); `rename_all = "camelCase"` on containers and variants; `rename`,
//! `skip_serializing_if`, `skip`/`skip_serializing` on fields. Anything else is a compile error,
//! never a silently different text.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{parse_macro_input, Attribute, Data, DeriveInput, Error, Fields, LitStr};

/// See the crate documentation.
#[proc_macro_derive(ToJson, attributes(serde))]
pub fn derive_to_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// The `#[serde(...)]` settings this derive understands.
#[derive(Default)]
struct Serde {
    rename_all: Option<String>,
    rename_all_fields: Option<String>,
    rename: Option<String>,
    tag: Option<String>,
    skip_if: Option<syn::ExprPath>,
    skip: bool,
}

fn serde_attrs(attrs: &[Attribute]) -> syn::Result<Serde> {
    let mut s = Serde::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let lit = |meta: &syn::meta::ParseNestedMeta| -> syn::Result<String> {
                Ok(meta.value()?.parse::<LitStr>()?.value())
            };
            if meta.path.is_ident("rename_all") {
                s.rename_all = Some(lit(&meta)?);
            } else if meta.path.is_ident("rename_all_fields") {
                s.rename_all_fields = Some(lit(&meta)?);
            } else if meta.path.is_ident("rename") {
                s.rename = Some(lit(&meta)?);
            } else if meta.path.is_ident("tag") {
                s.tag = Some(lit(&meta)?);
            } else if meta.path.is_ident("skip_serializing_if") {
                s.skip_if = Some(syn::parse_str(&lit(&meta)?)?);
            } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_serializing") {
                s.skip = true;
            } else if meta.path.is_ident("default") {
                // Reading only: `= "path"` may follow.
                if meta.input.peek(syn::Token![=]) {
                    lit(&meta)?;
                }
            } else {
                return Err(
                    meta.error("gaizao-derive: this serde attribute is not supported by ToJson")
                );
            }
            Ok(())
        })?;
    }
    for r in [&s.rename_all, &s.rename_all_fields].into_iter().flatten() {
        if r != "camelCase" {
            return Err(Error::new_spanned(
                &attrs[0],
                "gaizao-derive: only rename_all = \"camelCase\" is supported",
            ));
        }
    }
    Ok(s)
}

/// serde's `RenameRule::CamelCase` for a field name (`document_number` → `documentNumber`).
fn camel_field(name: &str) -> String {
    let mut pascal = String::new();
    let mut capitalize = true;
    for ch in name.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    match pascal.chars().next() {
        Some(first) => first.to_ascii_lowercase().to_string() + &pascal[first.len_utf8()..],
        None => pascal,
    }
}

/// serde's `RenameRule::CamelCase` for a variant name (`InForce` → `inForce`).
fn camel_variant(name: &str) -> String {
    match name.chars().next() {
        Some(first) => first.to_ascii_lowercase().to_string() + &name[first.len_utf8()..],
        None => String::new(),
    }
}

fn ident_name(i: &syn::Ident) -> String {
    let s = i.to_string();
    s.strip_prefix("r#").map(str::to_string).unwrap_or(s)
}

/// The statements that write named fields as `,"key":value` members (the object is open).
/// `access` turns a field's identifier into an expression of a reference to it.
fn members(
    fields: &syn::FieldsNamed,
    rename_all: bool,
    access: &dyn Fn(&syn::Ident) -> Tokens,
) -> syn::Result<Tokens> {
    let mut out = Tokens::new();
    for f in &fields.named {
        let attrs = serde_attrs(&f.attrs)?;
        if attrs.skip {
            continue;
        }
        let Some(ident) = &f.ident else { continue };
        let key = match attrs.rename {
            Some(r) => r,
            None if rename_all => camel_field(&ident_name(ident)),
            None => ident_name(ident),
        };
        let value = access(ident);
        let write = quote! {
            w.key(#key);
            ::gaizao::output::ToJson::to_json(#value, w);
        };
        out.extend(match attrs.skip_if {
            Some(pred) => quote! { if !#pred(#value) { #write } },
            None => write,
        });
    }
    Ok(out)
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let name = &input.ident;
    let container = serde_attrs(&input.attrs)?;
    let camel = container.rename_all.is_some();
    let mut generics = input.generics.clone();
    for p in generics.type_params_mut() {
        p.bounds.push(syn::parse_quote!(::gaizao::output::ToJson));
    }
    let (imp, ty, wher) = generics.split_for_impl();

    let body = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => {
                if container.tag.is_some() {
                    return Err(Error::new_spanned(
                        name,
                        "gaizao-derive: tag on a struct is not supported",
                    ));
                }
                let m = members(named, camel, &|i| quote! { &self.#i })?;
                quote! { w.open_object(); #m w.close_object(); }
            }
            Fields::Unnamed(u) if u.unnamed.len() == 1 => {
                quote! { ::gaizao::output::ToJson::to_json(&self.0, w); }
            }
            _ => {
                return Err(Error::new_spanned(
                    name,
                    "gaizao-derive: only named-field and newtype structs are supported",
                ))
            }
        },
        Data::Enum(e) => {
            let mut arms = Tokens::new();
            for v in &e.variants {
                let va = serde_attrs(&v.attrs)?;
                if va.skip || va.skip_if.is_some() {
                    return Err(Error::new_spanned(
                        v,
                        "gaizao-derive: skipped variants are not supported",
                    ));
                }
                let vname = match va.rename {
                    Some(r) => r,
                    None if camel => camel_variant(&v.ident.to_string()),
                    None => v.ident.to_string(),
                };
                let vi = &v.ident;
                let fields_camel = va.rename_all.is_some() || container.rename_all_fields.is_some();
                let arm = match (&v.fields, &container.tag) {
                    (Fields::Unit, None) => quote! { Self::#vi => w.str(#vname), },
                    (Fields::Unit, Some(tag)) => quote! {
                        Self::#vi => { w.open_object(); w.key(#tag); w.str(#vname); w.close_object(); }
                    },
                    (Fields::Named(named), tag) => {
                        let binds: Vec<_> = named.named.iter().filter_map(|f| f.ident.clone()).collect();
                        let m = members(named, fields_camel, &|i| quote! { #i })?;
                        let head = match tag {
                            Some(tag) => quote! { w.open_object(); w.key(#tag); w.str(#vname); },
                            None => quote! { w.open_object(); w.key(#vname); w.open_object(); },
                        };
                        let tail = match tag {
                            Some(_) => quote! { w.close_object(); },
                            None => quote! { w.close_object(); w.close_object(); },
                        };
                        quote! { Self::#vi { #(#binds),* } => { #head #m #tail } }
                    }
                    (Fields::Unnamed(u), None) if u.unnamed.len() == 1 => quote! {
                        Self::#vi(inner) => {
                            w.open_object(); w.key(#vname);
                            ::gaizao::output::ToJson::to_json(inner, w);
                            w.close_object();
                        }
                    },
                    _ => {
                        return Err(Error::new_spanned(
                            v,
                            "gaizao-derive: tuple variants, and newtype variants of a tagged enum, are not supported",
                        ))
                    }
                };
                arms.extend(arm);
            }
            quote! {
                #[allow(unused_variables)]
                match self { #arms }
            }
        }
        Data::Union(_) => {
            return Err(Error::new_spanned(
                name,
                "gaizao-derive: unions are not supported",
            ))
        }
    };
    Ok(quote! {
        impl #imp ::gaizao::output::ToJson for #name #ty #wher {
            fn to_json(&self, w: &mut ::gaizao::output::Writer) {
                #body
            }
        }
    })
}
