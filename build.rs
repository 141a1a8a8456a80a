//! Bundles the dictionaries into the binary: every `dictionaries/*.tsv` is gzipped into
//! OUT_DIR and listed in `bundled.rs`, so the binary needs no files at run time.

use std::fs;
use std::io::Write;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    let dir = Path::new("dictionaries");
    println!("cargo:rerun-if-changed=dictionaries");
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tsv"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut list = String::from("pub static BUNDLED: &[(&str, &[u8])] = &[\n");
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let data = fs::read(&path).unwrap();
        let gz_path = Path::new(&out).join(format!("{name}.gz"));
        let mut enc = flate2::write::GzEncoder::new(
            fs::File::create(&gz_path).unwrap(),
            flate2::Compression::new(6),
        );
        enc.write_all(&data).unwrap();
        enc.finish().unwrap();
        let stem = name.trim_end_matches(".tsv");
        list.push_str(&format!(
            "    ({stem:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.gz\"))),\n"
        ));
    }
    list.push_str("];\n");
    fs::write(Path::new(&out).join("bundled.rs"), list).unwrap();
}
