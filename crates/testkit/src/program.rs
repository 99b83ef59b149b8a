//! The built `shenguan` program run as a user runs it, in a folder of the test's, with an
//! environment cleared of every `SHENGUAN_*` variable the test does not set — so a developer's
//! own settings (a holiday file, a store, a fixed day) never leak into a test.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The day every program run sees as today unless a test sets another.
pub const TODAY: &str = "2026-11-27";

/// A command for the program at `binary` (an integration test passes
/// `env!("CARGO_BIN_EXE_shenguan")`), working in `folder`, with no inherited `SHENGUAN_*`
/// variable and `SHENGUAN_TODAY` set to [`TODAY`].
pub fn command(binary: &Path, folder: &Path) -> Command {
    let mut command = Command::new(binary);
    command.current_dir(folder);
    for name in inherited_settings() {
        command.env_remove(name);
    }
    command.env("SHENGUAN_TODAY", TODAY);
    command
}

/// The names of the `SHENGUAN_*` variables in this process's environment.
fn inherited_settings() -> Vec<OsString> {
    std::env::vars_os()
        .map(|(name, _)| name)
        .filter(|name| name.to_string_lossy().starts_with("SHENGUAN_"))
        .collect()
}
