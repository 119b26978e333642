#!/usr/bin/env python3
"""Log and output checks for tests/torture (python3 stdlib only).

Subcommands print `key=value …` on their first line, then evidence lines starting with "E ",
and exit 1 when an invariant is broken:

  pool      generate directive documents (one JSON document per line) for `hanchot issue -`
  audit     a log after a run: acknowledged appends present exactly once, no id twice, no
            completion twice, no reminder step recorded twice, every reminder.sent delivered;
            the sink output of each daemon run (stderr sink lines) for steps sent twice
  sink      count the reminders in stderr-sink output, by directive
  lines     count a log's lines by type / directive (for scenario checks)
"""
import argparse
import collections
import json
import re
import sys

# "<3>Reminder: … [overdue R7/1/A overdue-2]" — what StandardErrorSink prints for one reminder.
SINK_LINE = re.compile(rb"^<\d>.*\[(upcoming|due|overdue|caught-up) ([^/\]]+)/([^/\]]+)/([^\]]+) (\S+)\]$")


def read_log(path):
    """(events, problems): events as (line_no, offset, dict); problems as strings. A last line
    without its newline is returned separately as the torn tail (bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    parts = data.split(b"\n")
    torn = parts.pop()  # b"" when the file ends with a newline
    events, malformed = [], []
    offset = 0
    for n, raw in enumerate(parts, 1):
        try:
            e = json.loads(raw.decode("utf-8"))
            if not isinstance(e, dict):
                raise ValueError("not an object")
            events.append((n, offset, e))
        except (ValueError, UnicodeDecodeError) as err:
            malformed.append((n, offset, raw[:80], str(err)))
        offset += len(raw) + 1
    return events, malformed, torn, offset


def sink_deliveries(path):
    """[(kind, directive, task, unit, step)] in the order the daemon printed them."""
    out = []
    try:
        with open(path, "rb") as f:
            for line in f:
                m = SINK_LINE.match(line.rstrip(b"\n"))
                if m:
                    out.append(tuple(x.decode("utf-8") for x in m.groups()))
    except FileNotFoundError:
        pass
    return out


def emit(fields, evidence, ok):
    print(" ".join(f"{k}={v}" for k, v in fields.items()))
    for e in evidence[:12]:
        print("E " + e)
    if len(evidence) > 12:
        print(f"E … and {len(evidence) - 12} more")
    return 0 if ok else 1


def cmd_pool(a):
    units = [f"{a.unit_prefix}{i}" for i in range(1, a.units + 1)]
    for d in range(1, a.directives + 1):
        tasks = [{"id": str(t), "text": f"việc {t} của {a.prefix}{d:04d}", "assignees": units}
                 for t in range(1, a.tasks + 1)]
        if a.due:
            for t in tasks:
                t["due"] = a.due
        doc = {"directive": f"{a.prefix}{d:04d}", "number": f"{d}-CV/{a.prefix}", "title": f"Chỉ thị tải {d}",
               "tasks": tasks}
        print(json.dumps(doc, ensure_ascii=False))
    return 0


def cmd_audit(a):
    events, malformed, torn, _ = read_log(a.log)
    ids = collections.Counter(e.get("id") for _, _, e in events)
    evidence = []
    acked = []
    for path in a.acks:
        with open(path) as f:
            acked += [l.strip() for l in f if l.strip()]
    acked_set = set(acked)
    lost = [i for i in acked_set if ids[i] == 0]
    dup_acked = [i for i in acked_set if ids[i] > 1]
    dup_ids = [i for i, c in ids.items() if c > 1]
    torn_acked = [i for i in acked_set if torn and f'"id":"{i}"'.encode() in torn]
    for i in sorted(lost)[:5]:
        evidence.append(f"acknowledged event {i} is not in the log" + (" (only in the torn tail)" if i in torn_acked else ""))
    for i in sorted(dup_ids)[:5]:
        evidence.append(f"event id {i} is in the log {ids[i]} times")
    for n, off, raw, err in malformed[:5]:
        evidence.append(f"line {n} (byte {off}) is not JSON ({err}): {raw!r}")

    completions = collections.Counter()
    sent = collections.Counter()
    for _, _, e in events:
        if ids[e.get("id")] > 1:
            continue  # counted above; a repeated line would double-count here
        if e.get("type") == "task.completed":
            completions[(e["directive"], e["task"], e.get("unit"))] += 1
        elif e.get("type") == "reminder.sent":
            sent[(e["directive"], e["task"], e["unit"], e["step"])] += 1
    dup_completions = [k for k, c in completions.items() if c > 1]
    dup_steps = [k for k, c in sent.items() if c > 1]
    for k in dup_completions[:5]:
        evidence.append(f"assignment {'/'.join(map(str, k))} completed {completions[k]} times")
    for k in dup_steps[:5]:
        evidence.append(f"reminder step {'/'.join(k)} recorded {sent[k]} times")

    # Daemon runs, in order. A step delivered twice is the documented crash window only when
    # the first delivery was made by a run that was killed (-9), the second by a later run, and
    # at most once per step.
    fields = {}
    if a.sink:
        delivered = collections.defaultdict(list)  # step -> [run index]
        for run, path in enumerate(a.sink):
            for kind, d, t, u, step in sink_deliveries(path):
                delivered[(d, t, u, step)].append(run)
        killed = set(range(len(a.sink))) if a.all_killed else set(range(len(a.sink) - 1))
        resent, bad_resend = 0, []
        for step, runs in delivered.items():
            if len(runs) == 1:
                continue
            if len(runs) == 2 and runs[0] < runs[1] and runs[0] in killed:
                resent += 1
            else:
                bad_resend.append((step, runs))
        for step, runs in bad_resend[:5]:
            evidence.append(f"reminder step {'/'.join(step)} delivered {len(runs)} times, by daemon runs {runs}")
        phantom = [k for k in sent if k not in delivered]
        for k in phantom[:5]:
            evidence.append(f"reminder step {'/'.join(k)} recorded as sent but never delivered")
        fields.update(reminders=sum(sent.values()), delivered=sum(len(r) for r in delivered.values()),
                      resent=resent, resent_bad=len(bad_resend), phantom=len(phantom))
        bad_sink = bool(bad_resend or phantom)
    else:
        fields.update(reminders=sum(sent.values()))
        bad_sink = False

    fields = dict(lines=len(events) + len(malformed), acked=len(acked_set),
                  checked=len(acked_set) - len(lost), lost=len(lost),
                  dup=len(dup_ids) + len(dup_completions) + len(dup_steps),
                  malformed=len(malformed), torn_tail=len(torn), **fields)
    if a.expect_acked is not None and len(acked_set) != a.expect_acked:
        evidence.append(f"{len(acked_set)} appends acknowledged, {a.expect_acked} expected")
    ok = (not lost and not dup_ids and not dup_completions and not dup_steps and not malformed
          and not bad_sink and (a.expect_acked is None or len(acked_set) == a.expect_acked))
    return emit(fields, evidence, ok)


def cmd_sink(a):
    counts = collections.Counter()
    steps = collections.Counter()
    for path in a.files:
        for kind, d, t, u, step in sink_deliveries(path):
            counts[d] += 1
            steps[(d, t, u, step)] += 1
    dups = sum(1 for c in steps.values() if c > 1)
    print(" ".join(f"{d}={c}" for d, c in sorted(counts.items())) + f" _dup={dups}")
    return 0


def cmd_lines(a):
    events, malformed, torn, _ = read_log(a.log)
    by = collections.Counter()
    for _, _, e in events:
        by[f"{e.get('type')}:{e.get('directive')}"] += 1
    print(" ".join(f"{k}={v}" for k, v in sorted(by.items())) + f" _malformed={len(malformed)} _torn={len(torn)}")
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("pool")
    s.add_argument("--prefix", default="P")
    s.add_argument("--directives", type=int, required=True)
    s.add_argument("--tasks", type=int, required=True)
    s.add_argument("--units", type=int, required=True)
    s.add_argument("--unit-prefix", default="U")
    s.add_argument("--due")
    s = sub.add_parser("audit")
    s.add_argument("--log", required=True)
    s.add_argument("--acks", nargs="*", default=[])
    s.add_argument("--sink", nargs="*", default=[])
    s.add_argument("--all-killed", action="store_true")
    s.add_argument("--expect-acked", type=int)
    s = sub.add_parser("sink")
    s.add_argument("files", nargs="+")
    s = sub.add_parser("lines")
    s.add_argument("log")
    a = p.parse_args()
    return {"pool": cmd_pool, "audit": cmd_audit, "sink": cmd_sink, "lines": cmd_lines}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
