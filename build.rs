//! Bundles the dictionaries into the binary: every `dictionaries/*.tsv` is listed in
//! `bundled.rs` and included as text, so the binary needs no files at run time.
//!
//! They are stored uncompressed: gunzipping 8 MB at every start-up cost more than the
//! few megabytes of binary size it saved. They are stored without the columns that no
//! line fills (see `drop_empty_columns`).

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
        let text = fs::read_to_string(&path).unwrap();
        let compact = Path::new(&out).join(name);
        fs::write(&compact, drop_empty_columns(&text)).unwrap();
        list.push_str(&format!(
            "    ({stem:?}, include_str!({:?})),\n",
            compact.display().to_string()
        ));
    }
    list.push_str("];\n");
    fs::write(Path::new(&out).join("bundled.rs"), list).unwrap();
}

/// `text` without the columns (after `surface` and `type`) that are empty on every
/// line. The parser takes a column the header does not name as empty, so the entries
/// are the same; but start-up splits far fewer cells (the word lists, two thirds of
/// the lines, fill only `surface`, `type` and `freq` of their nine columns). Every line
/// is kept (line numbers stay), and comments and blank lines as they are. A file
/// without the usual header, or naming a column twice, is kept whole.
fn drop_empty_columns(text: &str) -> String {
    // Each line split into its content and its line end (`\n`, `\r\n` or none).
    let lines: Vec<(&str, &str)> = text
        .split_inclusive('\n')
        .map(|l| {
            let body = l
                .strip_suffix('\n')
                .map_or(l, |b| b.strip_suffix('\r').unwrap_or(b));
            (body, &l[body.len()..])
        })
        .collect();
    let Some(&(header, _)) = lines.first() else {
        return text.to_string();
    };
    let names: Vec<&str> = header.split('\t').map(str::trim).collect();
    let distinct = names
        .iter()
        .enumerate()
        .all(|(i, n)| !names[..i].contains(n));
    if names.len() < 2 || names[0] != "surface" || names[1] != "type" || !distinct {
        return text.to_string();
    }
    let data = |body: &str| !body.trim().is_empty() && !body.starts_with('#');
    let keep: Vec<bool> = (0..names.len())
        .map(|j| {
            j < 2
                || lines[1..]
                    .iter()
                    .filter(|(body, _)| data(body))
                    .any(|(body, _)| body.split('\t').nth(j).is_some_and(|c| !c.is_empty()))
        })
        .collect();
    let mut out = String::with_capacity(text.len());
    for (i, &(body, end)) in lines.iter().enumerate() {
        if i == 0 || data(body) {
            let cells: Vec<&str> = body
                .split('\t')
                .enumerate()
                .filter(|&(j, _)| keep.get(j).copied().unwrap_or(true))
                .map(|(_, c)| c)
                .collect();
            out.push_str(&cells.join("\t"));
        } else {
            out.push_str(body);
        }
        out.push_str(end);
    }
    out
}
