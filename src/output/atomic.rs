//! Writing outputs so that a crash, Ctrl-C or kill never leaves a half-written file where
//! the last good one was: a temporary file beside the target, synced to disk, renamed over
//! it.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Mutex, MutexGuard};
use std::thread::JoinHandle;

/// Writes `path` atomically: a temporary file beside it, synced to disk, then renamed over
/// the target. Readers of `path` see the old file or the new one, never a part.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    commit([Written::new(path, write)?])
}

/// An output written to its temporary file and not yet in place: `commit` puts it there,
/// dropping it removes the temporary file.
pub struct Written {
    tmp: PathBuf,
    target: PathBuf,
    file: Option<File>,
}

impl Written {
    /// Writes the temporary file of `path` (beside it) with `write`.
    pub fn new(
        path: &Path,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<Written> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "dataset.json".into());
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let (mut written, file) = {
            // Created and registered in one step, so an interrupt sees it or never sees it.
            let mut pending = pending();
            let file = File::create(&tmp)?;
            pending.push(tmp.clone());
            let written = Written {
                tmp,
                target: path.to_path_buf(),
                file: None,
            };
            (written, file)
        };
        let mut w = BufWriter::new(SyncAhead::new(file));
        write(&mut w)?;
        written.file = Some(w.into_inner().map_err(|e| e.into_error())?.finish()?);
        Ok(written)
    }
}

impl Drop for Written {
    fn drop(&mut self) {
        let mut pending = pending();
        if let Some(i) = pending.iter().position(|p| p == &self.tmp) {
            pending.swap_remove(i);
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Puts written outputs in place: syncs them all to disk at once (a sync has a fixed cost
/// of its own, a journal commit, which syncs running together share), then renames them
/// over their targets together, so an interrupt leaves either all of them or none.
pub fn commit<const N: usize>(outputs: [Written; N]) -> io::Result<()> {
    let files = || outputs.iter().filter_map(|o| o.file.as_ref());
    if N == 1 {
        files().try_for_each(File::sync_all)?;
    } else {
        sync_together(files())?;
    }
    let mut pending = pending();
    for o in &outputs {
        fs::rename(&o.tmp, &o.target)?;
        pending.retain(|p| p != &o.tmp);
    }
    Ok(())
}

fn sync_together<'a>(files: impl Iterator<Item = &'a File>) -> io::Result<()> {
    std::thread::scope(|s| {
        let syncs: Vec<_> = files.map(|f| s.spawn(|| f.sync_all())).collect();
        syncs.into_iter().try_for_each(|h| {
            h.join()
                .map_err(|_| io::Error::other("sync thread panicked"))?
        })
    })
}

/// Temporary files `write_atomic` is writing right now.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Held by an interrupted run while it exits: no output can be renamed into place meanwhile.
pub struct Abandoned(#[allow(dead_code)] MutexGuard<'static, Vec<PathBuf>>);

/// For Ctrl-C/SIGTERM: removes the temporary files of every write in progress and blocks
/// their renames for as long as the returned guard lives, so that a run stopped at any
/// point leaves the previous outputs exactly as they were. Returns how many were removed.
pub fn abandon_pending_writes() -> (Abandoned, usize) {
    let mut pending = pending();
    let n = pending.len();
    for tmp in pending.drain(..) {
        let _ = fs::remove_file(&tmp);
    }
    (Abandoned(pending), n)
}

/// A file being written that is synced to disk in the background every `SYNC_STEP` bytes,
/// so the sync before the rename waits only for the last part. `--jsonl` writes its records
/// for the whole run; synced only at the end, the disk wrote them all then, after the last
/// file was read (a tenth of a run at 1,000 files).
struct SyncAhead {
    file: File,
    unsynced: u64,
    /// The syncing thread and how to wake it, from the first step on.
    helper: Option<(mpsc::SyncSender<()>, JoinHandle<io::Result<()>>)>,
    /// The thread could not be started (or its handle not cloned): sync only at the end.
    alone: bool,
}

const SYNC_STEP: u64 = 4 << 20;

impl SyncAhead {
    fn new(file: File) -> Self {
        SyncAhead {
            file,
            unsynced: 0,
            helper: None,
            alone: false,
        }
    }

    /// Asks the helper to sync what is written so far; if it is still busy with the last
    /// step, the request waits in the channel (one at most) and covers this one too.
    fn sync_behind(&mut self) {
        if self.helper.is_none() && !self.alone {
            self.helper = self.start_helper();
            self.alone = self.helper.is_none();
        }
        if let Some((wake, _)) = &self.helper {
            let _ = wake.try_send(());
        }
    }

    fn start_helper(&self) -> Option<(mpsc::SyncSender<()>, JoinHandle<io::Result<()>>)> {
        let file = self.file.try_clone().ok()?;
        let (wake, woken) = mpsc::sync_channel::<()>(1);
        let helper = std::thread::Builder::new()
            .name("perfsheet-sync".into())
            .spawn(move || {
                while woken.recv().is_ok() {
                    file.sync_data()?;
                }
                Ok(())
            })
            .ok()?;
        Some((wake, helper))
    }

    /// Stops the helper and hands back the file. The helper's error is returned here: the
    /// two handles share one open file, so an error the helper's sync saw (the kernel
    /// reports a write-back failure once per open file) would not be seen again.
    fn finish(self) -> io::Result<File> {
        if let Some((wake, helper)) = self.helper {
            drop(wake);
            helper
                .join()
                .map_err(|_| io::Error::other("sync thread panicked"))??;
        }
        Ok(self.file)
    }
}

impl Write for SyncAhead {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.unsynced += n as u64;
        if self.unsynced >= SYNC_STEP {
            self.unsynced = 0;
            self.sync_behind();
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_fails_half_way_keeps_the_previous_file() {
        let dir = std::env::temp_dir().join(format!("perfsheet-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("dir");
        let target = dir.join("dataset.json");
        fs::write(&target, b"previous").expect("write");
        let r = write_atomic(&target, |w| {
            w.write_all(b"{\"half\": ")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(r.is_err());
        assert_eq!(fs::read(&target).expect("read"), b"previous");
        let names: Vec<String> = fs::read_dir(&dir)
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["dataset.json"], "no temporary file left behind");
        write_atomic(&target, |w| w.write_all(b"new")).expect("write");
        assert_eq!(fs::read(&target).expect("read"), b"new");
        let _ = fs::remove_dir_all(dir);
    }

    /// A file longer than a few sync steps, written in pieces of many sizes, arrives whole;
    /// the helper thread has run.
    #[test]
    fn a_long_file_synced_ahead_arrives_whole() {
        let dir = std::env::temp_dir().join(format!("perfsheet-sync-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("dir");
        let target = dir.join("long.jsonl");
        let line = |i: usize| format!("{{\"n\":{i},\"pad\":\"{}\"}}\n", "x".repeat(i % 997));
        let expected: String = (0..40_000).map(line).collect();
        assert!(expected.len() as u64 > 3 * SYNC_STEP);
        write_atomic(&target, |w| {
            (0..40_000).try_for_each(|i| w.write_all(line(i).as_bytes()))
        })
        .expect("write");
        assert!(fs::read_to_string(&target).expect("read") == expected);

        let file = File::create(dir.join("direct")).expect("create");
        let mut w = SyncAhead::new(file);
        w.write_all(&vec![b'a'; (2 * SYNC_STEP) as usize])
            .expect("write");
        assert!(w.helper.is_some(), "a sync was started behind the writes");
        w.finish().expect("finish").sync_all().expect("sync");
        let _ = fs::remove_dir_all(dir);
    }

    /// Outputs written together are put in place together; one not committed leaves no
    /// temporary file and the previous output.
    #[test]
    fn outputs_are_put_in_place_together() {
        let dir = std::env::temp_dir().join(format!("perfsheet-commit-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("dir");
        let (a, b) = (dir.join("records.jsonl"), dir.join("summary.json"));
        fs::write(&a, b"old records").expect("write");
        let wa = Written::new(&a, |w| w.write_all(b"new records")).expect("a");
        let wb = Written::new(&b, |w| w.write_all(b"{}")).expect("b");
        assert_eq!(
            fs::read(&a).expect("read"),
            b"old records",
            "nothing in place yet"
        );
        assert!(!b.exists());
        commit([wa, wb]).expect("commit");
        assert_eq!(fs::read(&a).expect("read"), b"new records");
        assert_eq!(fs::read(&b).expect("read"), b"{}");

        let dropped = Written::new(&a, |w| w.write_all(b"never")).expect("a");
        drop(dropped);
        let names: Vec<String> = fs::read_dir(&dir)
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
        assert_eq!(fs::read(&a).expect("read"), b"new records");
        let _ = fs::remove_dir_all(dir);
    }
}
