//! The worker pool: one long-lived worker thread per core, each reading file after file,
//! and a supervisor (the calling thread) that watches the clock.
//!
//! A file still running after `limits.timeout` is flagged `timeout`, its worker is
//! abandoned (left to finish on its own, its result dropped) and a fresh worker takes its
//! place, so the run goes on. Workers claim files from an atomic counter and post only
//! their results, and outcomes reach the caller in input order through a bounded window,
//! so memory does not grow with the number of files.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use super::file::Settings;
use super::file::panic_text;
use super::walk::Input;
use crate::error::ReadError;
use crate::model::flagged::Flagged;
use crate::model::outcome::Outcome;

/// How many files may be read ahead of the next one handed to the sink: enough to keep
/// every core busy past a slow file, few enough that memory does not grow with the number
/// of files.
pub(super) const CHUNK: usize = 256;

/// How long the supervisor lets results gather after one arrives: short against any run
/// and any timeout, long against the time a worker takes per file.
const GATHER: Duration = Duration::from_millis(1);

/// Turns an outcome into what the sink takes, on the worker thread.
pub(super) type Prepare<T> = Arc<dyn Fn(&Input, Outcome) -> T + Send + Sync>;

/// Reads every input with `read` (tests slow it down) on supervised workers, hands each
/// outcome, turned into a `T` by `prepare` on the worker, to `sink` in input order, and
/// calls `done` once per file as it finishes.
///
/// Workers claim the next file themselves (an atomic counter) and post only their results:
/// handing each file to a worker through a channel and waiting for it to ask again cost
/// four thread wake-ups a file and left cores idle between files. The supervisor watches
/// the clock through each worker's "working on file i since t" slot.
pub(super) fn supervise<T: Send + 'static>(
    inputs: Arc<[Input]>,
    settings: &Settings,
    threads: usize,
    done: &(dyn Fn(&Input) + Sync),
    mut sink: impl FnMut(&Input, T),
    read: fn(&Input, &Settings) -> Outcome,
    prepare: Prepare<T>,
) {
    if inputs.is_empty() {
        return;
    }
    let wanted = threads.clamp(1, inputs.len());
    let (results, inbox) = mpsc::channel();
    let shared = Arc::new(Shared {
        inputs: Arc::clone(&inputs),
        settings: settings.clone(),
        read,
        prepare,
        next: AtomicUsize::new(0),
        window: Mutex::new(Window::default()),
        widened: Condvar::new(),
    });
    let _close = CloseOnDrop(&shared);
    let mut workers: Vec<Arc<WorkerSlot>> = Vec::new();
    for _ in 0..wanted {
        spawn_worker(&shared, &results, &mut workers);
    }
    let mut ready: VecDeque<Option<T>> = VecDeque::new();
    let mut next_emit = 0usize;
    while next_emit < inputs.len() {
        if workers.is_empty() {
            // No worker could be started (or kept): read what is left here, unwatched.
            let idx = shared.next.fetch_add(1, Ordering::Relaxed);
            if let Some(input) = inputs.get(idx) {
                let o = (shared.prepare)(input, read(input, settings));
                done(input);
                place(&mut ready, idx - next_emit, o);
            }
        } else {
            let deadline = workers
                .iter()
                .filter_map(|w| w.since())
                .min()
                .unwrap_or_else(Instant::now)
                .checked_add(settings.limits.timeout);
            let wait = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let first = match wait {
                Some(t) => inbox.recv_timeout(t).ok(),
                None => inbox.recv().ok(),
            };
            if first.is_some() {
                // Let results gather for a moment before taking them: waking on every
                // file's result cost a context switch per file on the workers' cores,
                // and the read-ahead window keeps the workers busy meanwhile.
                std::thread::sleep(GATHER);
            }
            let mut got = first
                .into_iter()
                .chain(std::iter::from_fn(|| inbox.try_recv().ok()));
            for (idx, o) in got.by_ref() {
                // A result for a file already flagged timeout (its worker finished just as
                // it was abandoned) finds its place taken and is dropped.
                if let (Some(input), Some(k)) = (inputs.get(idx), idx.checked_sub(next_emit))
                    && ready.get(k).is_none_or(Option::is_none)
                {
                    done(input);
                    place(&mut ready, k, o);
                }
            }
            let now = Instant::now();
            let mut k = 0;
            while k < workers.len() {
                match workers[k].abandon_if_past(now, settings.limits.timeout) {
                    Some(idx) => {
                        workers.swap_remove(k);
                        if let Some(input) = inputs.get(idx) {
                            done(input);
                            let flag =
                                (shared.prepare)(input, timeout_flag(input, &settings.limits));
                            place(&mut ready, idx - next_emit, flag);
                        }
                        spawn_worker(&shared, &results, &mut workers);
                    }
                    None => k += 1,
                }
            }
        }
        let before = next_emit;
        while let Some(Some(_)) = ready.front() {
            if let Some(Some(o)) = ready.pop_front() {
                sink(&inputs[next_emit], o);
                next_emit += 1;
            }
        }
        if next_emit != before {
            shared.widen(next_emit);
        }
    }
}

/// Puts outcome `o` at offset `k` of the files not yet handed to the sink.
fn place<T>(ready: &mut VecDeque<Option<T>>, k: usize, o: T) {
    if ready.len() <= k {
        ready.resize_with(k + 1, || None);
    }
    ready[k] = Some(o);
}

/// What the supervisor and its workers share. Owned (the inputs shared), because an
/// abandoned worker may outlive the call.
struct Shared<T> {
    inputs: Arc<[Input]>,
    settings: Settings,
    read: fn(&Input, &Settings) -> Outcome,
    prepare: Prepare<T>,
    /// The next input index to claim.
    next: AtomicUsize,
    window: Mutex<Window>,
    /// Signalled when the window moves on or closes.
    widened: Condvar,
}

/// How far ahead of the sink workers may read: memory stays bounded by CHUNK outcomes.
#[derive(Default)]
struct Window {
    /// Outcomes handed to the sink so far.
    emitted: usize,
    /// Workers blocked until the window moves.
    waiting: usize,
    /// The run is over (or its supervisor unwound): waiting workers quit.
    closed: bool,
}

impl<T> Shared<T> {
    /// Blocks until input `idx` is within the read-ahead window; false when the run closed.
    fn wait_for_window(&self, idx: usize) -> bool {
        let mut w = lock(&self.window);
        while !w.closed && idx >= w.emitted + CHUNK {
            w.waiting += 1;
            w = self.widened.wait(w).unwrap_or_else(|e| e.into_inner());
            w.waiting -= 1;
        }
        !w.closed
    }

    fn widen(&self, emitted: usize) {
        let mut w = lock(&self.window);
        w.emitted = emitted;
        if w.waiting > 0 {
            self.widened.notify_all();
        }
    }

    fn close(&self) {
        lock(&self.window).closed = true;
        self.widened.notify_all();
    }
}

/// Closes the window when the supervisor returns or unwinds, so no worker waits forever.
struct CloseOnDrop<'a, T>(&'a Shared<T>);

impl<T> Drop for CloseOnDrop<'_, T> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// A poisoned lock only means another thread panicked while holding it; the data (plain
/// counters and a timestamp) is still meaningful.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// One worker as the supervisor sees it: the file it is on and since when.
#[derive(Default)]
struct WorkerSlot {
    job: Mutex<Option<(usize, Instant)>>,
    /// Set (under the `job` lock) when the supervisor gives up on the worker's file.
    abandoned: AtomicBool,
}

impl WorkerSlot {
    fn since(&self) -> Option<Instant> {
        lock(&self.job).map(|(_, t)| t)
    }

    /// Abandons the worker if its file has run past `timeout`; returns that file.
    fn abandon_if_past(&self, now: Instant, timeout: Duration) -> Option<usize> {
        let job = lock(&self.job);
        let (idx, since) = (*job)?;
        if now.saturating_duration_since(since) < timeout {
            return None;
        }
        self.abandoned.store(true, Ordering::Relaxed);
        Some(idx)
    }

    /// Marks the worker idle; false if it was abandoned meanwhile (its result is dropped).
    fn finish(&self) -> bool {
        let mut job = lock(&self.job);
        *job = None;
        !self.abandoned.load(Ordering::Relaxed)
    }
}

/// Stack of a worker thread. The readers of nested formats (HTML, RTF, Word's nested
/// tables) recurse up to their depth caps, and a debug build's frames are large; the
/// default 2 MiB is too little for the caps there. The stack is reserved, not committed:
/// a file that does not recurse costs no more than before.
const WORKER_STACK_BYTES: usize = 32 << 20;

/// Starts one more worker (none when the system has no thread to spare).
fn spawn_worker<T: Send + 'static>(
    shared: &Arc<Shared<T>>,
    results: &mpsc::Sender<(usize, T)>,
    workers: &mut Vec<Arc<WorkerSlot>>,
) {
    let slot = Arc::new(WorkerSlot::default());
    let (me, shared, results) = (Arc::clone(&slot), Arc::clone(shared), results.clone());
    let spawned = std::thread::Builder::new()
        .name("perfsheet-file".into())
        .stack_size(WORKER_STACK_BYTES)
        .spawn(move || {
            loop {
                let idx = shared.next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = shared.inputs.get(idx) else {
                    return;
                };
                if !shared.wait_for_window(idx) {
                    return;
                }
                *lock(&me.job) = Some((idx, Instant::now()));
                let o = catch_unwind(AssertUnwindSafe(|| {
                    (shared.prepare)(input, (shared.read)(input, &shared.settings))
                }))
                .unwrap_or_else(|panic| {
                    let e = ReadError::Internal(panic_text(&*panic));
                    let flag = Flagged::from_error(input.rel.clone(), "unknown", &e);
                    (shared.prepare)(input, Outcome::Flagged(flag))
                });
                if !me.finish() || results.send((idx, o)).is_err() {
                    return;
                }
            }
        });
    if spawned.is_ok() {
        workers.push(slot);
    }
}

/// The flag for a file still running after `limits.timeout`.
fn timeout_flag(input: &Input, limits: &crate::limits::Limits) -> Outcome {
    let e = ReadError::Timeout(limits.timeout.as_secs());
    Outcome::Flagged(Flagged::from_error(input.rel.clone(), "unknown", &e))
}
