//! Dates and times as TIMEX3 (type, value, mod), resolved against the reference date.
//! (Stub: replaced by the full recogniser.)

use super::Candidate;
use chrono::NaiveDate;

/// Compiled date patterns; build once, use from many threads.
pub struct DateRecognizer {}

impl DateRecognizer {
    pub fn new() -> Self {
        DateRecognizer {}
    }

    /// Appends the date and time expressions of `text` to `out`.
    pub fn find(&self, text: &str, reference: Option<NaiveDate>, out: &mut Vec<Candidate>) {
        let _ = (text, reference, out);
    }
}

impl Default for DateRecognizer {
    fn default() -> Self {
        Self::new()
    }
}
