//! The byte stream of a web archive file: gzip members and plain stretches, read as one
//! continuous stream of record bytes, whatever the member boundaries are.
//!
//! Crawlers write one gzip member per record, but some write the whole file as one
//! member, split records across members, or append a plain record to a gzip file. This
//! layer hides all of that from the record parser (`warc`): it serves the decompressed
//! bytes of each member in turn, opens the next member where one ends, and serves plain
//! bytes as they are. It does not know what a record is; the parser tells it when it is
//! between records ([`ArchiveStream::set_seeking`]), and only then does a gzip header in
//! a plain stretch start a member (inside a plain record, gzip bytes are payload).
//!
//! A corrupt or cut-off member is reported once, as a read error, and reading resumes
//! at the next gzip header after it: one broken member costs only the records in it.

use flate2::bufread::GzDecoder;
use std::io::{self, BufRead, BufReader, Read};

/// The first bytes of a gzip member: magic and the deflate method.
pub(crate) const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Counts bytes consumed from the raw (compressed) input, for error offsets.
pub(crate) struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt)
    }
}

enum State<R> {
    /// Plain bytes (a plain file, or a plain stretch of a gzip file).
    Raw(Counting<R>),
    /// Inside one gzip member.
    Member(BufReader<GzDecoder<Counting<R>>>),
    /// Only while switching state.
    Taken,
}

/// What `fill_buf` must do before it can serve bytes.
enum Step {
    Serve,
    /// Seem to end once (see `ArchiveStream::boundary`).
    Pause,
    OpenMember,
    MemberEnded,
    Broken(io::Error),
}

/// The record bytes of an archive file (see the module docs).
pub(crate) struct ArchiveStream<R> {
    state: State<R>,
    /// Raw offset of the current gzip member.
    member_start: u64,
    /// Between records: a gzip header in a plain stretch starts a member, and plain
    /// bytes are served only up to the next gzip header.
    seeking: bool,
    /// Stray bytes right before a gzip header were served: the stream seems to end
    /// once there, so that a line of them is not joined to the member's first line.
    boundary: bool,
}

impl<R: BufRead> ArchiveStream<R> {
    pub(crate) fn new(reader: R) -> Self {
        ArchiveStream {
            state: State::Raw(Counting {
                inner: reader,
                pos: 0,
            }),
            member_start: 0,
            seeking: true,
            boundary: false,
        }
    }

    /// Tells the stream whether the parser is between records.
    pub(crate) fn set_seeking(&mut self, seeking: bool) {
        self.seeking = seeking;
    }

    /// Where the next record byte is, for naming records: the raw offset of its gzip
    /// member, or of the byte itself in a plain stretch.
    pub(crate) fn position(&self) -> u64 {
        match &self.state {
            State::Member(_) => self.member_start,
            State::Raw(r) => r.pos,
            State::Taken => self.member_start,
        }
    }

    /// How many raw (compressed) bytes were consumed.
    pub(crate) fn raw_pos(&self) -> u64 {
        match &self.state {
            State::Member(m) => m.get_ref().get_ref().pos,
            State::Raw(r) => r.pos,
            State::Taken => self.member_start,
        }
    }

    /// Reads on to the end of the current gzip member when all that is left of it is
    /// the blank lines that end a record, so that the member's checksum is checked
    /// before the record just read is handed on. `Err`: the member is broken (reading
    /// has then moved on to the next gzip header, as after any broken member).
    pub(crate) fn finish_member(&mut self) -> io::Result<()> {
        let member = self.member_start;
        while matches!(self.state, State::Member(_)) && self.member_start == member {
            let blank = self
                .fill_buf()?
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            if blank == 0 {
                break;
            }
            self.consume(blank);
        }
        Ok(())
    }

    fn raw(&mut self) -> Counting<R> {
        match std::mem::replace(&mut self.state, State::Taken) {
            State::Raw(r) => r,
            State::Member(m) => m.into_inner().into_inner(),
            State::Taken => unreachable!("the stream is never left taken"),
        }
    }

    fn step(&mut self) -> Step {
        let seeking = self.seeking;
        match &mut self.state {
            State::Member(m) => match m.fill_buf() {
                Ok([]) => Step::MemberEnded,
                Ok(_) => Step::Serve,
                Err(e) => Step::Broken(e),
            },
            State::Raw(r) => match r.fill_buf() {
                Ok(b) if seeking && b.starts_with(&GZIP_MAGIC) => {
                    if std::mem::take(&mut self.boundary) {
                        Step::Pause
                    } else {
                        Step::OpenMember
                    }
                }
                Ok(_) => Step::Serve,
                Err(e) => Step::Broken(e),
            },
            State::Taken => Step::Serve,
        }
    }

    fn open_member(&mut self) {
        let raw = self.raw();
        self.member_start = raw.pos;
        self.state = State::Member(BufReader::with_capacity(1 << 16, GzDecoder::new(raw)));
    }
}

impl<R: BufRead> Read for ArchiveStream<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for ArchiveStream<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        loop {
            match self.step() {
                Step::Serve => break,
                Step::Pause => return Ok(&[]),
                Step::OpenMember => self.open_member(),
                Step::MemberEnded => {
                    // A record may go on in the next member, so a member right after
                    // this one is opened whether or not the parser is between records.
                    let mut raw = self.raw();
                    let next_is_member = raw.fill_buf()?.starts_with(&GZIP_MAGIC);
                    self.state = State::Raw(raw);
                    if next_is_member {
                        self.open_member();
                    }
                }
                Step::Broken(e) => {
                    let mut raw = self.raw();
                    // Never restart at the broken member's own header.
                    if raw.pos == self.member_start {
                        raw.consume(1);
                    }
                    skip_to_gzip_magic(&mut raw)?;
                    self.state = State::Raw(raw);
                    // The next member (if any) starts the next record.
                    self.seeking = true;
                    return Err(io::Error::new(e.kind(), format!("broken gzip member: {e}")));
                }
            }
        }
        let seeking = self.seeking;
        match &mut self.state {
            State::Member(m) => m.fill_buf(),
            State::Raw(r) => {
                let buf = r.fill_buf()?;
                if seeking {
                    // Stray bytes end where a member starts. The parser reads a line at
                    // a time, so only the next line is searched (the magic holds no
                    // line feed); the rest is searched when it is next.
                    let line = memchr::memchr(b'\n', buf).map_or(buf.len(), |p| p + 1);
                    if let Some(p) = memchr::memmem::find(&buf[..line], &GZIP_MAGIC) {
                        self.boundary = true;
                        return Ok(&buf[..p]);
                    }
                }
                Ok(buf)
            }
            State::Taken => Ok(&[]),
        }
    }

    fn consume(&mut self, amt: usize) {
        match &mut self.state {
            State::Member(m) => m.consume(amt),
            State::Raw(r) => r.consume(amt),
            State::Taken => {}
        }
    }
}

/// Skips raw bytes up to the next gzip header; returns how many.
fn skip_to_gzip_magic<R: BufRead>(r: &mut Counting<R>) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        // Keep the last two bytes in case the magic straddles buffer refills.
        let n = match memchr::memmem::find(buf, &GZIP_MAGIC) {
            Some(p) => {
                r.consume(p);
                return Ok(skipped + p as u64);
            }
            None if buf.len() > 2 => buf.len() - 2,
            None => buf.len(),
        };
        r.consume(n);
        skipped += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_all(input: &[u8]) -> (Vec<u8>, usize) {
        let mut s = ArchiveStream::new(input);
        let mut out = Vec::new();
        let mut errors = 0;
        // Stray bytes before a member seem to end the stream once: read on until
        // nothing more comes.
        loop {
            match s.read_to_end(&mut out) {
                Ok(0) => return (out, errors),
                Ok(_) => {}
                Err(_) => errors += 1,
            }
        }
    }

    #[test]
    fn members_and_plain_stretches_are_one_stream() {
        let cases: Vec<(Vec<u8>, &[u8], usize)> = vec![
            ([gz(b"ab"), gz(b"cd")].concat(), b"abcd", 0),
            ([gz(b"ab"), b"plain".to_vec()].concat(), b"abplain", 0),
            ([b"plain".to_vec(), gz(b"ab")].concat(), b"plainab", 0),
            // A corrupt member (a reserved block type): reported, and the next one is read.
            (
                [
                    gz(b"ab"),
                    b"\x1f\x8b\x08\0\0\0\0\0\0\xff\xff\xff\xff".to_vec(),
                    gz(b"cd"),
                ]
                .concat(),
                b"abcd",
                1,
            ),
            // Cut off: what was decoded, and one error.
            (gz(&[b'x'; 5000])[..30].to_vec(), b"", 1),
        ];
        for (input, want, errors) in cases {
            let (got, n) = read_all(&input);
            if !want.is_empty() {
                assert_eq!(got, want);
            }
            assert_eq!(n, errors, "{:?}", String::from_utf8_lossy(&got));
        }
    }
}
