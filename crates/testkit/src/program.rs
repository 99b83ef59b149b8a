//! The built `shenguan` program run as a user runs it, in a folder of the test's, with an
//! environment cleared of every `SHENGUAN_*` variable the test does not set and of the locale's
//! language (`LANG`, `LC_ALL`, `LC_MESSAGES`) — so a developer's own settings (a holiday file, a
//! store, a fixed day, an English desktop) never leak into a test: the program speaks Chinese,
//! its default, unless the test sets a language.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The day every program run sees as today unless a test sets another.
pub const TODAY: &str = "2026-11-27";

/// A command for the program at `binary` (an integration test passes
/// `env!("CARGO_BIN_EXE_shenguan")`), working in `folder`, with no inherited `SHENGUAN_*` or
/// locale-language variable and `SHENGUAN_TODAY` set to [`TODAY`].
pub fn command(binary: &Path, folder: &Path) -> Command {
    command_without(binary, folder, std::env::vars_os().map(|(name, _)| name))
}

/// [`command`] for an environment given by the names of its variables: the process's own in
/// use, a made-up one in the tests below (changing this process's environment would race with
/// the tests running beside them).
fn command_without(
    binary: &Path,
    folder: &Path,
    inherited: impl IntoIterator<Item = OsString>,
) -> Command {
    let mut command = Command::new(binary);
    command.current_dir(folder);
    for name in inherited.into_iter().filter(is_setting) {
        command.env_remove(name);
    }
    command.env("SHENGUAN_TODAY", TODAY);
    command
}

/// Whether a variable is one of the program's settings (or a test's own `SHENGUAN_TEST_*`), or
/// one the program reads its language from.
fn is_setting(name: &OsString) -> bool {
    let name = name.to_string_lossy();
    name.starts_with("SHENGUAN_") || ["LANG", "LC_ALL", "LC_MESSAGES"].contains(&name.as_ref())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::ffi::{OsStr, OsString};
    use std::path::Path;

    use super::{TODAY, command_without};

    /// What the command does to the environment it inherits: `Some(value)` set, `None` removed;
    /// a variable it leaves alone is not listed.
    fn changes(inherited: &[&str]) -> BTreeMap<String, Option<String>> {
        let command = command_without(
            Path::new("shenguan"),
            Path::new("."),
            inherited.iter().map(OsString::from),
        );
        command
            .get_envs()
            .map(|(name, value)| {
                (
                    name.to_string_lossy().into_owned(),
                    value.map(|v: &OsStr| v.to_string_lossy().into_owned()),
                )
            })
            .collect()
    }

    #[test]
    fn every_inherited_setting_is_removed_and_today_is_fixed() {
        let seen = changes(&[
            "PATH",
            "SHENGUAN_HOLIDAYS_FILE",
            "SHENGUAN_DB",
            "SHENGUAN_TODAY",
            "HOME",
            "SHENGUAN_TEST_PG",
            "shenguan_db",
            "LANG",
            "LC_ALL",
            "LC_MESSAGES",
            "LC_TIME",
        ]);
        let expected: BTreeMap<String, Option<String>> = [
            ("LANG", None),
            ("LC_ALL", None),
            ("LC_MESSAGES", None),
            ("SHENGUAN_DB", None),
            ("SHENGUAN_HOLIDAYS_FILE", None),
            ("SHENGUAN_TEST_PG", None),
            // Removed as inherited, then set: the last word is the fixed day.
            ("SHENGUAN_TODAY", Some(TODAY)),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_string(), value.map(str::to_string)))
        .collect();
        // PATH, HOME, a locale variable that does not choose the language and a lower-case
        // look-alike (a different variable on Unix) pass through.
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_clean_environment_only_gets_the_fixed_day() {
        let seen = changes(&["PATH"]);
        assert_eq!(
            seen.into_iter().collect::<Vec<_>>(),
            [("SHENGUAN_TODAY".to_string(), Some(TODAY.to_string()))]
        );
    }

    #[test]
    fn the_command_works_in_the_test_folder() {
        let command = command_without(Path::new("/bin/true"), Path::new("/tmp/x"), []);
        assert_eq!(command.get_current_dir(), Some(Path::new("/tmp/x")));
        assert_eq!(command.get_program(), "/bin/true");
    }
}
