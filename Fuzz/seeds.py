#!/usr/bin/env python3
"""Writes the seed inputs of the fuzzers, from the project's own real lines and phrases.

    Fuzz/seeds.py OUT_DIR     # writes OUT_DIR/event-line/* and OUT_DIR/deadline/*

event-line: every line of events/sample.jsonl, every `{"v":1...` line the tests and
docs/events.md spell out (without string interpolation), and one line over 16 KiB (the longest
sample directive with its tasks repeated), so that the decoder's path for lines too long for a
quote map is reached.

deadline: every string literal of Tests/HanchotCoreTests/Deadlines/*.swift and
Tests/HanchotCoreTests/DateInputTests.swift, and every `code` span and quoted phrase of
docs/deadlines.md, each behind the 5-byte header the deadline fuzzer reads (now, zone): read on
29/12/2021 10:00 +07 (the day the corpus tests use) in Asia/Ho_Chi_Minh.

The kept corpus (Fuzz/corpus/) is these seeds merged with what fuzzing found (`Fuzz/fuzz.sh
merge`): the seeds are not committed on their own.
"""
import glob
import hashlib
import json
import os
import re
import struct
import sys
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(out, data):
    os.makedirs(out, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def swift_unescape(s):
    return re.sub(r"\\(u\{([0-9a-fA-F]+)\}|.)",
                  lambda m: chr(int(m.group(2), 16)) if m.group(2) else
                  {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(m.group(1), m.group(1)), s)


def event_lines():
    lines = []
    with open(os.path.join(ROOT, "events/sample.jsonl"), encoding="utf-8") as f:
        lines += [l.rstrip("\n") for l in f if l.strip()]
    sources = glob.glob(os.path.join(ROOT, "Tests/**/*.swift"), recursive=True) + [os.path.join(ROOT, "docs/events.md")]
    for path in sorted(sources):
        text = open(path, encoding="utf-8").read()
        # Raw string literals: #"{"v":1 ... }"#
        for m in re.finditer(r'#"(\{"v":1.*?)"#', text):
            if "\\#(" not in m.group(1):
                lines.append(m.group(1))
        # Lines of multi-line strings and of Markdown code blocks.
        for m in re.finditer(r'^\s*(\{"v":1.*\})\s*$', text, re.M):
            if "\\(" not in m.group(1):
                lines.append(m.group(1))
    # A line past the quote-map limit of full decoding (16 KiB).
    directives = []
    for l in lines:
        try:
            d = json.loads(l)
        except ValueError:
            continue  # the tests' broken lines are seeds too, but not this one's base
        if isinstance(d, dict) and d.get("type") == "directive.issued" and isinstance(d.get("tasks"), list):
            directives.append(d)
    try:
        longest = max((d for d in directives), key=lambda d: len(json.dumps(d, ensure_ascii=False)))
        tasks = longest["tasks"]
        big = dict(longest, tasks=[dict(t, id=f"{i + 1}") for i, t in enumerate(tasks * (1 + 17000 // max(1, len(json.dumps(tasks, ensure_ascii=False)))))])
        lines.append(json.dumps(big, ensure_ascii=False, separators=(",", ":")))
    except (ValueError, KeyError):
        pass
    return lines


def deadline_phrases():
    phrases = []
    paths = sorted(glob.glob(os.path.join(ROOT, "Tests/HanchotCoreTests/Deadlines/*.swift")))
    paths.append(os.path.join(ROOT, "Tests/HanchotCoreTests/DateInputTests.swift"))
    for path in paths:
        text = open(path, encoding="utf-8").read()
        for m in re.finditer(r'(?<![#\\])"((?:[^"\\\n]|\\.)*)"', text):
            s = swift_unescape(m.group(1))
            if 0 < len(s) <= 200 and "\\(" not in m.group(1):
                phrases.append(s)
    doc = open(os.path.join(ROOT, "docs/deadlines.md"), encoding="utf-8").read()
    phrases += re.findall(r"`([^`\n]{1,120})`", doc)
    phrases += re.findall(r'"([^"\n]{1,120})"', doc)
    phrases += re.findall(r"\u201c([^\u201d\n]{1,120})\u201d", doc)
    return sorted(set(phrases))


def header(now, zone_byte=0):
    epoch1990 = datetime(1990, 1, 1, tzinfo=timezone.utc)
    return struct.pack("<IB", int((now - epoch1990).total_seconds()), zone_byte)


def main():
    out = sys.argv[1]
    for line in event_lines():
        write(os.path.join(out, "event-line"), line.encode("utf-8"))
    written = datetime(2021, 12, 29, 3, 0, 0, tzinfo=timezone.utc)
    for phrase in deadline_phrases():
        write(os.path.join(out, "deadline"), header(written) + phrase.encode("utf-8"))
    # A few read at other times and in other zones: a fixed UTC offset (zone byte 3 mod 4).
    for phrase in ["eom", "trước Tết", "tới 30 Tết", "trước ngày 20 hằng tháng", "+3d", "monday", "15/01/2022 17:00"]:
        write(os.path.join(out, "deadline"), header(datetime(2099, 12, 31, 23, 0, tzinfo=timezone.utc), 3 | (32 << 2)) + phrase.encode("utf-8"))
        write(os.path.join(out, "deadline"), header(datetime(1990, 1, 1, 0, 30, tzinfo=timezone.utc), 3 | (4 << 2)) + phrase.encode("utf-8"))


if __name__ == "__main__":
    main()
