//! CPU time of the benchmark process, shared by the cargo examples in bench/.

use std::time::Duration;

/// CPU time (user + system, all threads) of this process so far.
#[cfg(unix)]
pub fn cpu_time() -> Duration {
    // SAFETY: getrusage writes into the struct we pass and reads nothing else.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

/// The benchmarks measure CPU time with getrusage: they compile elsewhere, and run on Unix.
#[cfg(not(unix))]
pub fn cpu_time() -> Duration {
    unimplemented!("the benchmarks measure CPU time on Unix only")
}
