//! The examples in `--help`: every command has some, and every one of them still parses with the
//! program's flags — an example that names a flag since renamed fails here, not in a user's hands.

use clap::CommandFactory;

use super::Cli;

/// Every command below the root with its path of names (`["user", "add"]`), depth first; clap's
/// own `help` subcommand is left out.
fn commands(
    parent: &clap::Command,
    path: &[String],
    found: &mut Vec<(Vec<String>, clap::Command)>,
) {
    for command in parent.get_subcommands() {
        if command.get_name() == "help" {
            continue;
        }
        let mut here = path.to_vec();
        here.push(command.get_name().to_string());
        found.push((here.clone(), command.clone()));
        commands(command, &here, found);
    }
}

/// The example lines of a help text: the lines under `示例 Examples:` up to the first blank one.
fn example_lines(help: &str) -> Vec<&str> {
    help.lines()
        .skip_while(|line| line.trim() != "示例 Examples:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .collect()
}

/// A line of shell split into the words of its commands (`a | b` gives two), as a POSIX shell
/// splits them for the examples' needs: single and double quotes, a backslash, a comment from a
/// `#` that starts a word; a redirection ends the command's words.
fn shell_commands(line: &str) -> Vec<Vec<String>> {
    let mut commands = vec![Vec::new()];
    let mut word: Option<String> = None;
    let mut redirected = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let text = word.get_or_insert_with(String::new);
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    text.push(c);
                }
            }
            '"' => {
                let text = word.get_or_insert_with(String::new);
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' if matches!(chars.peek(), Some('"' | '\\' | '$' | '`')) => {
                            text.extend(chars.next());
                        }
                        c => text.push(c),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).extend(chars.next()),
            '#' if word.is_none() => break,
            '>' | '<' if word.is_none() => redirected = true,
            '|' => {
                let last = commands.last_mut().expect("a command");
                last.extend(word.take().filter(|_| !redirected));
                commands.push(Vec::new());
                redirected = false;
            }
            c if c.is_whitespace() => {
                if let Some(done) = word.take().filter(|_| !redirected) {
                    commands.last_mut().expect("a command").push(done);
                }
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    if let Some(done) = word.filter(|_| !redirected) {
        commands.last_mut().expect("a command").push(done);
    }
    commands
}

/// The names of the subcommands the matches ran, outermost first.
fn ran(matches: &clap::ArgMatches) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = matches;
    while let Some((name, inner)) = at.subcommand() {
        names.push(name.to_string());
        at = inner;
    }
    names
}

#[test]
fn the_shell_splitting_of_examples_is_the_shell_s() {
    assert_eq!(
        shell_commands("shenguan user token 张主任 --days 30   # for 30 days"),
        [["shenguan", "user", "token", "张主任", "--days", "30"]]
    );
    assert_eq!(
        shell_commands(r#"printf '%s\n' 'a b' | shenguan case-number > out.jsonl"#),
        [
            vec!["printf", r"%s\n", "a b"],
            vec!["shenguan", "case-number"]
        ]
    );
    assert_eq!(
        shell_commands(r#"shenguan case-types | grep '"civil"'"#),
        [vec!["shenguan", "case-types"], vec!["grep", r#""civil""#]]
    );
    assert_eq!(
        shell_commands(r#"shenguan courts "苏0102" a\ b x#y"#),
        [["shenguan", "courts", "苏0102", "a b", "x#y"]]
    );
}

#[test]
fn every_command_s_help_shows_examples_of_itself_that_parse() {
    let mut root = Cli::command();
    root.build();
    let mut all = vec![(Vec::new(), root.clone())];
    commands(&root, &[], &mut all);
    // The root, 24 commands, and the actions of user (6), supervise (7), metrics (4), report
    // (4), petitions (5), reviews (6), assign (7), service (7) and audit (2).
    assert_eq!(
        all.len(),
        1 + 24 + 6 + 7 + 4 + 4 + 5 + 6 + 7 + 7 + 2,
        "{:?}",
        all.iter().map(|c| &c.0).collect::<Vec<_>>()
    );
    for (path, mut command) in all {
        let shown = format!("shenguan {}", path.join(" "));
        let help = command.render_long_help().to_string();
        let lines = example_lines(&help);
        assert!(
            !lines.is_empty(),
            "`{shown} --help` has no 示例 Examples block:\n{help}"
        );
        let mut of_itself = 0;
        for line in lines {
            let ours: Vec<Vec<String>> = shell_commands(line)
                .into_iter()
                .filter(|words| words.first().is_some_and(|w| w == "shenguan"))
                .collect();
            assert_eq!(
                ours.len(),
                1,
                "`{shown} --help`: an example that runs no shenguan: {line}"
            );
            let matches = Cli::command()
                .try_get_matches_from(&ours[0])
                .unwrap_or_else(|e| {
                    panic!("`{shown} --help`: the example `{line}` does not parse:\n{e}")
                });
            // An example of this command or of one of its actions.
            of_itself += usize::from(ran(&matches).starts_with(&path));
        }
        assert!(
            of_itself > 0,
            "`{shown} --help` shows no example of itself:\n{help}"
        );
    }
}
