use super::*;

/// A chain of five entries.
fn chain() -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for n in 1..=5 {
        let last = entries
            .last()
            .map_or((0, GENESIS.to_string()), |e| (e.seq, e.hash.clone()));
        entries.push(Entry::after(
            (last.0, &last.1),
            &format!("2026-03-0{n}T09:00:00+08:00"),
            "draw",
            &format!("（2026）湘1402民初{n}号"),
            &format!("J{n}"),
        ));
    }
    entries
}

#[test]
fn an_untouched_chain_verifies_against_its_head() {
    let entries = chain();
    let head = entries.last().map(|e| e.hash.clone());
    assert_eq!(verify(&entries, head.as_deref()), Ok(()));
    assert_eq!(verify(&[], None), Ok(()));
    assert_eq!(entries[0].prev, GENESIS);
    assert_eq!(entries[1].prev, entries[0].hash);
    // The hash is SHA-256 of the length-prefixed fields: fixed for fixed fields.
    assert_eq!(hash_of(GENESIS, 1, "a", "b", "c", "d").len(), 64);
    assert_ne!(
        hash_of(GENESIS, 1, "ab", "", "c", "d"),
        hash_of(GENESIS, 1, "a", "b", "c", "d"),
        "fields cannot slide into each other"
    );
}

#[test]
fn an_altered_removed_or_inserted_entry_is_named() {
    // Altered: the third entry's judge changed.
    let mut altered = chain();
    altered[2].detail = "J9".into();
    assert_eq!(verify(&altered, None), Err(Break::Altered { seq: 3 }));
    // Removed: the second entry deleted.
    let mut removed = chain();
    removed.remove(1);
    assert_eq!(
        verify(&removed, None),
        Err(Break::Removed { from: 2, to: 2 })
    );
    // Inserted: a sealed entry written in after the second, the rest renumbered but not
    // rechained.
    let mut inserted = chain();
    let forged = Entry::after(
        (2, &inserted[1].hash),
        "2026-03-02T10:00:00+08:00",
        "draw",
        "x",
        "J1",
    );
    inserted.insert(2, forged);
    for e in inserted.iter_mut().skip(3) {
        e.seq += 1;
        e.hash = hash_of(&e.prev, e.seq, &e.at, &e.kind, &e.case_no, &e.detail);
    }
    assert_eq!(verify(&inserted, None), Err(Break::Inserted { seq: 3 }));
    // The same, the later entries only renumbered (as an edit of the table would): the first of
    // them still seals under its old number, so the entry before it is the one written in.
    let mut shifted = chain();
    let forged = Entry::after(
        (2, &shifted[1].hash),
        "2026-03-02T10:00:00+08:00",
        "draw",
        "x",
        "J1",
    );
    shifted.insert(2, forged);
    for e in shifted.iter_mut().skip(3) {
        e.seq += 1;
    }
    assert_eq!(verify(&shifted, None), Err(Break::Inserted { seq: 3 }));
    // And an entry taken out with the later ones renumbered down.
    let mut closed_up = chain();
    closed_up.remove(1);
    for e in closed_up.iter_mut().skip(1) {
        e.seq -= 1;
    }
    assert_eq!(
        verify(&closed_up, None),
        Err(Break::Removed { from: 2, to: 2 })
    );
    // The last entry removed leaves a valid chain; the head recorded elsewhere tells.
    let mut short = chain();
    let head = short.last().map(|e| e.hash.clone()).expect("a head");
    short.pop();
    assert_eq!(verify(&short, None), Ok(()));
    assert!(matches!(
        verify(&short, Some(&head)),
        Err(Break::Head { .. })
    ));
}

#[test]
fn the_log_says_each_case_s_latest_track_and_judge() {
    let mut log: Vec<Entry> = Vec::new();
    let mut add = |kind: &str, case_no: &str, detail: &str| {
        let last = log
            .last()
            .map_or((0, GENESIS.to_string()), |e| (e.seq, e.hash.clone()));
        log.push(Entry::after(
            (last.0, &last.1),
            "2026-03-01T09:00:00+08:00",
            kind,
            case_no,
            detail,
        ));
    };
    add("track", "A", "version=1;rule=r;track=simple;pool=p");
    add("draw", "A", "seed=7;judge=J1;among=J1,J2;excluded=");
    add("change", "A", "from=J1;to=J2;reason=x;approver=y");
    add("track", "B", "version=1;rule=r;track=ordinary;pool=p");
    add("draw", "B", "seed=8;judge=-;among=;excluded=");
    add("track", "C", "version=1;rule=r;track=speedy;pool=q");
    add("designate", "C", "judge=K1;reason=x;approver=y");
    let said = as_logged(&log);
    assert_eq!(
        said["A"],
        Logged {
            track: Some("simple".into()),
            pool: Some("p".into()),
            judge: Some(Some("J2".into())),
            how: Some("change".into()),
            designated: false,
        }
    );
    assert_eq!(said["B"].judge, Some(None), "no judge could be drawn");
    assert_eq!(said["C"].judge, Some(Some("K1".into())));
    assert_eq!(said["C"].track.as_deref(), Some("speedy"));
    assert!(said["C"].designated && !said["B"].designated);
}
