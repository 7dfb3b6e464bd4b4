//! What stays allocated for each call in flight: CALLS converse calls through the core, all
//! in flight at once against a LocalBedrock that answers after a delay, for valgrind's
//! dhat to take the heap at its peak. `bench/heap.py` runs it and sorts the peak by owner.
//!
//!     cargo build --profile profiling --example heap
//!     valgrind --tool=dhat target/profiling/examples/heap http://127.0.0.1:PORT CALLS [h2]
//!
//! Every call is a task of the process runtime, as the Python binding spawns them.

#[path = "small_call.rs"]
mod small_call;

use fastconverse::core::{runtime, Client};

fn main() {
    let usage = "usage: heap ENDPOINT_URL CALLS [h2]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (endpoint, calls, http2) = match args.as_slice() {
        [endpoint, calls] => (endpoint, calls, false),
        [endpoint, calls, protocol] if protocol == "h2" => (endpoint, calls, true),
        _ => panic!("{usage}"),
    };
    let calls: usize = calls.parse().expect(usage);
    let handle = runtime::handle();
    let config = small_call::config(endpoint, http2);
    let client = std::sync::Arc::new(handle.block_on(Client::connect(&config)).expect("client"));
    let tasks: Vec<_> = (0..calls)
        .map(|_| {
            let client = client.clone();
            handle.spawn(async move {
                client
                    .converse(small_call::request())
                    .await
                    .expect("converse")
                    .body
            })
        })
        .collect();
    for task in tasks {
        std::hint::black_box(handle.block_on(task).expect("the call's task"));
    }
}
