//! The commands: builds the configuration from the arguments, runs, reports.

use crate::cli::{CheckArgs, Cli, Command, DictCommand, EvalArgs, ExtractArgs, ExtractorArgs};
use anyhow::{bail, Context, Result};
use clap::CommandFactory;
use newsfacts::input::{self, ReadOptions};
use newsfacts::output::{self, Level};
use newsfacts::pipeline::{self, Options};
use newsfacts::record::EntityType;
use newsfacts::{Convention, Extractor, ExtractorConfig};

use crate::resume;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

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
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "newsfacts", &mut script);
            io::stdout().lock().write_all(&script)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            io::stdout().lock().write_all(&page)?;
            Ok(ExitCode::SUCCESS)
        }
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
    let to_terminal = a.output.is_none() && io::stdout().is_terminal();
    let format = a
        .format
        .unwrap_or_else(|| output::Format::default_for(to_terminal));
    let level = format_flags(&a, format)?;
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
    config.include_text = a.include_text || format.needs_text();
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
    let inputs = if a.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        a.inputs.clone()
    };
    let Some(paths) = input_paths(&inputs) else {
        return Ok(ExitCode::from(2));
    };
    let extractor = build_extractor(&a.extractor, config)?;
    let read_opts = ReadOptions {
        max_doc_bytes: a.max_doc_bytes,
        truncate: a.truncate,
        url_filter,
        status_filter: status_filter(&a.status, &paths),
    };
    let mut opts = Options {
        threads: threads(&a.extractor),
        progress: a.progress || (io::stderr().is_terminal() && !a.quiet && a.output.is_some()),
        shard,
        ..Options::default()
    };

    let stop = Arc::new(AtomicBool::new(false));
    opts.stop = Some(stop.clone());
    ctrlc::set_handler(move || {
        if stop.swap(true, Ordering::SeqCst) {
            // A second Ctrl-C: stop at once. What was written stays (whole records,
            // perhaps a torn last one, which `--resume` cuts off).
            std::process::exit(130);
        }
        eprintln!(
            "newsfacts: interrupted: finishing the documents in flight \
             (Ctrl-C again to stop at once)"
        );
    })
    .context("installing the Ctrl-C handler")?;

    let items = input::items(paths, read_opts);
    let summary = run_to_output(&a, format, level, &extractor, items, opts)?;
    // The dictionaries are hundreds of thousands of small allocations and the process
    // ends now: leave them to the operating system instead of freeing them one by one.
    std::mem::forget(extractor);
    if !a.quiet {
        eprintln!("newsfacts: {}", summary.line());
    }
    if summary.interrupted {
        match &a.output {
            Some(path) => eprintln!(
                "newsfacts: interrupted; {} holds whole records of the documents done. \
                 To continue, run the same command with --resume:\n  {}",
                path.display(),
                resume_command()
            ),
            None => eprintln!(
                "newsfacts: interrupted; only a run writing to a file (-o FILE) can be \
                 continued with --resume"
            ),
        }
        return Ok(ExitCode::from(130));
    }
    if summary.read == 0 && summary.resumed == 0 {
        eprintln!(
            "newsfacts: warning: no input documents found in {}",
            names(&inputs)
        );
        return Ok(ExitCode::from(2));
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The `--status` filters as one; a warning when no input can have an HTTP status (all
/// of them are named as pages, text or JSONL), since the filter then keeps everything.
fn status_filter(
    given: &[input::warc::StatusFilter],
    paths: &[PathBuf],
) -> Option<input::warc::StatusFilter> {
    let mut filters = given.iter().cloned();
    let mut filter = filters.next()?;
    filters.for_each(|f| filter.extend(f));
    let no_archive = paths.iter().all(|p| {
        let name = p.to_string_lossy();
        // An unknown name (stdin among them) may be an archive: its bytes tell.
        p.as_os_str() != "-"
            && input::is_input_name(&name)
            && input::container_of(&name, b"") != input::Container::Warc
    });
    if no_archive {
        eprintln!(
            "newsfacts: warning: --status applies to web archive (WARC/ARC) responses only; \
             no input is one, so every document is kept"
        );
    }
    Some(filter)
}

/// The inputs named on the command line, for a message.
fn names(inputs: &[PathBuf]) -> String {
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    names.join(", ")
}

/// Expands the inputs, warning about each folder without input documents in it; `None`
/// (after the warning) when there is nothing at all to read.
fn input_paths(inputs: &[PathBuf]) -> Option<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for p in inputs {
        let found = input::expand_paths(std::slice::from_ref(p));
        if found.is_empty() {
            eprintln!(
                "newsfacts: warning: no input documents found in {} (looked for .html, \
                 .htm, .txt, .jsonl, .warc and their .gz forms)",
                p.display()
            );
        }
        paths.extend(found);
    }
    (!paths.is_empty()).then_some(paths)
}

/// The `--level` a run uses; a usage error for any flag that the chosen `--format`
/// would ignore, rather than ignoring it silently.
fn format_flags(a: &ExtractArgs, format: output::Format) -> Result<Level> {
    use output::Format;
    let table = matches!(format, Format::Csv | Format::Tsv);
    let format = format!("{format:?}").to_lowercase();
    if table {
        for (given, flag) in [
            (a.include_text, "--include-text"),
            (a.blocks, "--blocks"),
            (a.explain, "--explain"),
        ] {
            if given {
                bail!(
                    "{flag} does not apply to --format {format} (its rows have no place for \
                     it): use --format jsonl or json"
                );
            }
        }
    } else if a.level.is_some() {
        bail!("--level applies to --format csv and tsv only, not --format {format}");
    }
    Ok(a.level.unwrap_or(Level::Mentions))
}

/// Runs the pipeline into stdout or the `-o` file (continuing it with `--resume`).
fn run_to_output(
    a: &ExtractArgs,
    format: output::Format,
    level: Level,
    extractor: &Extractor,
    items: impl Iterator<Item = input::Item> + Send,
    mut opts: Options,
) -> Result<pipeline::Summary> {
    Ok(match &a.output {
        None => {
            let stdout = io::stdout();
            let to_terminal = stdout.is_terminal();
            // Block-buffered unless a person is watching.
            let out: Box<dyn Write> = if to_terminal {
                Box::new(io::LineWriter::new(stdout.lock()))
            } else {
                Box::new(BufWriter::with_capacity(1 << 16, stdout.lock()))
            };
            // Colour for a terminal that has it (https://no-color.org).
            let color = to_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb");
            let mut w = output::styled_writer(format, level, color, out);
            pipeline::run(extractor, items, w.as_mut(), &opts)?
        }
        Some(path) => {
            let file = if a.resume {
                let earlier = resume::earlier_output(path, format, level)
                    .with_context(|| format!("--resume: {}", path.display()))?;
                opts.skip_ids = earlier.done;
                let file = OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .with_context(|| format!("opening {}", path.display()))?;
                (file, earlier.has_header)
            } else {
                let file =
                    File::create(path).with_context(|| format!("creating {}", path.display()))?;
                (file, false)
            };
            // The named file itself, unbuffered: the JSON writers make one write(2) per
            // record (the CSV writer buffers a few kilobytes), so the file grows as
            // records are made and a run killed at any moment leaves whole records plus
            // at most one torn last one, which `--resume` cuts off.
            let mut w = output::writer(format, level, file.0);
            if file.1 {
                w.header_written();
            }
            pipeline::run(extractor, items, w.as_mut(), &opts)
                .with_context(|| format!("writing {}", path.display()))?
        }
    })
}

/// This command line with `--resume` added (if it lacks it), quoted for a POSIX shell.
fn resume_command() -> String {
    let mut args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--resume") {
        let at = args
            .iter()
            .position(|a| a == "extract")
            .map_or(1, |i| i + 1);
        args.insert(at.min(args.len()), "--resume".into());
    }
    args.iter()
        .map(|a| {
            if !a.is_empty()
                && a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,@%+".contains(&b))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
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

fn check(a: CheckArgs) -> Result<ExitCode> {
    let extractor = build_extractor(&a.extractor, ExtractorConfig::default())?;
    let results = newsfacts::check::check_dir(&extractor, &a.dir, a.bless, threads(&a.extractor))?;
    let mut failed = 0;
    for r in &results {
        let note = r
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        match &r.diff {
            None if a.bless => say!(
                "blessed {} -> {}{note}",
                r.input.display(),
                r.expected.display()
            ),
            None => say!("ok      {}{note}", r.input.display()),
            Some(d) => {
                failed += 1;
                say!(
                    "FAILED  {} (expected: {}){note}\n{d}",
                    r.input.display(),
                    r.expected.display()
                );
            }
        }
    }
    say!(
        "{} fixtures: {} passed, {} failed",
        results.len(),
        results.len() - failed,
        failed
    );
    if failed > 0 && !a.bless {
        say!(
            "(exit code 1; if the new output is right, accept it with: newsfacts check --bless {})",
            a.dir.display()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn eval(a: EvalArgs) -> Result<ExitCode> {
    use newsfacts::eval::*;
    // Document-level gold also has `html` and `body`: it is told apart first.
    if docs::is_doc_gold(&a.gold)? {
        return eval_docs(a);
    }
    if pages::is_page_gold(&a.gold)? {
        return eval_pages(&a);
    }
    if quotes::is_quote_gold(&a.gold)? {
        return eval_quotes(a);
    }
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
    let mut err_file = errors_file(a.errors.as_deref())?;
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

/// `eval` of quote gold: the pages' HTML extracted, quotes and speakers scored.
fn eval_quotes(a: EvalArgs) -> Result<ExitCode> {
    use newsfacts::eval::quotes::*;
    let pages = a
        .pages
        .as_ref()
        .context("quote gold needs --pages (the pages' html, as data/newsroom/dev.jsonl)")?;
    let (mut gold, mut pages) = read_quote_gold(&a.gold, pages)?;
    if let Some(n) = a.limit {
        gold.truncate(n);
        pages.truncate(n);
    }
    let records = match &a.pred {
        Some(p) => read_records(p, &gold)?,
        None => {
            let extractor = build_extractor(&a.extractor, ExtractorConfig::default())?;
            let pool = pipeline::thread_pool(threads(&a.extractor))?;
            pool.install(|| predict_pages(&extractor, &pages))
        }
    };
    let mut err_file = errors_file(a.errors.as_deref())?;
    let errors: Option<&mut dyn Write> = err_file.as_mut().map(|f| f as &mut dyn Write);
    let s = score_quotes(&gold, &pages, &records, errors)?;
    if a.json {
        say!(
            "{}",
            serde_json::json!({"gold": a.gold, "documents": gold.len(), "quotes": s.quotes,
                "p": s.quotes.p(), "r": s.quotes.r(), "f1": s.quotes.f1(),
                "speaker_named": s.named, "speaker_right": s.speaker_right,
                "speaker_accuracy": s.speaker_accuracy()})
        );
    } else {
        say!("{} ({} pages, quotes)", a.gold.display(), gold.len());
        sayn!("{}", quote_table(&s));
    }
    if let Some(mut f) = err_file {
        f.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `eval` on document-level gold (a page's HTML with its entities as name sets).
fn eval_docs(a: EvalArgs) -> Result<ExitCode> {
    use newsfacts::eval::docs::*;
    let mut gold = read_doc_gold(&a.gold)?;
    if let Some(n) = a.limit {
        gold.truncate(n);
    }
    let records = match &a.pred {
        Some(p) => read_records(p, &gold)?,
        None => {
            // The whole pipeline as `extract` runs it, every type on.
            let extractor = build_extractor(&a.extractor, ExtractorConfig::default())?;
            let pool = pipeline::thread_pool(threads(&a.extractor))?;
            pool.install(|| predict_docs(&extractor, &gold))
        }
    };
    let mut err_file = errors_file(a.errors.as_deref())?;
    let s = score_docs(
        &gold,
        &records,
        err_file.as_mut().map(|f| f as &mut dyn Write),
    )?;
    if a.json {
        say!(
            "{}",
            serde_json::json!({"gold": a.gold, "documents": gold.len(), "scores": s,
            "micro_f1": s.micro.f1(), "wikidata_share": s.wikidata_share()})
        );
    } else {
        say!(
            "{} ({} documents, document-level name sets)",
            a.gold.display(),
            gold.len()
        );
        sayn!("{}", doc_table(&s));
    }
    if let Some(mut f) = err_file {
        f.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `eval` of page gold: main text, metadata and page type scored.
fn eval_pages(a: &EvalArgs) -> Result<ExitCode> {
    let mut err_file = errors_file(a.errors.as_deref())?;
    let errors = err_file.as_mut().map(|f| f as &mut dyn Write);
    let mut out = io::stdout().lock();
    newsfacts::eval::pages::run(
        &a.gold,
        a.limit,
        threads(&a.extractor),
        a.json,
        errors,
        &mut out,
    )?;
    if let Some(mut f) = err_file {
        f.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The `eval --errors` file, created (buffered) when one is named.
fn errors_file(path: Option<&std::path::Path>) -> Result<Option<BufWriter<File>>> {
    path.map(|p| {
        File::create(p)
            .map(BufWriter::new)
            .with_context(|| format!("creating {}", p.display()))
    })
    .transpose()
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
