//! Bundles the dictionaries into the binary: every `dictionaries/*.tsv` is read into
//! rows here (with the module the run-time loader uses for user files, so a bad line
//! fails the build with its file and line), the rows are stored with `postcard` and
//! their cells' text in one string per file, and `bundled.rs` lists them, so the
//! binary needs no files at run time and start-up decodes rows instead of parsing text.
//!
//! It also checks that the bundled files name each (surface, type) once, with the
//! loader's own type names, so that start-up need not look for duplicate entries.

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
    let mut seen = Entries::default();
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = name.trim_end_matches(".tsv");
        let text = fs::read_to_string(&path).unwrap();
        let rows = rows::read(&text).unwrap_or_else(|e| {
            panic!("dictionaries/{name}:{}: {}", e.line, e.message);
        });
        seen.check(name, &rows);
        // The cells' text, one after the other in one string; the rows hold their
        // lengths (`rows::Cells`).
        let mut cells = String::new();
        let n = rows.rows.len();
        let mut bytes = postcard::to_allocvec(&rows.kinds).expect("type names encode");
        for row in rows.rows {
            let row = row.map(|s| {
                cells.push_str(&s);
                s.len() as u32
            });
            bytes.extend(postcard::to_allocvec(&row).expect("a row encodes"));
        }
        let stored = Path::new(&out).join(format!("{stem}.rows"));
        let text = Path::new(&out).join(format!("{stem}.cells"));
        fs::write(&stored, bytes).unwrap();
        fs::write(&text, cells).unwrap();
        list.push_str(&format!(
            "    ({stem:?}, {n}, include_str!({:?}), include_bytes!({:?})),\n",
            text.display().to_string(),
            stored.display().to_string()
        ));
    }
    list.push_str("];\n");
    fs::write(Path::new(&out).join("bundled.rs"), list).unwrap();
}

/// The type names of the bundled files: the loader's own (`Lex::as_str`).
const TYPES: [&str; 13] = [
    "PERSON",
    "PLACE",
    "ORG",
    "MISC",
    "GIVEN",
    "SURNAME",
    "DEMONYM",
    "ROLE",
    "HONORIFIC",
    "ORG_HEAD",
    "UNIT",
    "COMMON",
    "STOP",
];

/// The (surface, type) pairs of the bundled entries seen so far, with where each is.
#[derive(Default)]
struct Entries(std::collections::HashMap<(String, String), String>);

impl Entries {
    /// Fails the build on a type name that is not the loader's own, and on an entry
    /// that an earlier row of any bundled file has. The word lists (given names,
    /// surnames, ordinary words) are no entries: a repeat there is merged.
    fn check(&mut self, name: &str, rows: &rows::Rows<String>) {
        for row in &rows.rows {
            let kind = &rows.kinds[row.kind as usize];
            let at = format!("dictionaries/{name}:{}", row.line);
            if !TYPES.contains(&kind.as_str()) {
                panic!("{at}: type {kind:?} is not one of {TYPES:?}");
            }
            if matches!(kind.as_str(), "GIVEN" | "SURNAME" | "COMMON") {
                continue;
            }
            let key = (row.surface.clone(), kind.clone());
            if let Some(first) = self.0.insert(key, at.clone()) {
                panic!("{at}: {:?} {kind} is also at {first}", row.surface);
            }
        }
    }
}
