//! Temporary folders, unique within and across processes without relying on the clock, removed
//! when dropped.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A fresh folder under the system's temporary folder, removed with everything in it on drop.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

static NEXT: AtomicU64 = AtomicU64::new(0);

impl TempDir {
    /// A new empty folder named `shenguan-{label}-{process}-{n}`. The name is claimed by creating
    /// it: a folder left behind by an earlier process with the same id is never reused, the next
    /// number is taken instead.
    pub fn new(label: &str) -> TempDir {
        let base = std::env::temp_dir();
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = base.join(format!("shenguan-{label}-{}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return TempDir { path },
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => panic!("cannot create a temporary folder {}: {e}", path.display()),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A path inside the folder (nothing is created).
    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.path.join(name)
    }

    /// Writes `contents` to `name` inside the folder and returns its path.
    pub fn write(&self, name: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        std::fs::write(&path, contents)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::TempDir;

    #[test]
    fn folders_are_unique_and_removed_on_drop() {
        let first = TempDir::new("unique");
        let second = TempDir::new("unique");
        assert_ne!(first.path(), second.path());
        let file = first.write("a/b.txt", "x");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "x");
        let kept = first.path().to_path_buf();
        drop(first);
        assert!(!kept.exists());
        assert!(second.path().is_dir());
    }
}
