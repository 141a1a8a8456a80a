//! Command-line arguments (clap derive): only what the user typed. `app.rs` turns
//! them into an `ExtractorConfig` and pipeline options. Part of the binary: the
//! library's types know nothing of clap, and the few enums a flag names have their
//! command-line spelling here ([`FormatArg`], [`LevelArg`], [`ConventionArg`]).

use clap::builder::{EnumValueParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use newsfacts::input::warc::StatusFilter;
use newsfacts::output::{Format, Level};
use newsfacts::Convention;
use std::path::PathBuf;

/// Extract people, places, organisations, dates and figures from news articles.
#[derive(Parser, Debug)]
#[command(name = "newsfacts", version, about, long_about = None, after_help = "\
Examples:
  newsfacts extract fixtures/seed.html
  newsfacts extract --format csv -o mentions.csv crawl/*.warc.gz
  newsfacts extract --format csv --level entities articles/ > entities.csv
  newsfacts check fixtures
  newsfacts eval --gold ../shared/data/ner/conll2003_dev.jsonl
  newsfacts dict lookup Kerry")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract mentions, entities and quotes from documents.
    #[command(after_help = "\
Inputs are .html/.htm pages, .txt files, .jsonl documents ({\"id\",\"text\"} or
{\"id\",\"html\"}, optional \"published\"/\"dct\"), .warc/.warc.gz and .arc/.arc.gz
archives, directories (searched recursively in sorted order) and - for stdin. A web
archive record's id is URI#<WARC-Record-ID>, whatever the other inputs and their order.

Examples:
  newsfacts extract fixtures/seed.html
  newsfacts extract -j 2 --format jsonl -o out.jsonl crawl.warc.gz
  newsfacts extract --format csv --types person,place page.html
  newsfacts extract --format html -o report.html articles/
  newsfacts extract --resume -o out.jsonl big-crawl/
  newsfacts extract --status 2xx --format csv -o mentions.csv crawl/*.warc.gz
  newsfacts extract --max-doc-bytes 1000000 --truncate crawl.warc.gz")]
    Extract(ExtractArgs),
    /// Re-extract fixtures and diff them against their expected output.
    #[command(after_help = "\
For every input NAME.html (.txt, .jsonl, .warc.gz, ...) under DIR, compares the
extraction with NAME.html.expected.jsonl beside it (the whole input name, so a.html and
a.txt never share one; an older a.expected.jsonl is still read when only one input can
own it, and --bless renames it). Differences are shown field by field with their JSON
paths, - expected and + actual. Exit code 0 when all match, 1 when any differs, 2 for a
usage error.

Examples:
  newsfacts check fixtures
  newsfacts check --bless fixtures")]
    Check(CheckArgs),
    /// Score extraction against gold annotations (entities or timexes JSONL).
    #[command(after_help = "\
Gold files hold one document per line: {\"id\",\"text\",\"entities\":[{start,end,type}]}
or {\"id\",\"text\",\"dct\",\"timexes\":[{start,end,type,value}]}.

Examples:
  newsfacts eval --gold ../shared/data/ner/conll2003_dev.jsonl
  newsfacts eval --gold ../shared/data/ner/ontonotes5_dev.jsonl --errors errors.jsonl
  newsfacts eval --gold ../shared/data/dates/tbaq-dev.jsonl --json
  newsfacts eval --gold ../shared/data/newsroom/quotes-dev.jsonl --pages ../shared/data/newsroom/dev.jsonl")]
    Eval(EvalArgs),
    /// Inspect the dictionaries.
    Dict(DictArgs),
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  newsfacts completions bash > ~/.local/share/bash-completion/completions/newsfacts
  newsfacts completions zsh > ~/.zfunc/_newsfacts
  newsfacts completions fish > ~/.config/fish/completions/newsfacts.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `newsfacts man > newsfacts.1`.
    Man,
}

/// Options shared by every command that runs the extractor.
#[derive(Args, Debug, Clone)]
pub struct ExtractorArgs {
    /// Add a user dictionary (TSV: surface, type[, canonical[, ids]]); repeatable.
    #[arg(long = "dict", value_name = "FILE", help_heading = "Dictionaries")]
    pub dicts: Vec<PathBuf>,
    /// Do not load the bundled dictionaries.
    #[arg(long, help_heading = "Dictionaries")]
    pub no_default_dicts: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N", help_heading = "Performance")]
    pub threads: Option<usize>,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files, directories or - (stdin). No input means stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output format [default: summary on a terminal, else jsonl].
    #[arg(
        short,
        long,
        value_parser = EnumValueParser::<FormatArg>::new().map(Format::from),
        value_name = "FORMAT",
        help_heading = "Output"
    )]
    pub format: Option<Format>,
    /// What one CSV/TSV row stands for [default: mentions].
    #[arg(
        long,
        value_parser = EnumValueParser::<LevelArg>::new().map(Level::from),
        help_heading = "Output"
    )]
    pub level: Option<Level>,
    /// Write to FILE instead of stdout, record by record as they are made.
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Keep only these types (comma-separated: person,place,org,date,figure,misc).
    #[arg(
        long,
        value_name = "TYPES",
        value_delimiter = ',',
        help_heading = "Output"
    )]
    pub types: Vec<String>,
    /// Include the extracted article text in each record.
    #[arg(long, help_heading = "Output")]
    pub include_text: bool,
    /// Include the article's blocks (headline, paragraphs, captions) with their kinds.
    #[arg(long, help_heading = "Output")]
    pub blocks: bool,
    /// Say where each metadata field (title, dates, authors) came from.
    #[arg(long, help_heading = "Output")]
    pub explain: bool,
    /// Span convention for names: plain ("Supreme Court") or ontonotes ("the Supreme Court").
    #[arg(
        long,
        value_parser = EnumValueParser::<ConventionArg>::new().map(Convention::from),
        default_value = "plain",
        value_name = "NAME",
        help_heading = "Output"
    )]
    pub convention: Convention,
    /// Reference date (YYYY-MM-DD) for relative dates in documents that give none.
    #[arg(long, value_name = "DATE", help_heading = "Input")]
    pub reference_date: Option<String>,
    /// Documents larger than this many bytes become error records (see --truncate).
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20, help_heading = "Input")]
    pub max_doc_bytes: u64,
    /// Cut larger documents at --max-doc-bytes and extract them, instead of an error record.
    #[arg(
        long,
        help_heading = "Input",
        long_help = "\
Cut a document larger than --max-doc-bytes at the limit and extract what is kept,
instead of giving it an error record. HTML is cut at the byte limit (a WARC payload
after undoing chunked transfer and gzip/deflate encoding), a text file between
characters. The record keeps its mentions and carries an error of kind \"truncated\"
saying so; like any error it is reported on stderr and makes the exit code 1. JSONL
lines are never cut (a cut line is not JSON): a longer line stays an error record.

Example:
  newsfacts extract --max-doc-bytes 1000000 --truncate crawl.warc.gz"
    )]
    pub truncate: bool,
    /// Only WARC records whose target URI matches this regex.
    #[arg(long, value_name = "REGEX", help_heading = "Input")]
    pub url_filter: Option<String>,
    /// Only WARC/ARC responses with these HTTP statuses (200, 2xx, 200-299; comma list,
    /// repeatable).
    #[arg(
        long = "status",
        value_name = "STATUS",
        help_heading = "Input",
        value_parser = |s: &str| s.parse::<StatusFilter>(),
        long_help = "\
Keep only the web archive responses whose HTTP status matches: a code (200), a class
(2xx) or a range (200-299), comma-separated or given again (--status 200 --status 404).
The others are skipped before their payload is read and counted in the summary line as
`status-filter`. Documents that have no HTTP status are kept: HTML, text and JSONL
files, and WARC `resource` records; with only such inputs, a warning says the filter
does nothing.

Example:
  newsfacts extract --status 200 -o pages.jsonl crawl/*.warc.gz"
    )]
    pub status: Vec<StatusFilter>,
    /// Process only shard K of N (documents whose ordinal modulo N is K), e.g. 0/4.
    #[arg(long, value_name = "K/N", help_heading = "Input")]
    pub shard: Option<String>,
    /// Continue an earlier run: skip the documents already in the -o file, append the rest.
    #[arg(
        long,
        requires = "output",
        help_heading = "Input",
        long_help = "\
Continue an earlier run into the same -o file (JSONL, CSV or TSV, with or without
--resume the first time): the documents whose output is complete there are skipped and
the rest appended, in input order. What an interrupted run left (Ctrl-C, a killed
process) ends in whole records; a torn last line, or the rows of the last document of a
CSV/TSV, is cut off and redone. A file that is not a newsfacts output of the same
--format and --level is refused, not touched.

Example:
  newsfacts extract -o out.jsonl crawl/        # interrupted
  newsfacts extract --resume -o out.jsonl crawl/"
    )]
    pub resume: bool,
    /// Show progress on stderr: a bar on a terminal, else a plain line every few seconds
    /// (default: on a terminal, when writing to -o FILE).
    #[arg(long, help_heading = "Output")]
    pub progress: bool,
    /// Print no summary line on stderr.
    #[arg(short, long, help_heading = "Output")]
    pub quiet: bool,
    #[command(flatten)]
    pub extractor: ExtractorArgs,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Folder of fixtures.
    #[arg(value_name = "FIXTURES_DIR")]
    pub dir: PathBuf,
    /// Rewrite the expected files with the current output.
    #[arg(long)]
    pub bless: bool,
    #[command(flatten)]
    pub extractor: ExtractorArgs,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Gold JSONL file.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// The pages quote gold refers to (`{"id", "html", "people", "organisations"}` JSONL).
    #[arg(long, value_name = "FILE")]
    pub pages: Option<PathBuf>,
    /// Score these predictions (gold format, or newsfacts JSONL) instead of running the extractor.
    #[arg(long, value_name = "FILE")]
    pub pred: Option<PathBuf>,
    /// Types to score (default: the gold file's, without MISC).
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    pub types: Vec<String>,
    /// Write misses and false positives (JSONL) to FILE.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also print the precision of each rule and dictionary (`how`).
    #[arg(long)]
    pub by_how: bool,
    /// Span convention (default: ontonotes for gold ids starting "ontonotes", else plain).
    #[arg(
        long,
        value_parser = EnumValueParser::<ConventionArg>::new().map(Convention::from),
        value_name = "NAME"
    )]
    pub convention: Option<Convention>,
    /// Score only the first N documents.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub extractor: ExtractorArgs,
}

#[derive(Args, Debug)]
pub struct DictArgs {
    #[command(subcommand)]
    pub command: DictCommand,
}

#[derive(Subcommand, Debug)]
pub enum DictCommand {
    /// Show the dictionary entries a surface form hits, and how a sentence with it is tagged.
    Lookup {
        /// The surface form, e.g. "Kerry" or "U.N.".
        name: String,
        #[command(flatten)]
        extractor: ExtractorArgs,
    },
    /// Count the entries of each dictionary by type.
    Stats {
        #[command(flatten)]
        extractor: ExtractorArgs,
    },
}

/// `--format`: [`Format`] as the command line spells it.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Jsonl,
    Json,
    Csv,
    Tsv,
    /// A readable summary per document (the default on a terminal).
    #[value(alias = "text")]
    Summary,
    /// One self-contained HTML report: the text with its mentions highlighted.
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Tsv => Format::Tsv,
            FormatArg::Summary => Format::Summary,
            FormatArg::Html => Format::Html,
        }
    }
}

/// `--level`: [`Level`] as the command line spells it.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LevelArg {
    Mentions,
    Entities,
    Quotes,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Level {
        match l {
            LevelArg::Mentions => Level::Mentions,
            LevelArg::Entities => Level::Entities,
            LevelArg::Quotes => Level::Quotes,
        }
    }
}

/// `--convention`: [`Convention`] as the command line spells it.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ConventionArg {
    /// Names without a leading article ("White House", "Supreme Court"), as CoNLL-2003
    /// annotates them and as spreadsheets want them. The default.
    Plain,
    /// OntoNotes 5.0: a multi-word organisation, facility or location takes the "the"
    /// before it ("the Supreme Court", "the Gaza Strip"); cities and one-word names
    /// do not ("the U.N." -> "U.N.").
    Ontonotes,
}

impl From<ConventionArg> for Convention {
    fn from(c: ConventionArg) -> Convention {
        match c {
            ConventionArg::Plain => Convention::Plain,
            ConventionArg::Ontonotes => Convention::Ontonotes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
