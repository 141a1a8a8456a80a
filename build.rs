//! Bundles the dictionaries into the binary: every `dictionaries/*.tsv` is listed in
//! `bundled.rs` and included as text, so the binary needs no files at run time.
//!
//! They are stored uncompressed: gunzipping 8 MB at every start-up cost more than the
//! few megabytes of binary size it saved.

use std::fs;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let dir = Path::new(&root).join("dictionaries");
    println!("cargo:rerun-if-changed=dictionaries");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tsv"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut list = String::from("pub static BUNDLED: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = name.trim_end_matches(".tsv");
        list.push_str(&format!(
            "    ({stem:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    list.push_str("];\n");
    fs::write(Path::new(&out).join("bundled.rs"), list).unwrap();
}
