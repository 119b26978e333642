#!/usr/bin/env python3
"""Every-offset truncation (tests/torture/scenarios/truncate.sh drives this).

For a log and each byte offset `c` within its last K events, the log is cut at `c` (as a crash
mid-write leaves it) and:

  1. `hanchot status --json` equals the status of the clean prefix of the whole lines before
     the cut: no event before the cut is lost, the cut one does not count;
  2. `hanchot verify` reports exactly the torn tail (or nothing, for a cut on a line boundary)
     and counts the events of that prefix as valid;
  3. `hanchot done` on a probe assignment — the one the cut line completes or reopens, else one
     that is open throughout — is recorded exactly when that assignment is open in the state the
     append must check against (the prefix, plus the cut line when only its newline is missing),
     and otherwise refused as already completed with the log unchanged;
  4. a recorded append leaves every byte before the cut as it was, starts on a fresh line (a
     newline first when the log ended mid-line: never glued onto the torn bytes) and is one
     whole JSON line with the probe's event id;
  5. `hanchot verify` afterwards: the torn bytes are one malformed line (none when the cut was on
     a boundary or removed only the newline) and the valid events are the prefix's plus one.

Two logs: the repository's events/sample.jsonl (real directives: multi-byte UTF-8 everywhere),
and a log over the 256 KiB directive-index threshold whose `<log>.idx` was built for the whole
log and is put back for every case (same inode, so only its length and content checks can tell
it is stale). Prints `cases=… checked=… lost=… glued=… wrong=…` and evidence; exit 1 on failure.
"""
import argparse
import collections
import threading
import json
import os
import shutil
import subprocess
import sys

NOW = "2022-02-01T09:00"


class Runner:
    def __init__(self, hanchot, config, log):
        self.hanchot, self.config, self.log = hanchot, config, log
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("HANCHOT_")}
        self.env.update(HANCHOT_NOW=NOW, HANCHOT_LANG="en")

    def run(self, *args, log=None):
        p = subprocess.run([self.hanchot, *args, "--log", log or self.log, "--config", self.config],
                           env=self.env, capture_output=True)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def status(self, log=None):
        rc, out, err = self.run("status", "--json", log=log)
        if rc != 0:
            return ("error", rc, err.strip()[:200])
        return sorted((r["directive"], r["task"], r["unit"], r.get("due") or "") for r in json.loads(out or "[]"))


def line_spans(data):
    """[(start, end)] of each whole line, `end` = offset of its newline."""
    spans, start = [], 0
    while True:
        nl = data.find(b"\n", start)
        if nl < 0:
            return spans
        spans.append((start, nl))
        start = nl + 1


def assignees(events):
    out = {}
    for e in events:
        if e.get("type") == "directive.issued":
            for t in e["tasks"]:
                out[(e["directive"], t["id"])] = t["assignees"]
    return out


def run_log(name, data, runner, work, k, stride, idx_bytes, default_probe, evidence, counts, part=(0, 1)):
    spans = line_spans(data)
    events = [json.loads(data[s:e]) for s, e in spans]
    units = assignees(events)
    first = len(spans) - k
    # Reference: the status of each clean prefix (whole lines only), on a separate file with no index.
    ref_log = runner.log + ".ref"
    ref = {}
    open_sets = {}
    for n in range(first, len(spans) + 1):
        with open(ref_log, "wb") as f:
            f.write(data[:spans[n - 1][1] + 1] if n else b"")
        st = runner.status(log=ref_log)
        if not isinstance(st, list):
            evidence.append(f"{name}: status of the clean {n}-line prefix failed: {st}")
            return
        ref[n] = st
        open_sets[n] = None  # filled lazily below (status lists open assignments with due or not)
    for n in ref:
        open_sets[n] = {(d, t, u) for d, t, u, _ in ref[n]}

    log = runner.log
    # The cases: every offset from the start of line `first` to the newline of the last line;
    # with a stride, still every line boundary, the bytes next to it, and the cut of the newline.
    offsets = []
    for i in range(first, len(spans)):
        s, e = spans[i]
        for c in range(s, e + 1):
            if stride == 1 or (c - s) % stride == 0 or c in (s + 1, e - 1, e):
                offsets.append((i, c))
    offsets = offsets[part[0]::part[1]]
    # The log file keeps its inode across cases (written in place), as a crash leaves it.
    with open(log, "wb") as f:
        f.write(data)
    for i, c in offsets:
        s, e = spans[i]
        with open(log, "r+b") as f:
            f.write(data)
            f.truncate(c)
        if idx_bytes is not None:
            with open(log + ".idx", "wb") as f:
                f.write(idx_bytes)
        counts["cases"] += 1
        where = f"{name}: cut at byte {c} (line {i + 1}, {c - s} of {e - s + 1} bytes)"
        boundary = c == s          # line i entirely gone, the log ends cleanly
        newline_only = c == e      # line i whole but for its newline
        torn = not boundary
        problems_before = []

        # 1. status: exactly the prefix of whole lines.
        st = runner.status()
        if st != ref[i]:
            missing = [r for r in ref[i] if r not in st] if isinstance(st, list) else []
            extra = [r for r in st if r not in ref[i]] if isinstance(st, list) else []
            problems_before.append(f"status differs from the {i}-line prefix: missing {missing[:3]} extra {extra[:3]} {'' if isinstance(st, list) else st}")
            counts["lost"] += 1
        # 2. verify: the torn tail only, and the prefix's events valid.
        rc, out, err = runner.run("verify")
        summary = (out + err).strip().splitlines()[-1:] or [""]
        if f" {i} valid events" not in summary[0]:
            problems_before.append(f"verify counts {summary[0]!r}, {i} valid events expected")
            counts["lost"] += 1
        if torn:
            if rc == 0 or f"byte {s}): incomplete last line ({c - s} bytes, no newline)" not in out:
                problems_before.append(f"verify does not name the torn tail (exit {rc}): {out.strip()[:200]!r}")
                counts["wrong"] += 1
        elif rc != 0:
            problems_before.append(f"verify of a log cut on a line boundary fails (exit {rc}): {out.strip()[:200]!r}")
            counts["wrong"] += 1

        # 3. the probe append.
        ev = events[i]
        if ev.get("type") in ("task.completed", "task.reopened"):
            d, t = ev["directive"], ev["task"]
            u = ev.get("unit") or units[(d, t)][0]
        else:
            d, t, u = default_probe
        counted = i + 1 if newline_only else i       # what the append checks against
        is_open = (d, t, u) in open_sets[counted]
        before = open(log, "rb").read()
        pid = f"probe-{name}-{c}"
        rc, out, err = runner.run("done", d, t, "--unit", u, "--id", pid)
        after = open(log, "rb").read()
        recorded = out.startswith("Recorded:")
        if rc != 0:
            problems_before.append(f"hanchot done {d} {t} --unit {u} failed (exit {rc}): {err.strip()[:200]!r}")
            counts["wrong"] += 1
        elif recorded != is_open:
            problems_before.append(f"hanchot done {d} {t} --unit {u}: {'recorded' if recorded else 'not recorded'}, "
                                   f"but the assignment is {'open' if is_open else 'completed'} in the first {counted} events: {out.strip()[:160]!r}")
            counts["wrong"] += 1
        if not recorded:
            if after != before:
                problems_before.append(f"a refused append changed the log ({len(before)} -> {len(after)} bytes)")
                counts["wrong"] += 1
        else:
            # 4. the bytes: prefix intact, fresh line, one whole line.
            if after[:c] != before[:c]:
                problems_before.append("bytes before the cut changed")
                counts["lost"] += 1
            rest = after[c:]
            if torn:
                if not rest.startswith(b"\n"):
                    problems_before.append(f"the append is glued onto the torn bytes: {after[max(0, c - 20):c + 40]!r}")
                    counts["glued"] += 1
                rest = rest[1:]
            try:
                new = json.loads(rest)
                ok = rest.endswith(b"\n") and rest.count(b"\n") == 1 and new.get("id") == pid
            except ValueError:
                ok = False
            if not ok:
                problems_before.append(f"the appended bytes are not one line with id {pid}: {rest[:120]!r}")
                counts["wrong"] += 1
            # 5. verify afterwards.
            rc, out, err = runner.run("verify")
            summary = ((out + err).strip().splitlines() or [""])[-1]
            valid = counted + 1
            fragment = torn and not newline_only
            want_problems = 1 if fragment else 0
            if f" {valid} valid events" not in summary or f" {want_problems} problems." not in summary or (rc == 0) == fragment:
                problems_before.append(f"verify after the append: {summary!r} (exit {rc}), {valid} valid events and {want_problems} problems expected")
                counts["wrong"] += 1
        counts["checked"] += i
        if problems_before:
            counts["failed_cases"] += 1
            if len(evidence) < 40:
                evidence.extend(f"{where}: {p}" for p in problems_before[:2])


def build_indexed(runner, work, repo):
    """A log past the index threshold (sample + big directives) whose .idx covers all of it,
    built at runner.log (the index names its log's inode: it is for that file)."""
    log = runner.log
    shutil.copyfile(os.path.join(repo, "events", "sample.jsonl"), log)
    units = [f"Đơn vị {n}" for n in range(1, 7)]
    for d in range(1, 15):
        tasks = [{"id": str(t), "text": f"Nhiệm vụ {t} của văn bản tải số {d}: báo cáo kết quả thực hiện",
                  "assignees": units, "due": "31/03/2022"} for t in range(1, 81)]
        doc = {"id": f"issue-F{d:03d}", "directive": f"F{d:03d}", "number": f"{d}-KH/UBND", "title": f"Kế hoạch {d}",
               "issued": "2022-01-10", "tasks": tasks}
        p = subprocess.run([runner.hanchot, "issue", "-", "--log", log, "--config", runner.config],
                           input=json.dumps(doc, ensure_ascii=False).encode(), env=runner.env, capture_output=True)
        if p.returncode != 0:
            raise SystemExit(f"building the indexed log failed: {p.stderr.decode()}")
    steps = [("done", "F001", "1", "--unit", units[0], "--note", "đã báo cáo"),
             ("done", "F002", "7", "--unit", units[2]),
             ("reopen", "F001", "1", "--unit", units[0], "--reason", "thiếu số liệu"),
             ("done", "F003", "5", "--unit", units[5], "--note", "xong")]
    for n, args in enumerate(steps):
        if n == len(steps) - 1 and os.path.exists(log + ".idx"):
            os.unlink(log + ".idx")  # the last append rebuilds it: an index of the whole log
        rc, out, err = runner.run(*args, log=log)
        if rc != 0:
            raise SystemExit(f"building the indexed log failed: {args}: {err}")
    if not os.path.exists(log + ".idx"):
        raise SystemExit("building the indexed log: no .idx was written")
    return open(log, "rb").read(), open(log + ".idx", "rb").read(), ("F004", "1", units[1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--hanchot", required=True)
    p.add_argument("--config", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--repo", required=True)
    p.add_argument("--mode", choices=["short", "full"], default="short")
    a = p.parse_args()
    full = a.mode == "full"
    workers = 2 if full else 1   # each on a log file of its own, taking every other case
    sample = open(os.path.join(a.repo, "events", "sample.jsonl"), "rb").read()
    totals = collections.Counter()
    evidence = []
    lock = threading.Lock()

    def variant(name, w):
        counts = dict(cases=0, checked=0, lost=0, glued=0, wrong=0, failed_cases=0)
        ev = []
        runner = Runner(a.hanchot, a.config, os.path.join(a.work, f"{name}-{w}.jsonl"))
        try:
            if name == "sample":
                run_log(name, sample, runner, a.work, k=5 if full else 2, stride=1 if full else 16, idx_bytes=None,
                        default_probe=("22-CV/ĐU-2021", "2", "Thường trực UBND xã"), evidence=ev, counts=counts,
                        part=(w, workers))
            else:
                data, idx, probe = build_indexed(runner, a.work, a.repo)
                totals["indexed_log_bytes"] = len(data)
                run_log(name, data, runner, a.work, k=2 if full else 1, stride=1 if full else 50, idx_bytes=idx,
                        default_probe=probe, evidence=ev, counts=counts, part=(w, workers))
        except BaseException as err:  # a broken case must fail the scenario, not vanish in a thread
            ev.append(f"{name}: {type(err).__name__}: {err}")
            counts["failed_cases"] += 1
        with lock:
            for key, v in counts.items():
                totals[f"{name}_{key}"] += v
            evidence.extend(ev)

    threads = [threading.Thread(target=variant, args=(n, w)) for n in ("sample", "indexed") for w in range(workers)]
    if workers == 1:
        for t in threads:
            t.start(); t.join()
    else:
        for t in threads[:workers]: t.start()   # the sample's workers, then the indexed log's
        for t in threads[:workers]: t.join()
        for t in threads[workers:]: t.start()
        for t in threads[workers:]: t.join()
    counts = {key: totals[f"sample_{key}"] + totals[f"indexed_{key}"]
              for key in ("cases", "checked", "lost", "glued", "wrong", "failed_cases")}
    sample_cases = totals["sample_cases"]
    fields = dict(cases=counts["cases"], sample_cases=sample_cases, indexed_cases=counts["cases"] - sample_cases,
                  indexed_log_bytes=totals["indexed_log_bytes"], events_checked=counts["checked"], lost=counts["lost"],
                  glued=counts["glued"], wrong=counts["wrong"], failed_cases=counts["failed_cases"])
    print(" ".join(f"{k}={v}" for k, v in fields.items()))
    for e in evidence[:12]:
        print("E " + e)
    ok = counts["failed_cases"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
