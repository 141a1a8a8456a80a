//! The commands: builds the configuration from the arguments, runs, reports.

use crate::cli::{CheckArgs, Cli, Command, DictCommand, EvalArgs, ExtractArgs, ExtractorArgs};
use anyhow::{bail, Context, Result};
use newsfacts::input::{self, ReadOptions};
use newsfacts::output;
use newsfacts::pipeline::{self, Options};
use newsfacts::record::EntityType;
use newsfacts::{Convention, Extractor, ExtractorConfig};
use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `println!` that returns the error (a closed pipe) instead of panicking.
macro_rules! say {
    ($($t:tt)*) => { writeln!(io::stdout().lock(), $($t)*)? };
}

/// `print!` likewise.
macro_rules! sayn {
    ($($t:tt)*) => { write!(io::stdout().lock(), $($t)*)? };
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(a) => extract(a),
        Command::Check(a) => check(a),
        Command::Eval(a) => eval(a),
        Command::Dict(d) => match d.command {
            DictCommand::Lookup { name, extractor } => dict_lookup(&name, &extractor),
            DictCommand::Stats { extractor } => dict_stats(&extractor),
        },
    }
}

fn parse_types(types: &[String]) -> Result<Option<Vec<EntityType>>> {
    if types.is_empty() {
        return Ok(None);
    }
    types
        .iter()
        .map(|t| {
            EntityType::parse(t).with_context(|| {
                format!("unknown type {t:?} (want person, place, org, date, figure or misc)")
            })
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
}

fn build_extractor(a: &ExtractorArgs, mut config: ExtractorConfig) -> Result<Extractor> {
    config.default_dicts = !a.no_default_dicts;
    config.dicts = a.dicts.clone();
    Extractor::new(config).context("loading dictionaries")
}

fn threads(a: &ExtractorArgs) -> usize {
    a.threads.unwrap_or(0)
}

fn extract(a: ExtractArgs) -> Result<ExitCode> {
    let mut config = ExtractorConfig::default();
    if let Some(t) = parse_types(&a.types)? {
        config.types = t;
    }
    if let Some(d) = &a.reference_date {
        config.reference_date = Some(
            newsfacts::iso_date(d)
                .with_context(|| format!("--reference-date {d:?} is not YYYY-MM-DD"))?,
        );
    }
    config.include_text = a.include_text;
    config.blocks = a.blocks;
    config.explain = a.explain;
    config.convention = a.convention;
    let shard = a.shard.as_deref().map(parse_shard).transpose()?;
    let url_filter = a
        .url_filter
        .as_deref()
        .map(regex::Regex::new)
        .transpose()
        .context("--url-filter")?;
    let extractor = build_extractor(&a.extractor, config)?;

    let inputs = if a.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        a.inputs.clone()
    };
    let paths = input::expand_paths(&inputs);
    let read_opts = ReadOptions {
        max_doc_bytes: a.max_doc_bytes,
        truncate: a.truncate,
        url_filter,
    };
    let mut opts = Options {
        threads: threads(&a.extractor),
        progress: a.progress || (io::stderr().is_terminal() && !a.quiet && a.output.is_some()),
        shard,
        ..Options::default()
    };

    let summary = match &a.output {
        None => {
            let stdout = io::stdout();
            // Block-buffered unless a person is watching.
            let out: Box<dyn Write> = if stdout.is_terminal() {
                Box::new(io::LineWriter::new(stdout.lock()))
            } else {
                Box::new(BufWriter::with_capacity(1 << 16, stdout.lock()))
            };
            let mut w = output::writer(a.format, a.level, out);
            pipeline::run(
                &extractor,
                input::items(paths, read_opts),
                w.as_mut(),
                &opts,
            )?
        }
        Some(path) if a.resume => {
            if a.format != output::Format::Jsonl {
                bail!("--resume needs --format jsonl");
            }
            opts.skip_ids =
                resume_from(path).with_context(|| format!("--resume: {}", path.display()))?;
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("opening {}", path.display()))?;
            // Unbuffered on purpose: the JSONL writer makes one write(2) per record, so
            // a run killed at any moment leaves whole lines plus at most one torn last
            // line, which the next --resume ignores and terminates.
            let mut w = output::writer(a.format, a.level, file);
            pipeline::run(
                &extractor,
                input::items(paths, read_opts),
                w.as_mut(),
                &opts,
            )?
        }
        Some(path) => {
            let tmp = temp_path(path);
            let file = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
            let result = {
                let mut w = output::writer(a.format, a.level, BufWriter::new(file));
                pipeline::run(
                    &extractor,
                    input::items(paths, read_opts),
                    w.as_mut(),
                    &opts,
                )
            };
            match result {
                Ok(s) => {
                    fs::rename(&tmp, path).with_context(|| {
                        format!("renaming {} to {}", tmp.display(), path.display())
                    })?;
                    s
                }
                Err(e) => {
                    let _ = fs::remove_file(&tmp);
                    return Err(e).with_context(|| format!("writing {}", path.display()));
                }
            }
        }
    };
    // The dictionaries are hundreds of thousands of small allocations and the process
    // ends now: leave them to the operating system instead of freeing them one by one.
    std::mem::forget(extractor);
    if !a.quiet {
        eprintln!("newsfacts: {}", summary.line());
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn parse_shard(s: &str) -> Result<(usize, usize)> {
    let (k, n) = s.split_once('/').context("--shard wants K/N, e.g. 0/4")?;
    let (k, n): (usize, usize) = (
        k.trim().parse().context("--shard K")?,
        n.trim().parse().context("--shard N")?,
    );
    if n == 0 || k >= n {
        bail!("--shard {s}: want 0 <= K < N");
    }
    Ok((k, n))
}

/// `out.jsonl` -> `.out.jsonl.tmp-PID` in the same folder, so the rename is atomic.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// What every record of `newsfacts extract --format jsonl` starts with.
const RECORD_START: &[u8] = b"{\"id\":";

/// Reads the JSONL output that `--resume` continues and returns the ids of the records
/// in it. A run killed mid-write leaves a torn last line, which is cut off (its document
/// is then extracted again); a last line that is whole but lacks its newline gets one.
/// Nothing else is changed: a file that does not read, or with a line that is not one
/// of our records, is refused with the reason, so that appending never damages a file
/// that is not ours. A missing file is a run starting from nothing.
fn resume_from(path: &Path) -> Result<HashSet<String>> {
    use std::io::{BufReader, Seek, SeekFrom};
    let mut ids = HashSet::new();
    let file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(ids),
        Err(e) => return Err(e).context("cannot open it to read and append"),
    };
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let (mut at, mut n) = (0u64, 0usize);
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .context("cannot read it")?;
        if read == 0 {
            return Ok(ids);
        }
        n += 1;
        let whole = line.ends_with(b"\n");
        match record_id(&line) {
            Some(id) => {
                ids.insert(id);
            }
            // A torn last line: what a killed write of one of our records leaves.
            None if !whole
                && (line.starts_with(RECORD_START) || RECORD_START.starts_with(&line)) =>
            {
                reader
                    .into_inner()
                    .set_len(at)
                    .context("cannot cut its torn last line")?;
                return Ok(ids);
            }
            None => bail!(
                "line {n} is not a record of `newsfacts extract --format jsonl`; \
                 refusing to append to a file that is not a newsfacts output"
            ),
        }
        if !whole {
            let mut file = reader.into_inner();
            file.seek(SeekFrom::End(0))?;
            file.write_all(b"\n").context("cannot end its last line")?;
            return Ok(ids);
        }
        at += read as u64;
    }
}

/// The id of a line that is one of our records (an object with a string `id`, a string
/// `source` and an `errors` list), else `None`.
fn record_id(line: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(line).ok()?;
    let id = v.get("id")?.as_str()?;
    (v.get("source")?.is_string() && v.get("errors")?.is_array()).then(|| id.to_string())
}

fn check(a: CheckArgs) -> Result<ExitCode> {
    let extractor = build_extractor(&a.extractor, ExtractorConfig::default())?;
    let results = newsfacts::check::check_dir(&extractor, &a.dir, a.bless, threads(&a.extractor))?;
    let mut failed = 0;
    for r in &results {
        match &r.diff {
            None if a.bless => say!("blessed {}", r.input.display()),
            None => say!("ok      {}", r.input.display()),
            Some(d) => {
                failed += 1;
                say!("FAILED  {}\n{d}", r.input.display());
            }
        }
    }
    say!(
        "{} fixtures: {} passed, {} failed",
        results.len(),
        results.len() - failed,
        failed
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn eval(a: EvalArgs) -> Result<ExitCode> {
    use newsfacts::eval::*;
    let mut gold = read_gold(&a.gold)?;
    if let Some(n) = a.limit {
        gold.truncate(n);
    }
    let is_timex = gold.iter().any(|g| g.timexes.is_some());
    let types = match parse_types(&a.types)? {
        Some(t) => t,
        None if is_timex => vec![EntityType::Date],
        None => {
            let mut t: Vec<EntityType> = gold
                .iter()
                .flat_map(|g| g.entities.iter().flatten())
                .filter_map(|e| EntityType::parse(&e.kind))
                .filter(|t| *t != EntityType::Misc)
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            t.sort();
            t
        }
    };
    let pred = match &a.pred {
        Some(p) => read_predictions(p, &gold)?,
        None => {
            let ontonotes = gold.first().is_some_and(|g| g.id.starts_with("ontonotes"));
            let convention = a.convention.unwrap_or(if ontonotes {
                Convention::Ontonotes
            } else {
                Convention::Plain
            });
            let mut config = ExtractorConfig::default();
            config.types = types.clone();
            config.convention = convention;
            let extractor = build_extractor(&a.extractor, config)?;
            let pool = pipeline::thread_pool(threads(&a.extractor))?;
            pool.install(|| predict(&extractor, &gold))
        }
    };
    let mut err_file = a
        .errors
        .as_ref()
        .map(|p| {
            File::create(p)
                .map(BufWriter::new)
                .with_context(|| format!("creating {}", p.display()))
        })
        .transpose()?;
    let errors: Option<&mut dyn Write> = err_file.as_mut().map(|f| f as &mut dyn Write);
    if is_timex {
        let s = score_timexes(&gold, &pred, errors)?;
        if a.json {
            say!(
                "{}",
                serde_json::json!({"gold": a.gold, "documents": gold.len(), "strict": s.strict, "relaxed": s.relaxed,
                    "strict_f1": s.strict.f1(), "relaxed_f1": s.relaxed.f1(), "type_accuracy": s.type_accuracy(),
                    "value_accuracy": s.value_accuracy(), "value_f1": s.value_f1()})
            );
        } else {
            say!("{} ({} documents, timexes)", a.gold.display(), gold.len());
            sayn!("{}", timex_table(&s));
        }
    } else {
        let s = score_entities(&gold, &pred, &types, errors)?;
        if a.json {
            let per: serde_json::Map<String, serde_json::Value> = s
                .per_type
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::json!({"gold": v.gold, "pred": v.pred, "tp": v.tp, "p": v.p(), "r": v.r(), "f1": v.f1()})))
                .collect();
            say!(
                "{}",
                serde_json::json!({"gold": a.gold, "documents": gold.len(), "per_type": per,
                    "micro": {"gold": s.micro.gold, "pred": s.micro.pred, "tp": s.micro.tp, "p": s.micro.p(), "r": s.micro.r(), "f1": s.micro.f1()}})
            );
        } else {
            say!(
                "{} ({} documents, exact span + type)",
                a.gold.display(),
                gold.len()
            );
            sayn!("{}", entity_table(&s));
            if a.by_how {
                sayn!("{}", how_table(&s));
            }
        }
    }
    if let Some(mut f) = err_file {
        f.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

fn dict_lookup(name: &str, a: &ExtractorArgs) -> Result<ExitCode> {
    let extractor = build_extractor(a, ExtractorConfig::default())?;
    let gaz = extractor.gazetteer();
    let mut found = false;
    for &ix in gaz.lookup_folded(name) {
        let e = gaz.entry(ix);
        found = true;
        let ids: Vec<String> = e.ids().map(|(k, v)| format!("{k}:{v}")).collect();
        say!(
            "{}\t{}\tcanonical={}\tids={}\tcountry={}\tsource={}",
            e.surface,
            e.lex.as_str(),
            e.canonical,
            ids.join(";"),
            e.country.as_deref().unwrap_or(""),
            e.source
        );
    }
    for (lex, freq) in gaz.word_classes(name) {
        found = true;
        say!("{name}\t{}\tfreq={freq}", lex.as_str());
    }
    if gaz.is_common(&name.to_lowercase()) {
        found = true;
        say!(
            "{}\tCOMMON\t(an ordinary English word when lower-cased)",
            name.to_lowercase()
        );
    }
    if !found {
        say!("{name}: no dictionary entry");
    }
    let resolved = extractor.analyse(name, None);
    for m in &resolved.mentions {
        say!(
            "tagged: {:?} as {} (canonical {:?}) by {}",
            &name[m.start..m.end],
            m.kind,
            m.canonical.as_deref().unwrap_or(""),
            m.how
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn dict_stats(a: &ExtractorArgs) -> Result<ExitCode> {
    let extractor = build_extractor(a, ExtractorConfig::default())?;
    let mut counts: std::collections::BTreeMap<(String, &str), usize> = Default::default();
    for e in extractor.gazetteer().entries() {
        *counts
            .entry((e.source.to_string(), e.lex.as_str()))
            .or_default() += 1;
    }
    for ((src, lex), n) in counts {
        say!("{src}\t{lex}\t{n}");
    }
    let (given, surnames, common) = extractor.gazetteer().word_counts();
    say!("word lists\tGIVEN\t{given}");
    say!("word lists\tSURNAME\t{surnames}");
    say!("word lists\tCOMMON\t{common}");
    Ok(ExitCode::SUCCESS)
}
