//! The one tokio runtime of the process: built on first use, built again in a child after `fork`.

use std::sync::{Arc, Mutex};

use tokio::runtime::{Builder, Handle, Runtime};

/// The runtime together with the pid of the process that built it.
struct Owned {
    pid: u32,
    runtime: Arc<Runtime>,
}

static RUNTIME: Mutex<Option<Owned>> = Mutex::new(None);

/// The handle of this process's runtime, building it if this process has none yet.
///
/// A runtime inherited through `fork` has no worker threads in the child; it is leaked
/// rather than dropped (dropping would wait forever for threads that do not exist) and
/// a fresh one is built. Callers must not hold the GIL-protected state while this
/// builds: it takes no Python locks, so it cannot deadlock with the interpreter.
pub fn handle() -> Handle {
    let pid = std::process::id();
    let mut slot = RUNTIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(owned) = slot.as_ref() {
        if owned.pid == pid {
            return owned.runtime.handle().clone();
        }
    }
    if let Some(stale) = slot.take() {
        // Built by the parent: its threads are gone here, so it must never be dropped.
        std::mem::forget(stale.runtime);
    }
    let runtime = Arc::new(build());
    let handle = runtime.handle().clone();
    *slot = Some(Owned { pid, runtime });
    handle
}

/// The pid that owns the current runtime, so that other per-process state (SDK
/// clients, connection pools) can tell whether it was inherited through `fork`.
pub fn current_pid() -> u32 {
    std::process::id()
}

/// Environment variable that sets the number of runtime worker threads.
pub const WORKER_THREADS_ENV: &str = "FASTCONVERSE_WORKER_THREADS";

/// Worker threads: one unless `FASTCONVERSE_WORKER_THREADS` asks for more.
///
/// One worker is the fastest choice measured (bench/run.py): a call's task and the
/// connection task it drives run on the same thread, and no idle worker is woken to
/// look for work that is not there, which cost a futex round trip per call with two.
/// It also kept up better than two with 1,000 requests in flight (bench/throughput.py).
fn worker_threads(setting: Option<&str>) -> usize {
    setting
        .and_then(|value| value.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(1)
        .min(64)
}

fn build() -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(worker_threads(
            std::env::var(WORKER_THREADS_ENV).ok().as_deref(),
        ))
        .thread_name("fastconverse-rt")
        .enable_all()
        .build()
        .expect(
            "building the tokio runtime failed: the process is out of threads or file descriptors",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handle_is_reused_within_a_process() {
        let a = handle();
        let b = handle();
        assert_eq!(a.id(), b.id());
        assert_eq!(a.block_on(async { 40 + 2 }), 42);
    }

    #[test]
    fn worker_threads_default_to_one_and_read_the_setting() {
        assert_eq!(worker_threads(None), 1);
        assert_eq!(worker_threads(Some(" 4 ")), 4);
        assert_eq!(worker_threads(Some("0")), 1);
        assert_eq!(worker_threads(Some("many")), 1);
        assert_eq!(worker_threads(Some("1000")), 64);
    }
}
