//! The network's secret for identity keys: parties' identity numbers are kept only as keyed
//! hashes under it (`shenguan_domain::IdNumber::key`), so that the same person is found across
//! cases while the store alone cannot give the numbers back. The secret lives outside the store:
//! a file of 64 hex characters, readable by its owner only — beside a SQLite store by default
//! (`shenguan.db.identity-key`), and for PostgreSQL wherever `store.identity_key_file` says, the
//! same file for every server of the network. Lose it and new imports no longer match earlier
//! parties: back it up with the store.

use std::io::Write;
use std::path::{Path, PathBuf};

use password_hash::rand_core::{OsRng, RngCore};
use shenguan_store::StoreUrl;

use crate::{App, AppError, Store, text};

impl App {
    /// Where the secret is kept for `store`, or why none can be chosen.
    pub fn identity_key_path(&self, store: &Store) -> Result<PathBuf, AppError> {
        self.identity_key_path_of(store.inner.url())
    }

    /// Where the secret is kept for the store at `url`, or why none can be chosen.
    pub(crate) fn identity_key_path_of(&self, url: &StoreUrl) -> Result<PathBuf, AppError> {
        if let Some(path) = &self.config().identity_key_file {
            return Ok(path.clone());
        }
        match url {
            StoreUrl::Sqlite(path) => {
                let mut name = path.as_os_str().to_owned();
                name.push(".identity-key");
                Ok(PathBuf::from(name))
            }
            StoreUrl::Postgres(_) => Err(AppError::Invalid(text!(
                "PostgreSQL 数据库需在配置中指定 store.identity_key_file（或 SHENGUAN_IDENTITY_KEY_FILE），各服务器共用同一密钥文件",
                "a PostgreSQL store needs store.identity_key_file (or SHENGUAN_IDENTITY_KEY_FILE) in the configuration, the same file for every server"
            ))),
        }
    }

    /// The secret, made on first use (32 random bytes, the file readable by its owner only).
    pub fn identity_secret(&self, store: &Store) -> Result<Vec<u8>, AppError> {
        let path = self.identity_key_path(store)?;
        match std::fs::read_to_string(&path) {
            Ok(text) => parse_secret(&text).ok_or_else(|| {
                let shown = path.display();
                AppError::Invalid(text!(
                    "身份密钥文件 {shown} 不是64位十六进制字符",
                    "the identity key file {shown} does not hold 64 hexadecimal characters"
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_secret(&path),
            Err(e) => Err(AppError::io(path.display().to_string(), e)),
        }
    }
}

/// The secret in the file at `path`, if there is a sound one.
pub(crate) fn read_secret(path: &Path) -> Option<Vec<u8>> {
    parse_secret(&std::fs::read_to_string(path).ok()?)
}

/// A fingerprint of a secret, to tell whether two files hold the same one without showing it:
/// SHA-256 of its bytes (which cannot be turned back into a 256-bit random key).
pub(crate) fn fingerprint(secret: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(secret)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn parse_secret(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if text.len() != 64 {
        return None;
    }
    (0..32)
        .map(|i| u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

fn create_secret(path: &Path) -> Result<Vec<u8>, AppError> {
    let io = |e: std::io::Error| AppError::io(path.display().to_string(), e);
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut options = std::fs::OpenOptions::new();
    // Never over another process's key made a moment before.
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(hex.as_bytes()).map_err(io)?;
            file.write_all(b"\n").map_err(io)?;
            Ok(bytes.to_vec())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path).map_err(io)?;
            parse_secret(&text).ok_or_else(|| io(std::io::Error::other("not 64 hex characters")))
        }
        Err(e) => Err(io(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_made_once_private_and_read_back() {
        let dir = shenguan_testkit::TempDir::new("identity");
        let path = dir.join("key");
        let made = create_secret(&path).expect("made");
        assert_eq!(made.len(), 32);
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(parse_secret(&text), Some(made.clone()));
        // A second maker finds the first's key.
        assert_eq!(create_secret(&path).expect("again"), made);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(parse_secret("zz"), None);
        assert_eq!(parse_secret(&"g".repeat(64)), None);
    }
}
