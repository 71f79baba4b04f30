//! The packs compiled into native builds, byte for byte (listed by build.rs from policies/).

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));
