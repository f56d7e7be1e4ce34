import Foundation

/// Timing helpers: medians of repeated runs, never a single sample.
enum Measure {
    /// The median wall-clock seconds of `runs` executions of `body` (after one warm-up).
    static func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    /// Seconds one execution of `body` takes.
    static func once(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Seconds one run of an external command takes (start-up included); nil when it cannot run.
    ///
    /// Spawned and reaped with `posix_spawn` and `waitpid`: Foundation's `waitUntilExit` polls
    /// its run loop and rounds short runs up to its polling interval.
    static func commandOnce(_ path: String, _ arguments: [String]) -> Double? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        guard waitpid(pid, &status, 0) == pid else { return nil }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The fastest of `tries` back-to-back timings (each from `time`); nil when none ran.
    ///
    /// A contender timed right after another one starts cold (caches, the scheduler's
    /// placement, freshly returned memory); its best of a few consecutive runs is its
    /// steady-state time, and every contender is given the same number of tries.
    static func fastestTiming(of tries: Int, _ time: () -> Double?) -> Double? {
        (0..<tries).compactMap { _ in time() }.min()
    }

    /// The fastest of `tries` back-to-back executions of `body`, in seconds.
    static func fastest(of tries: Int, _ body: () -> Void) -> Double {
        fastestTiming(of: max(tries, 1)) { once(body) } ?? 0
    }

    /// The middle value (the upper middle for an even count); nil for none.
    static func median(_ samples: [Double]) -> Double? {
        guard !samples.isEmpty else { return nil }
        return samples.sorted()[samples.count / 2]
    }

    static func which(_ name: String) -> String? {
        if name.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func megabytesPerSecond(bytes: Int, seconds: Double) -> Double {
        Double(bytes) / 1_000_000 / seconds
    }
}
