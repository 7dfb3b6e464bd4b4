//! File descriptors: the soft open-file limit raised once per process, as servers do,
//! and accept errors that mean the process (or the system) is out of descriptors.

use std::io;

/// The soft limit is raised to the hard limit, but not beyond this: a huge soft limit,
/// which child processes inherit, makes some programs slow (those that close every
/// possible descriptor at start), and more than this many connections at once is beyond
/// what a local test server is for.
#[cfg(unix)]
const MOST: libc::rlim_t = 65_536;

/// macOS refuses a soft limit above OPEN_MAX (10,240), whatever the hard limit says.
#[cfg(unix)]
const OPEN_MAX: libc::rlim_t = 10_240;

/// Raises the soft `RLIMIT_NOFILE` toward the hard limit (at most 65,536), once per
/// process; it is never lowered. Each in-process call holds two descriptors (the
/// client's socket and the server's), so the common soft limits of 1,024 (256 on
/// macOS) run out at a few hundred concurrent calls.
#[cfg(unix)]
pub fn raise_open_file_limit() {
    static RAISED: std::sync::Once = std::sync::Once::new();
    RAISED.call_once(|| {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes into the struct it is given, nothing else.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
            return;
        }
        let soft = limit.rlim_cur;
        let target = limit.rlim_max.min(MOST); // RLIM_INFINITY is the largest value
        for wanted in [target, target.min(OPEN_MAX)] {
            if wanted <= soft {
                return;
            }
            let raised = libc::rlimit {
                rlim_cur: wanted,
                rlim_max: limit.rlim_max,
            };
            // SAFETY: setrlimit reads the struct it is given, nothing else.
            if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
                log::debug!("LocalBedrock: raised the open-file limit from {soft} to {wanted}");
                return;
            }
        }
    });
}

/// Elsewhere there is no such limit to raise.
#[cfg(not(unix))]
pub fn raise_open_file_limit() {}

/// Whether an accept error means that descriptors (or socket buffers) ran out, which
/// closing connections cures, rather than a connection that failed on its own.
pub fn out_of_descriptors(err: &io::Error) -> bool {
    #[cfg(unix)]
    let codes = [libc::EMFILE, libc::ENFILE, libc::ENOBUFS, libc::ENOMEM];
    #[cfg(windows)]
    let codes = [10024, 10055]; // WSAEMFILE, WSAENOBUFS
    #[cfg(not(any(unix, windows)))]
    let codes: [i32; 0] = [];
    err.raw_os_error().is_some_and(|code| codes.contains(&code))
}
