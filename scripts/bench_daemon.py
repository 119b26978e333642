#!/usr/bin/env python3
"""Benchmarks hanchotd (issue 3) with the real release binaries and a real journald.

Prints:
  1. start -> READY=1 on a 1M-event log (sd_notify over a real AF_UNIX socket), and RSS;
  2. RSS with 100k open assignments;
  3. reminder lateness (journald's receive time minus the planned second) over >= 1,000 reminders;
  4. shell append -> reminder applied latency (a raw append of an already-due directive, until
     its reminder is in journald).

Usage: scripts/bench_daemon.py --bin .build-bench/release [--events 1000000] [--reminders 1200]
Needs a running journald (scripts/bench.sh starts one when none runs). Everything it starts is
stopped before it exits; temp files are removed.
"""
import argparse, json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time, uuid

def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))

def issued(directive, units, tasks, due, at):
    return json.dumps({
        "v": 1, "id": "i-" + directive, "type": "directive.issued", "at": iso(at), "actor": "bench",
        "directive": directive, "number": directive, "title": "benchmark", "recipients": [],
        "tasks": [{"id": str(t + 1), "text": "task", "assignees": units,
                   **({"due": iso(due(t))} if due else {})} for t in range(tasks)],
    }, ensure_ascii=False, separators=(",", ":"))

def completed(directive, task, unit, at):
    return json.dumps({"v": 1, "id": str(uuid.uuid4()), "type": "task.completed", "at": iso(at), "actor": "bench",
                       "directive": directive, "task": task, "unit": unit, "completed": iso(at)},
                      separators=(",", ":"))

def config(path, body):
    with open(path, "w") as f:
        f.write('[office_hours]\nenabled = false\n\n[reminders]\n' + body + "\n")

class Daemon:
    """hanchotd with NOTIFY_SOCKET on a socket we read."""
    def __init__(self, bin_dir, log, conf, work):
        self.sock_path = os.path.join(work, "notify.sock")
        if os.path.exists(self.sock_path):
            os.unlink(self.sock_path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.sock_path)
        env = dict(os.environ, NOTIFY_SOCKET=self.sock_path)
        self.out = open(os.path.join(work, "hanchotd.out"), "ab")
        self.started = time.monotonic()
        self.proc = subprocess.Popen([os.path.join(bin_dir, "hanchotd"), "--log", log, "--config", conf, "--sink", "journal"],
                                     env=env, stdout=self.out, stderr=self.out, stdin=subprocess.DEVNULL)

    def wait_ready(self, timeout=300):
        self.sock.settimeout(1)
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"bench_daemon: hanchotd exited or never became ready; see {self.out.name}")
            try:
                msg = self.sock.recv(65536).decode()
            except socket.timeout:
                continue
            if "READY=1" in msg:
                ready = time.monotonic() - self.started
                # Keep reading, as systemd does: a full notify socket would block the daemon's sd_notify.
                threading.Thread(target=self._drain, daemon=True).start()
                return ready

    def _drain(self):
        self.sock.settimeout(None)
        try:
            while True:
                self.sock.recv(65536)
        except OSError:
            pass

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f)
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.sock.close()
        self.out.close()

def journal(field, value):
    out = subprocess.run(["journalctl", "-o", "json", "--no-pager", f"{field}={value}"], capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

def bench_ready(args, work):
    log = os.path.join(work, "big.jsonl")
    conf = os.path.join(work, "far.toml")
    config(conf, 'before = ["7d"]\nat_due = false\noverdue_limit = 0')
    now = time.time()
    directives = args.events // 100
    t0 = time.monotonic()
    with open(log, "w") as f:
        # 1% directives (4 tasks x 3 units, due in a year: nothing fires), 99% completions of them.
        for d in range(directives):
            f.write(issued(f"D{d}", ["U1", "U2", "U3"], 4, lambda t: now + 365 * 86400, now - 86400) + "\n")
        # Then completions and reopenings, in pairs on the same assignment, so every event applies.
        units = ("U1", "U2", "U3")
        assignments = directives * 12
        for i in range(args.events - directives):
            k = (i // 2) % assignments
            d, t, u = k // 12, (k % 12) // 3 + 1, units[k % 3]
            if i % 2 == 0:
                f.write(completed(f"D{d}", str(t), u, now - 3600) + "\n")
            else:
                f.write(json.dumps({"v": 1, "id": str(uuid.uuid4()), "type": "task.reopened", "at": iso(now - 60),
                                    "actor": "bench", "directive": f"D{d}", "task": str(t), "unit": u},
                                   separators=(",", ":")) + "\n")
    size = os.path.getsize(log)
    print(f"generated {args.events:,} events ({size / 1e6:.0f} MB) in {time.monotonic() - t0:.1f} s")
    daemon = Daemon(args.bin, log, conf, work)
    try:
        ready = daemon.wait_ready()
        rss, hwm = daemon.rss_kb()
    finally:
        daemon.stop()
    print(f"start -> READY=1 on {args.events:,} events: {ready:.2f} s; RSS {rss / 1024:.0f} MiB (peak {hwm / 1024:.0f} MiB)")
    return ready, rss, hwm

def bench_rss_open(args, work):
    log = os.path.join(work, "open.jsonl")
    conf = os.path.join(work, "far.toml")
    now = time.time()
    with open(log, "w") as f:
        for d in range(10_000):  # 10,000 directives x 5 tasks x 2 units = 100,000 open assignments
            f.write(issued(f"O{d}", ["UBND xã", "Các chi bộ"], 5, lambda t: now + 365 * 86400, now - 86400) + "\n")
    daemon = Daemon(args.bin, log, conf, work)
    try:
        ready = daemon.wait_ready()
        time.sleep(0.5)
        rss, hwm = daemon.rss_kb()
    finally:
        daemon.stop()
    print(f"100,000 open assignments: READY in {ready:.2f} s; RSS {rss / 1024:.0f} MiB ({rss * 1024 / 100_000:.0f} B per assignment, peak {hwm / 1024:.0f} MiB)")
    return rss

def bench_lateness(args, work):
    log = os.path.join(work, "late.jsonl")
    conf = os.path.join(work, "due.toml")
    config(conf, 'before = []\nat_due = true\noverdue_limit = 0\nlate_after = "1m"')
    tag = uuid.uuid4().hex[:8]
    open(log, "w").close()
    daemon = Daemon(args.bin, log, conf, work)
    try:
        daemon.wait_ready()
        start = int(time.time()) + 5
        per_second = 50
        seconds = (args.reminders + per_second - 1) // per_second
        with open(log, "a") as f:
            for s in range(seconds):
                # One directive per second: 25 tasks x 2 units, all due at that second.
                f.write(issued(f"L{tag}-{s}", ["A", "B"], per_second // 2, lambda t, s=s: start + s, time.time()) + "\n")
        time.sleep(seconds + 6)
    finally:
        daemon.stop()
    late = []
    for s in range(seconds):
        for e in journal("HANCHOT_DIRECTIVE", f"L{tag}-{s}"):
            planned = start + s
            late.append(int(e["__REALTIME_TIMESTAMP"]) / 1e6 - planned)
    late_ms = [x * 1000 for x in late]
    print(f"reminder lateness over {len(late_ms)} reminders (journald receive time - planned second): "
          f"median {statistics.median(late_ms):.1f} ms, p99 {pct(late_ms, 99):.1f} ms, max {max(late_ms):.1f} ms")
    return late_ms

def bench_append_latency(args, work):
    log = os.path.join(work, "follow.jsonl")
    conf = os.path.join(work, "due.toml")
    config(conf, 'before = []\nat_due = true\noverdue_limit = 0\nlate_after = "1m"')
    open(log, "w").close()
    daemon = Daemon(args.bin, log, conf, work)
    samples = []
    try:
        daemon.wait_ready()
        for i in range(args.samples):
            directive = f"F{uuid.uuid4().hex[:10]}"
            line = issued(directive, ["A"], 1, lambda t: time.time() - 1, time.time()) + "\n"
            t0 = time.time()
            with open(log, "a") as f:  # a shell append: O_APPEND, one write
                f.write(line)
            while True:
                entries = journal("HANCHOT_DIRECTIVE", directive)
                if entries:
                    samples.append((int(entries[0]["__REALTIME_TIMESTAMP"]) / 1e6 - t0) * 1000)
                    break
                if time.time() - t0 > 10:
                    samples.append(float("inf"))
                    break
                time.sleep(0.005)
    finally:
        daemon.stop()
    print(f"shell append -> reminder in journald ({len(samples)} samples): median {statistics.median(samples):.1f} ms, "
          f"p99 {pct(samples, 99):.1f} ms, max {max(samples):.1f} ms")
    return samples

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", required=True, help="folder with release hanchotd")
    p.add_argument("--events", type=int, default=1_000_000)
    p.add_argument("--reminders", type=int, default=1200)
    p.add_argument("--samples", type=int, default=30)
    args = p.parse_args()
    if not os.path.exists("/run/systemd/journal/socket"):
        sys.exit("bench_daemon: journald is not running (/run/systemd/journal/socket missing)")
    work = tempfile.mkdtemp(prefix="hanchot-bench-daemon-")
    try:
        if os.environ.get("ONLY") == "late":
            bench_lateness(args, work)
            return
        if os.environ.get("ONLY") == "append":
            bench_append_latency(args, work)
            return
        ready, rss, hwm = bench_ready(args, work)
        rss_open = bench_rss_open(args, work)
        late = bench_lateness(args, work)
        append = bench_append_latency(args, work)
        print("\n== hanchotd summary ==")
        print(f"start->READY on {args.events:,} events: {ready:.2f} s (RSS {rss / 1024:.0f} MiB)")
        print(f"RSS with 100k open assignments: {rss_open / 1024:.0f} MiB")
        print(f"lateness over {len(late)} reminders: median {statistics.median(late):.1f} ms, p99 {pct(late, 99):.1f} ms")
        print(f"shell append -> applied+reminded: median {statistics.median(append):.1f} ms, p99 {pct(append, 99):.1f} ms")
    finally:
        if os.environ.get("KEEP"):
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
