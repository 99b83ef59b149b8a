//! Where uploaded files wait: a folder of this server's own (readable by its owner only), one
//! owner-only folder per upload inside it, each removed when its upload is done with — on every
//! path, errors included — and the folders of servers that ended without removing theirs
//! removed at the next start. A body is written as it arrives and refused past the size limit;
//! nothing is read before the sender is known. Messages never show the server's paths.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Body;
use http_body_util::BodyExt;
use shenguan_app::{AppError, text};

use crate::ApiError;

/// The name this server's upload folder starts with, followed by its process number.
const ROOT_PREFIX: &str = "shenguan-uploads-";

/// Where this server keeps uploads, and how large one may be.
#[derive(Debug)]
pub(crate) struct UploadPlace {
    /// This server's private folder (`None`: it could not be made; uploads are refused and the
    /// operator's log says why).
    root: Option<UploadRoot>,
    /// The largest upload accepted, in bytes.
    limit: AtomicU64,
}

impl UploadPlace {
    /// The server's folder, made now, and the limit in bytes.
    pub fn new(limit: u64) -> UploadPlace {
        UploadPlace {
            root: root().map(UploadRoot).ok(),
            limit: AtomicU64::new(limit),
        }
    }

    /// A new upload's own folder.
    pub fn new_dir(&self) -> Result<UploadDir, ApiError> {
        let root = self.folder().ok_or_else(|| {
            ApiError::internal("the upload folder could not be made (see the note at start)")
        })?;
        UploadDir::new(root)
    }

    /// The server's folder, when it could be made.
    pub fn folder(&self) -> Option<&Path> {
        self.root.as_ref().map(|root| root.0.as_path())
    }

    /// The largest upload accepted, in bytes.
    pub fn limit(&self) -> u64 {
        self.limit.load(Ordering::Relaxed)
    }

    pub fn set_limit(&self, bytes: u64) {
        self.limit.store(bytes, Ordering::Relaxed);
    }
}

/// This server's folder for uploads, removed with the server.
#[derive(Debug)]
struct UploadRoot(PathBuf);

impl Drop for UploadRoot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// This server's folder for uploads, made private; the folders left by servers that ended
/// without removing theirs (a crash, a kill) are removed first.
fn root() -> Result<PathBuf, AppError> {
    let temp = std::env::temp_dir();
    remove_folders_of_ended_servers(&temp);
    // The process id (for the clean-up above) and a part of its own: two servers of one process
    // (a test's, an embedding's) must not share a folder that the first to stop removes.
    let own: String = shenguan_app::accounts::new_secret()
        .chars()
        .take(12)
        .collect();
    let root = temp.join(format!("{ROOT_PREFIX}{}-{own}", std::process::id()));
    make_private_dir(&root).map_err(|e| {
        tracing::error!(folder = %root.display(), error = %e, "cannot make the upload folder");
        cannot_keep()
    })?;
    Ok(root)
}

/// One upload's folder: removed when dropped, unless kept for a confirmation to come.
#[derive(Debug)]
pub(crate) struct UploadDir {
    dir: PathBuf,
    kept: bool,
}

impl UploadDir {
    /// A new private folder in `root`.
    fn new(root: &Path) -> Result<UploadDir, ApiError> {
        let dir = root.join(shenguan_app::accounts::new_secret());
        make_private_dir(&dir).map_err(|e| {
            tracing::error!(folder = %root.display(), error = %e, "cannot make an upload folder");
            ApiError::from(cannot_keep())
        })?;
        Ok(UploadDir { dir, kept: false })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The folder from now on belongs to whoever removes it later (the uploads waiting for
    /// their confirmation).
    pub fn keep(mut self) -> PathBuf {
        self.kept = true;
        self.dir.clone()
    }

    /// Writes `body` to `name` in the folder as it arrives, refusing it once it passes `limit`
    /// bytes; the number of bytes written.
    pub async fn receive(&self, name: &str, mut body: Body, limit: u64) -> Result<u64, ApiError> {
        let mut file = self.create(name, limit)?;
        while let Some(frame) = body.frame().await {
            if let Ok(chunk) = frame.map_err(|e| broke_off(&e))?.into_data() {
                file.write(&chunk)?;
            }
        }
        file.finish()
    }

    /// Writes a form's file field to `name` in the folder as it arrives, refusing it once it
    /// passes `limit` bytes; the number of bytes written.
    pub async fn receive_field(
        &self,
        name: &str,
        field: &mut axum::extract::multipart::Field<'_>,
        limit: u64,
    ) -> Result<u64, ApiError> {
        let mut file = self.create(name, limit)?;
        while let Some(chunk) = field.chunk().await.map_err(|e| broke_off(&e))? {
            file.write(&chunk)?;
        }
        file.finish()
    }

    /// A new owner-only file `name` in the folder, to be written at most `limit` bytes.
    fn create(&self, name: &str, limit: u64) -> Result<Receiving<'_>, ApiError> {
        let file = private_file(&self.dir.join(name)).map_err(|e| self.failed(&e))?;
        Ok(Receiving {
            dir: self,
            file,
            written: 0,
            limit,
        })
    }

    /// A write that failed: the detail for the operator, a plain message for the user.
    fn failed(&self, e: &std::io::Error) -> ApiError {
        tracing::error!(folder = %self.dir.display(), error = %e, "cannot write an upload");
        ApiError::from(cannot_keep())
    }
}

/// A file of an upload being written: the bytes counted against the limit as they come.
struct Receiving<'a> {
    dir: &'a UploadDir,
    file: std::fs::File,
    written: u64,
    limit: u64,
}

impl Receiving<'_> {
    fn write(&mut self, chunk: &[u8]) -> Result<(), ApiError> {
        self.written += chunk.len() as u64;
        if self.written > self.limit {
            return Err(ApiError::too_large(self.limit));
        }
        self.file.write_all(chunk).map_err(|e| self.dir.failed(&e))
    }

    fn finish(mut self) -> Result<u64, ApiError> {
        self.file.flush().map_err(|e| self.dir.failed(&e))?;
        Ok(self.written)
    }
}

/// The sender's connection ended before the upload did.
fn broke_off(e: &dyn std::fmt::Display) -> ApiError {
    ApiError::from(AppError::Invalid(text!(
        "上传中断：{e}",
        "the upload broke off: {e}"
    )))
}

impl Drop for UploadDir {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn cannot_keep() -> AppError {
    AppError::Internal("the uploaded file cannot be kept (see the note above)".into())
}

/// A folder only its owner may enter.
fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir)?;
        // An existing folder (this process's root made before) is made private too.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    builder.create(dir)
}

/// A new file only its owner may read.
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Removes the upload folders of servers whose process has ended (where the system lists its
/// processes under `/proc`).
fn remove_folders_of_ended_servers(temp: &Path) {
    let processes = Path::new("/proc");
    if !processes.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|n| n.strip_prefix(ROOT_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if let Some(pid) = pid
            && !processes.join(pid).exists()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_folder_is_private_and_goes_unless_kept() {
        let root = root().expect("the root");
        let dir = UploadDir::new(&root).expect("a folder");
        let path = dir.path().to_path_buf();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("made").permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
            let mode = std::fs::metadata(&root).expect("made").permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        drop(dir);
        assert!(!path.exists());
        let kept = UploadDir::new(&root).expect("a folder").keep();
        assert!(kept.exists());
        std::fs::remove_dir_all(kept).expect("removed");
    }

    #[test]
    fn the_folder_of_an_ended_server_is_removed_and_a_running_ones_is_not() {
        let temp = std::env::temp_dir();
        // No process has this number (above the kernel's largest).
        let ended = temp.join(format!("{ROOT_PREFIX}4294967295"));
        let ended_named = temp.join(format!("{ROOT_PREFIX}4294967295-abc"));
        std::fs::create_dir_all(ended.join("x")).expect("made");
        std::fs::create_dir_all(ended_named.join("x")).expect("made");
        let running = root().expect("this server's root");
        assert!(!ended.exists() && !ended_named.exists());
        assert!(running.exists());
        // Two servers of one process have folders of their own: one stopping leaves the other's.
        let other = root().expect("another server's root");
        assert_ne!(running, other);
        drop(UploadRoot(other.clone()));
        assert!(!other.exists() && running.exists());
    }

    #[tokio::test]
    async fn a_body_past_the_limit_is_refused_and_its_file_goes_with_the_folder() {
        let root = root().expect("the root");
        let dir = UploadDir::new(&root).expect("a folder");
        let path = dir.path().to_path_buf();
        let written = dir
            .receive("upload.csv", Body::from(vec![b'a'; 1000]), 1000)
            .await
            .expect("within the limit");
        assert_eq!(written, 1000);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path.join("upload.csv"))
                .expect("written")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let refused = dir
            .receive("other.csv", Body::from(vec![b'a'; 1001]), 1000)
            .await
            .expect_err("past the limit");
        assert_eq!(refused.status, axum::http::StatusCode::PAYLOAD_TOO_LARGE);
        let shown = path.display().to_string();
        assert!(!refused.message.zh().contains(&shown) && !refused.message.en().contains(&shown));
        drop(dir);
        assert!(!path.exists());
    }
}
