//! Parties and 执行款 from the command line: identity numbers are read, keyed and masked, and
//! never reach the store or an export; the same person (a bank in a series of loan cases) has
//! the same key in every case and after a round trip through an export; a bad number fails its
//! row without being repeated in full; payments are added once.

use crate::support::{Workdir, path, succeed};

const CASES: &str = "\
案号,立案日期,案由
（2026）湘1402民初1号,2026-03-02,金融借款合同纠纷
（2026）湘1402民初2号,2026-03-03,金融借款合同纠纷
（2026）湘1402执3号,2026-03-04,
";

/// A bank in two cases (its unified social credit code), two borrowers (resident numbers with
/// valid check characters).
const PARTIES: &str = "\
案号,诉讼地位,当事人类型,当事人,证件号码,代理人,送达地址
（2026）湘1402民初1号,原告,法人,清河农村商业银行,91431400MA4L2B3C4D,李律师,
（2026）湘1402民初1号,被告,自然人,张三,11010519491231002X,,清河区河西路1号
（2026）湘1402民初2号,原告,法人,清河农村商业银行,91431400MA4L2B3C4D,李律师,
（2026）湘1402民初2号,被告,自然人,李四,110105194912310038,,
";

const PAYMENTS: &str = "\
案号,日期,收付,金额,备注
（2026）湘1402执3号,2026-04-01,收款,1000.00,扣划存款
（2026）湘1402执3号,2026-04-20,发放,1000.00,
";

#[test]
fn identity_numbers_become_keys_and_masks_and_never_reach_the_store() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        let files = [
            dir.write("cases.csv", CASES),
            dir.write("parties.csv", PARTIES),
            dir.write("payments.csv", PAYMENTS),
        ];
        // The network's secret, named as a PostgreSQL store needs it.
        let key_file = dir.file("identity.key");
        let said = succeed(
            dir.command(&["import", path(&files[0]), path(&files[1]), path(&files[2])])
                .env("SHENGUAN_IDENTITY_KEY_FILE", &key_file),
        );
        assert!(
            said.contains("当事人4名") && said.contains("执行款2笔"),
            "{backend}: {said}"
        );
        // The secret was made, readable by its owner only.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key_file)
                .expect("key file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{backend}");
        }

        // The export: masked numbers and keys, the bank's key the same in both cases.
        succeed(
            dir.command(&["export", "--format", "csv", "--out", "out"])
                .env("SHENGUAN_IDENTITY_KEY_FILE", &key_file),
        );
        let parties =
            std::fs::read_to_string(dir.file("out").join("parties.csv")).expect("parties");
        assert!(
            parties
                .starts_with("case_no,role,party_kind,name,identity_key,id_masked,agent,address\n"),
            "{parties}"
        );
        assert!(
            !parties.contains("19491231") && !parties.contains("MA4L2B3C"),
            "{parties}"
        );
        assert!(parties.contains(",1101**********002X,"), "{parties}");
        let bank_keys: Vec<&str> = parties
            .lines()
            .filter(|l| l.contains("清河农村商业银行"))
            .map(|l| l.split(',').nth(4).expect("key"))
            .collect();
        assert_eq!(bank_keys.len(), 2, "{parties}");
        assert_eq!(bank_keys[0], bank_keys[1], "the same bank, the same key");
        assert_eq!(bank_keys[0].len(), 32);
        let payments =
            std::fs::read_to_string(dir.file("out").join("payments.csv")).expect("payments");
        assert!(
            payments.contains("（2026）湘1402执3号,2026-04-01,收款,1000.00,扣划存款"),
            "{payments}"
        );

        // Nowhere in a SQLite store's file is a number to be found.
        if backend == "sqlite" {
            let bytes = std::fs::read(&dir.db).expect("store file");
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("11010519491231002X") && !text.contains("91431400MA4L2B3C4D"));
        }

        // The export imports back: the keys are taken as they are, the payments not added twice.
        let said = succeed(
            dir.command(&[
                "import",
                path(&dir.file("out").join("parties.csv")),
                path(&dir.file("out").join("payments.csv")),
            ])
            .env("SHENGUAN_IDENTITY_KEY_FILE", &key_file),
        );
        assert!(
            said.contains("当事人4名") && !said.contains("执行款"),
            "{backend}: {said}"
        );
        dir.ok(&["export", "--format", "csv", "--out", "again"]);
        assert_eq!(
            std::fs::read_to_string(dir.file("again").join("parties.csv")).expect("parties"),
            parties,
            "{backend}: nothing changed in the round trip"
        );
    }
}

#[test]
fn a_bad_identity_number_fails_its_row_without_being_repeated() {
    let dir = Workdir::sqlite();
    let cases = dir.write("cases.csv", CASES);
    let bad = dir.write(
        "parties.csv",
        "案号,诉讼地位,当事人,证件号码\n\
         （2026）湘1402民初1号,被告,王五,110105194912310021\n\
         （2026）湘1402民初1号,证人,赵六,\n\
         （2026）湘1402民初9号,被告,钱七,\n",
    );
    let stderr = dir.fails(&["import", path(&cases), path(&bad)], 1);
    assert!(
        stderr.contains("parties.csv 第2行 列“证件号码” 值“1101…”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("校验位") && !stderr.contains("110105194912310021"),
        "{stderr}"
    );
    assert!(
        stderr.contains("未知诉讼地位“证人”") && stderr.contains("申请执行人"),
        "{stderr}"
    );
    assert!(
        stderr.contains("第4行") && stderr.contains("当事人所属案件既不在本次导入中"),
        "{stderr}"
    );
    // All or nothing: the cases of the same import were not written either.
    dir.ok(&["export", "--format", "csv", "--out", "out"]);
    let exported = std::fs::read_to_string(dir.file("out").join("cases.csv")).expect("cases");
    assert_eq!(exported.lines().count(), 1, "{exported}");
}
