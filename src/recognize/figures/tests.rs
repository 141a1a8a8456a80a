use super::*;

fn run(text: &str) -> Vec<(String, FigureInfo, String)> {
    let r = FigureRecognizer::new();
    let mut out = Vec::new();
    r.find(text, &mut out);
    out.into_iter()
        .map(|c| {
            let Detail::Figure(f) = c.detail else {
                panic!("figure without detail")
            };
            (text[c.start..c.end].to_string(), f, c.how)
        })
        .collect()
}

#[test]
fn smoke() {
    let got = run("Russia plans to keep about 1,000 military personnel there.");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "about 1,000");
}
