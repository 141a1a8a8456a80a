//! Bundles the dictionaries into the binary: every `dictionaries/*.tsv` is read into
//! rows here (with the module the run-time loader uses for user files, so a bad line
//! fails the build with its file and line), the rows are stored with `postcard`, and
//! `bundled.rs` lists them, so the binary needs no files at run time and start-up
//! decodes rows instead of parsing text.

use std::fs;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/gazetteer/rows.rs"]
mod rows;

fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let dir = Path::new(&root).join("dictionaries");
    println!("cargo:rerun-if-changed=dictionaries");
    println!("cargo:rerun-if-changed=src/gazetteer/rows.rs");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tsv"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut list = String::from("pub static BUNDLED: &[Dictionary] = &[\n");
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = name.trim_end_matches(".tsv");
        let text = fs::read_to_string(&path).unwrap();
        let rows = rows::read(&text).unwrap_or_else(|e| {
            panic!("dictionaries/{name}:{}: {}", e.line, e.message);
        });
        let mut bytes = postcard::to_allocvec(&rows.kinds).expect("type names encode");
        for row in &rows.rows {
            bytes.extend(postcard::to_allocvec(row).expect("a row encodes"));
        }
        let stored = Path::new(&out).join(format!("{stem}.rows"));
        fs::write(&stored, bytes).unwrap();
        list.push_str(&format!(
            "    ({stem:?}, {}, include_bytes!({:?})),\n",
            rows.rows.len(),
            stored.display().to_string()
        ));
    }
    list.push_str("];\n");
    fs::write(Path::new(&out).join("bundled.rs"), list).unwrap();
}
