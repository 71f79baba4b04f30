//! Writes the planning view's test inputs into a folder: annex 1 of 攀委办〔2018〕40号 as
//! `annex.xlsx` (an official's workbook: title rows, the year merged down over each block,
//! 合计/总计 rows — built exactly as tests/annex builds it for the Rust tests), `annex.csv`
//! (UTF-8, as Excel exports it) and `annex-gbk.csv` (the same text in GBK, as WPS on a Chinese
//! Windows saves it), and `annex-renamed-gbk.csv` (GBK, its investment column headed
//! 计划资金(万元), a name the reader does not know: the person maps it by hand). tests/e2e/plan.test.mjs runs it with
//! `cargo run --example plan_fixtures -- DIR`.

#[path = "../tests/annex/mod.rs"]
mod annex;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: plan_fixtures DIR");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(&dir);
    let csv = annex::annex_csv();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&csv);
    if unmappable {
        eprintln!("the annex has a character GBK cannot hold");
        std::process::exit(1);
    }
    let renamed = csv.replacen("预计投资(万元)", "计划资金(万元)", 1);
    let (renamed_gbk, _, _) = encoding_rs::GBK.encode(&renamed);
    let files: [(&str, &[u8]); 4] = [
        ("annex.xlsx", &annex::annex_xlsx()),
        ("annex.csv", csv.as_bytes()),
        ("annex-gbk.csv", &gbk),
        ("annex-renamed-gbk.csv", &renamed_gbk),
    ];
    for (name, bytes) in files {
        if let Err(e) = std::fs::write(dir.join(name), bytes) {
            eprintln!("{name}: {e}");
            std::process::exit(1);
        }
    }
}
