#if canImport(Glibc)
@preconcurrency import Glibc
#endif

// hanchot-bench: measures replay, `hanchot done` latency and concurrent appends on a realistic
// generated log. `scripts/bench.sh` builds it (release) and runs `hanchot-bench all`.
setvbuf(stdout, nil, _IOLBF, 0)  // progress shows line by line even when the output is a file
HanchotBench.main()
