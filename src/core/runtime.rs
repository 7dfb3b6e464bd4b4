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

fn build() -> Runtime {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 8);
    Builder::new_multi_thread()
        .worker_threads(workers)
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
}
