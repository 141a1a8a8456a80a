//! The integration tests, one binary: the real CLI run end to end ([`util`] runs it and
//! prints the command and its output when an assertion fails), and the library's public
//! API on fixtures, tables and generated inputs.

mod article;
mod articles;
mod capture;
mod cli;
mod contract;
mod conventions;
mod names_table;
mod robustness;
mod runs;
mod seed;
mod util;
mod views;
mod warc;
