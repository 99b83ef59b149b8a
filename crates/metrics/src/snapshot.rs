//! The case columns at rest: one file written when the data changes and read in one go, so that
//! computing indicators never waits on a row-by-row query. The layout is this program's own:
//! a header (`SHENGUAN-CASES`, a format version, the row count), the courts and the interned
//! names as length-prefixed UTF-8, then each column as little-endian values, in a fixed order.
//! A file of another version, a short file or a bad name is refused with the reason.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::Path;

use shenguan_domain::{CourtCode, Text, text};

use crate::cases::{Cases, Names};
use crate::petitions::{AidRow, Matter, PetitionColumns, Row};

const MAGIC: &[u8; 14] = b"SHENGUAN-CASES";
/// 2: case numbers moved to the end of the file (read only for explain).
/// 3: the extension column counts approved extensions instead of summing their days.
/// 4: a flag for cases whose appeal court is outside the data.
/// 5: the tag (the store's data version the columns were made from) after the row count.
/// 6: the judges' names beside their keys (staff numbers).
/// 7: each 终本 case's standing on the checklist (one byte per case).
/// 8: the petition register after the case numbers.
/// 9: the petitions' register numbers (for explaining a petition figure) and the applications
///    for judicial assistance.
/// 10: the reviewed cases (案件评查) after the petitions.
/// 11: the service tasks and mailed items (送达) after the reviews.
const VERSION: u32 = 11;

/// A snapshot that could not be read or written.
#[derive(Debug)]
pub enum SnapshotError {
    Io(io::Error),
    /// The file is not a snapshot of this version, or is damaged.
    Format(Text),
}

impl SnapshotError {
    /// What went wrong, in both languages (the system's own message as it wrote it).
    pub fn text(&self) -> Text {
        match self {
            SnapshotError::Io(e) => Text::same(e.to_string()),
            SnapshotError::Format(reason) => {
                let (zh, en) = (reason.zh(), reason.en());
                text!(
                    "不是可读的案件快照：{zh}",
                    "not a readable case snapshot: {en}"
                )
            }
        }
    }
}

/// In Chinese, the default language; [`SnapshotError::text`] has both.
impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for SnapshotError {}

impl From<io::Error> for SnapshotError {
    fn from(e: io::Error) -> Self {
        SnapshotError::Io(e)
    }
}

/// Writes `cases` to `path` (through a temporary file renamed into place, so a reader never sees
/// half a snapshot).
pub fn write(cases: &Cases, path: &Path) -> Result<(), SnapshotError> {
    write_tagged(cases, path, 0)
}

/// The same, with a tag the reader can check before reading the columns ([`tag_of`]): the
/// store's data version they were made from.
pub fn write_tagged(cases: &Cases, path: &Path, tag: u64) -> Result<(), SnapshotError> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    {
        let mut out = BufWriter::with_capacity(1 << 20, create_private(&partial)?);
        out.write_all(MAGIC)?;
        out.write_all(&VERSION.to_le_bytes())?;
        out.write_all(&(cases.len() as u64).to_le_bytes())?;
        out.write_all(&tag.to_le_bytes())?;
        let courts: Vec<String> = cases.courts().iter().map(ToString::to_string).collect();
        strings(&mut out, &courts)?;
        strings(&mut out, cases.divisions.all())?;
        strings(&mut out, cases.judges.all())?;
        strings(&mut out, &cases.judge_names)?;
        column(&mut out, &cases.court, u16::to_le_bytes)?;
        column(&mut out, &cases.type_id, u16::to_le_bytes)?;
        bytes(&mut out, &cases.category)?;
        bytes(&mut out, &cases.stage)?;
        bytes(&mut out, &cases.procedure)?;
        column(&mut out, &cases.division, u32::to_le_bytes)?;
        column(&mut out, &cases.judge, u32::to_le_bytes)?;
        column(&mut out, &cases.filed, i32::to_le_bytes)?;
        column(&mut out, &cases.closed, i32::to_le_bytes)?;
        column(&mut out, &cases.deadline, i32::to_le_bytes)?;
        bytes(&mut out, &cases.outcome)?;
        column(&mut out, &cases.claim, i64::to_le_bytes)?;
        column(&mut out, &cases.recovered, i64::to_le_bytes)?;
        column(&mut out, &cases.extension, u32::to_le_bytes)?;
        column(&mut out, &cases.excluded, u32::to_le_bytes)?;
        bytes(&mut out, &cases.flags)?;
        column(&mut out, &cases.appeal_closed, i32::to_le_bytes)?;
        bytes(&mut out, &cases.appeal_outcome)?;
        column(&mut out, &cases.chain, u32::to_le_bytes)?;
        column(&mut out, &cases.appealed_on, i32::to_le_bytes)?;
        column(&mut out, &cases.sent_up_on, i32::to_le_bytes)?;
        bytes(&mut out, &cases.zhongben)?;
        // Case numbers last: only explain needs them, and a reader counting skips them.
        column(&mut out, &cases.number_ends, u32::to_le_bytes)?;
        bytes(&mut out, cases.numbers.as_bytes())?;
        write_petitions(&mut out, &cases.petitions)?;
        write_reviews(&mut out, &cases.reviews)?;
        write_service(&mut out, &cases.service)?;
        out.flush()?;
    }
    std::fs::rename(&partial, path)?;
    Ok(())
}

/// Creates (or truncates) a file only its owner may read: the columns hold court data (case
/// numbers, judges), and may sit in a shared cache folder.
fn create_private(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// The tag of a snapshot (see [`write_tagged`]), read from its header alone; an error when the
/// file is not a snapshot of this version.
pub fn tag_of(path: &Path) -> Result<u64, SnapshotError> {
    let mut header = [0u8; 14 + 4 + 8 + 8];
    let mut file = File::open(path)?;
    io::Read::read_exact(&mut file, &mut header)
        .map_err(|_| SnapshotError::Format(text!("文件过短", "file too short")))?;
    if &header[..14] != MAGIC {
        return Err(SnapshotError::Format(text!("文件头不符", "wrong header")));
    }
    let version = u32::from_le_bytes([header[14], header[15], header[16], header[17]]);
    if version != VERSION {
        return Err(SnapshotError::Format(text!(
            "版本 {version}，本程序读取版本 {VERSION}",
            "version {version}, this program reads version {VERSION}"
        )));
    }
    let mut tag = [0u8; 8];
    tag.copy_from_slice(&header[26..34]);
    Ok(u64::from_le_bytes(tag))
}

/// Reads a snapshot written by [`write`], column by column (the file is never held whole).
pub fn read(path: &Path) -> Result<Cases, SnapshotError> {
    read_columns(path, true)
}

/// Reads a snapshot without its case numbers: enough to compute indicators (not to explain
/// them), a third less to read.
pub fn read_for_counting(path: &Path) -> Result<Cases, SnapshotError> {
    read_columns(path, false)
}

fn read_columns(path: &Path, with_numbers: bool) -> Result<Cases, SnapshotError> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    let mut r = Reader {
        input: BufReader::with_capacity(1 << 20, file),
        left: size,
    };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(SnapshotError::Format(text!("文件头不符", "wrong header")));
    }
    let version = u32::from_le_bytes(r.array()?);
    if version != VERSION {
        return Err(SnapshotError::Format(text!(
            "版本 {version}，本程序读取版本 {VERSION}",
            "version {version}, this program reads version {VERSION}"
        )));
    }
    let n = u64::from_le_bytes(r.array()?) as usize;
    let _tag = u64::from_le_bytes(r.array()?);
    let courts = r
        .strings()?
        .iter()
        .map(|c| {
            CourtCode::parse(c).map_err(|e| {
                let why = e.text();
                let (zh, en) = (why.zh(), why.en());
                SnapshotError::Format(text!("法院代字 {c}: {zh}", "court code {c}: {en}"))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let divisions = Names::from_list(r.strings()?);
    let judges = Names::from_list(r.strings()?);
    let judge_names = r.strings()?;
    // The columns from `recovered` on are read by a second thread from their own offset, while
    // this one reads those before: loading is the larger part of a cold run.
    let widths_before: [usize; 12] = [2, 2, 1, 1, 1, 4, 4, 4, 4, 4, 1, 8];
    let widths_after: [usize; 10] = [8, 4, 4, 1, 4, 1, 4, 4, 4, 1];
    let span = |widths: &[usize]| -> Result<u64, SnapshotError> {
        widths.iter().try_fold(0u64, |sum, w| {
            (n as u64)
                .checked_mul(*w as u64)
                .and_then(|bytes| sum.checked_add(bytes + 8))
                .ok_or_else(wrong_length)
        })
    };
    let second_at = size - r.left + span(&widths_before)?;
    let second_len = span(&widths_after)?;
    if second_at
        .checked_add(second_len)
        .is_none_or(|end| end > size)
    {
        return Err(cut_short());
    }
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(move || -> Result<Later, SnapshotError> {
            let mut file = File::open(path)?;
            file.seek(io::SeekFrom::Start(second_at))?;
            let mut r = Reader {
                input: BufReader::with_capacity(1 << 20, file),
                left: second_len,
            };
            Ok(Later {
                recovered: r.column(n, i64::from_le_bytes)?,
                extension: r.column(n, u32::from_le_bytes)?,
                excluded: r.column(n, u32::from_le_bytes)?,
                flags: r.byte_column(n)?,
                appeal_closed: r.column(n, i32::from_le_bytes)?,
                appeal_outcome: r.byte_column(n)?,
                chain: r.column(n, u32::from_le_bytes)?,
                appealed_on: r.column(n, i32::from_le_bytes)?,
                sent_up_on: r.column(n, i32::from_le_bytes)?,
                zhongben: r.byte_column(n)?,
            })
        });
        let first = (|| -> Result<_, SnapshotError> {
            Ok((
                r.column(n, u16::from_le_bytes)?,
                r.column(n, u16::from_le_bytes)?,
                r.byte_column(n)?,
                r.byte_column(n)?,
                r.byte_column(n)?,
                r.column(n, u32::from_le_bytes)?,
                r.column(n, u32::from_le_bytes)?,
                r.column(n, i32::from_le_bytes)?,
                r.column(n, i32::from_le_bytes)?,
                r.column(n, i32::from_le_bytes)?,
                r.byte_column(n)?,
                r.column(n, i64::from_le_bytes)?,
            ))
        })();
        let second = second.join().unwrap_or_else(|_| {
            Err(SnapshotError::Format(text!(
                "读取线程失败",
                "a thread reading the file failed"
            )))
        });
        (first, second)
    });
    let (
        court,
        type_id,
        category,
        stage,
        procedure,
        division,
        judge,
        filed,
        closed,
        deadline,
        outcome,
        claim,
    ) = first?;
    let later = second?;
    r.skip(second_len as usize)?;
    let mut cases = Cases {
        court,
        type_id,
        category,
        stage,
        procedure,
        division,
        judge,
        filed,
        closed,
        deadline,
        outcome,
        claim,
        recovered: later.recovered,
        extension: later.extension,
        excluded: later.excluded,
        flags: later.flags,
        appeal_closed: later.appeal_closed,
        appeal_outcome: later.appeal_outcome,
        chain: later.chain,
        appealed_on: later.appealed_on,
        sent_up_on: later.sent_up_on,
        zhongben: later.zhongben,
        number_ends: Vec::new(),
        numbers: String::new(),
        petitions: PetitionColumns::default(),
        reviews: crate::reviews::Reviews::default(),
        service: crate::service::Service::default(),
        courts,
        divisions,
        judges,
        judge_names,
    };
    if with_numbers {
        cases.number_ends = r.column(n, u32::from_le_bytes)?;
        cases.numbers = String::from_utf8(r.bytes()?).map_err(|_| {
            SnapshotError::Format(text!("案号不是 UTF-8", "case numbers are not UTF-8"))
        })?;
    } else {
        r.skip_column(n, 4)?;
        let text = r.length()?;
        r.skip(text)?;
    }
    cases.petitions = read_petitions(&mut r)?;
    cases.reviews = read_reviews(&mut r)?;
    cases.service = read_service(&mut r)?;
    if r.left != 0 {
        return Err(SnapshotError::Format(text!(
            "文件尾部有多余数据",
            "trailing bytes"
        )));
    }
    cases.check().map_err(SnapshotError::Format)?;
    Ok(cases)
}

/// The columns the second reading thread brings back.
struct Later {
    recovered: Vec<i64>,
    extension: Vec<u32>,
    excluded: Vec<u32>,
    flags: Vec<u8>,
    appeal_closed: Vec<i32>,
    appeal_outcome: Vec<u8>,
    chain: Vec<u32>,
    appealed_on: Vec<i32>,
    sent_up_on: Vec<i32>,
    zhongben: Vec<u8>,
}

/// The reviewed cases, after the petitions: their rows, decision days, days taken and findings.
fn write_reviews(out: &mut impl Write, reviews: &crate::reviews::Reviews) -> io::Result<()> {
    column(out, &reviews.rows, u32::to_le_bytes)?;
    column(out, &reviews.decided, i32::to_le_bytes)?;
    column(out, &reviews.days, u32::to_le_bytes)?;
    bytes(out, &reviews.bits)
}

/// The reviewed cases as [`write_reviews`] wrote them (checked with the cases after reading).
fn read_reviews(r: &mut Reader) -> Result<crate::reviews::Reviews, SnapshotError> {
    let n = r.length()?;
    if n as u64 > r.left {
        return Err(cut_short());
    }
    let mut rows = Vec::with_capacity(n);
    for _ in 0..n {
        rows.push(u32::from_le_bytes(r.array()?));
    }
    Ok(crate::reviews::Reviews {
        rows,
        decided: r.column(n, i32::from_le_bytes)?,
        days: r.column(n, u32::from_le_bytes)?,
        bits: r.byte_column(n)?,
    })
}

/// The service of the cases, after the reviews: the tasks' rows, days made, served, set aside
/// and announced, and bits; then the mailed items' rows, days mailed and delivered, and results.
fn write_service(out: &mut impl Write, service: &crate::service::Service) -> io::Result<()> {
    column(out, &service.task_rows, u32::to_le_bytes)?;
    column(out, &service.created, i32::to_le_bytes)?;
    column(out, &service.served, i32::to_le_bytes)?;
    column(out, &service.set_aside, i32::to_le_bytes)?;
    column(out, &service.notice, i32::to_le_bytes)?;
    bytes(out, &service.task_bits)?;
    column(out, &service.post_rows, u32::to_le_bytes)?;
    column(out, &service.mailed, i32::to_le_bytes)?;
    column(out, &service.delivered, i32::to_le_bytes)?;
    bytes(out, &service.result)
}

/// The service as [`write_service`] wrote it (checked with the cases after reading).
fn read_service(r: &mut Reader) -> Result<crate::service::Service, SnapshotError> {
    let rows = |r: &mut Reader| -> Result<Vec<u32>, SnapshotError> {
        let n = r.length()?;
        if (n as u64).saturating_mul(4) > r.left {
            return Err(cut_short());
        }
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            rows.push(u32::from_le_bytes(r.array()?));
        }
        Ok(rows)
    };
    let task_rows = rows(r)?;
    let n = task_rows.len();
    let created = r.column(n, i32::from_le_bytes)?;
    let served = r.column(n, i32::from_le_bytes)?;
    let set_aside = r.column(n, i32::from_le_bytes)?;
    let notice = r.column(n, i32::from_le_bytes)?;
    let task_bits = r.byte_column(n)?;
    let post_rows = rows(r)?;
    let m = post_rows.len();
    Ok(crate::service::Service {
        task_rows,
        created,
        served,
        set_aside,
        notice,
        task_bits,
        post_rows,
        mailed: r.column(m, i32::from_le_bytes)?,
        delivered: r.column(m, i32::from_le_bytes)?,
        result: r.byte_column(m)?,
    })
}

/// The petition register, after the case numbers: its names, then one column per field of its
/// petitions and of its matters.
fn write_petitions(out: &mut impl Write, p: &PetitionColumns) -> io::Result<()> {
    strings(out, &p.courts)?;
    strings(out, &p.divisions)?;
    out.write_all(&(p.rows.len() as u64).to_le_bytes())?;
    out.write_all(&(p.matters.len() as u64).to_le_bytes())?;
    let rows = &p.rows;
    column(
        out,
        &rows.iter().map(|r| r.court).collect::<Vec<_>>(),
        u32::to_le_bytes,
    )?;
    column(
        out,
        &rows.iter().map(|r| r.division).collect::<Vec<_>>(),
        u32::to_le_bytes,
    )?;
    column(
        out,
        &rows.iter().map(|r| r.received).collect::<Vec<_>>(),
        i32::to_le_bytes,
    )?;
    column(
        out,
        &rows.iter().map(|r| r.head_count).collect::<Vec<_>>(),
        u32::to_le_bytes,
    )?;
    column(
        out,
        &rows.iter().map(|r| r.flags).collect::<Vec<_>>(),
        u16::to_le_bytes,
    )?;
    column(
        out,
        &rows.iter().map(|r| r.concluded).collect::<Vec<_>>(),
        i32::to_le_bytes,
    )?;
    column(
        out,
        &rows.iter().map(|r| r.matter).collect::<Vec<_>>(),
        u32::to_le_bytes,
    )?;
    strings(out, &p.register_nos)?;
    let m = &p.matters;
    column(
        out,
        &m.iter().map(|x| x.court).collect::<Vec<_>>(),
        u32::to_le_bytes,
    )?;
    column(
        out,
        &m.iter().map(|x| x.division).collect::<Vec<_>>(),
        u32::to_le_bytes,
    )?;
    for field in [
        |x: &Matter| x.first,
        |x: &Matter| x.second,
        |x: &Matter| x.count_from,
        |x: &Matter| x.age_from,
        |x: &Matter| x.answered,
        |x: &Matter| x.closed,
        |x: &Matter| x.resolved,
        |x: &Matter| x.ended,
    ] {
        column(
            out,
            &m.iter().map(field).collect::<Vec<_>>(),
            i32::to_le_bytes,
        )?;
    }
    let a = &p.aid;
    out.write_all(&(a.len() as u64).to_le_bytes())?;
    column(
        out,
        &a.iter().map(|x| x.court).collect::<Vec<_>>(),
        u32::to_le_bytes,
    )?;
    for field in [
        |x: &AidRow| x.applied,
        |x: &AidRow| x.decided,
        |x: &AidRow| x.paid,
        |x: &AidRow| x.next_petition,
    ] {
        column(
            out,
            &a.iter().map(field).collect::<Vec<_>>(),
            i32::to_le_bytes,
        )?;
    }
    column(
        out,
        &a.iter().map(|x| x.amount).collect::<Vec<_>>(),
        i64::to_le_bytes,
    )?;
    column(
        out,
        &a.iter()
            .map(|x| u8::from(x.granted) | (u8::from(x.keyed) << 1))
            .collect::<Vec<_>>(),
        u8::to_le_bytes,
    )?;
    Ok(())
}

/// The petition register as [`write_petitions`] wrote it, every index checked against its list.
fn read_petitions(r: &mut Reader) -> Result<PetitionColumns, SnapshotError> {
    let courts = r.strings()?;
    let divisions = r.strings()?;
    let rows = r.length()?;
    let matters = r.length()?;
    let court = r.column(rows, u32::from_le_bytes)?;
    let division = r.column(rows, u32::from_le_bytes)?;
    let received = r.column(rows, i32::from_le_bytes)?;
    let head_count = r.column(rows, u32::from_le_bytes)?;
    let flags = r.column(rows, u16::from_le_bytes)?;
    let concluded = r.column(rows, i32::from_le_bytes)?;
    let matter = r.column(rows, u32::from_le_bytes)?;
    let register_nos = r.strings()?;
    if register_nos.len() != rows {
        return Err(SnapshotError::Format(text!(
            "信访登记号的个数与信访件数不符",
            "the petitions' register numbers do not match their count"
        )));
    }
    let m_court = r.column(matters, u32::from_le_bytes)?;
    let m_division = r.column(matters, u32::from_le_bytes)?;
    let mut days = Vec::with_capacity(8);
    for _ in 0..8 {
        days.push(r.column(matters, i32::from_le_bytes)?);
    }
    let out_of_range = || {
        SnapshotError::Format(text!(
            "信访列存的编号越界",
            "a petition column's index is out of range"
        ))
    };
    let court_ok = |c: u32| (c as usize) < courts.len();
    let division_ok = |d: u32| d == 0 || (d as usize) <= divisions.len();
    let rows = (0..rows)
        .map(|i| {
            let row = Row {
                court: court[i],
                division: division[i],
                received: received[i],
                head_count: head_count[i],
                flags: flags[i],
                concluded: concluded[i],
                matter: matter[i],
            };
            (court_ok(row.court) && division_ok(row.division) && (row.matter as usize) < matters)
                .then_some(row)
                .ok_or_else(out_of_range)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let matters = (0..matters)
        .map(|i| {
            let matter = Matter {
                court: m_court[i],
                division: m_division[i],
                first: days[0][i],
                second: days[1][i],
                count_from: days[2][i],
                age_from: days[3][i],
                answered: days[4][i],
                closed: days[5][i],
                resolved: days[6][i],
                ended: days[7][i],
            };
            (court_ok(matter.court) && division_ok(matter.division))
                .then_some(matter)
                .ok_or_else(out_of_range)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let aids = r.length()?;
    let a_court = r.column(aids, u32::from_le_bytes)?;
    let mut a_days = Vec::with_capacity(4);
    for _ in 0..4 {
        a_days.push(r.column(aids, i32::from_le_bytes)?);
    }
    let a_amount = r.column(aids, i64::from_le_bytes)?;
    let a_flags = r.column(aids, u8::from_le_bytes)?;
    let aid = (0..aids)
        .map(|i| {
            let row = AidRow {
                court: a_court[i],
                applied: a_days[0][i],
                decided: a_days[1][i],
                paid: a_days[2][i],
                next_petition: a_days[3][i],
                amount: a_amount[i],
                granted: a_flags[i] & 1 != 0,
                keyed: a_flags[i] & 2 != 0,
            };
            court_ok(row.court).then_some(row).ok_or_else(out_of_range)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PetitionColumns {
        courts,
        divisions,
        rows,
        register_nos,
        matters,
        aid,
    })
}

fn bytes(out: &mut impl Write, data: &[u8]) -> io::Result<()> {
    out.write_all(&(data.len() as u64).to_le_bytes())?;
    out.write_all(data)
}

fn strings(out: &mut impl Write, list: &[String]) -> io::Result<()> {
    out.write_all(&(list.len() as u64).to_le_bytes())?;
    for item in list {
        bytes(out, item.as_bytes())?;
    }
    Ok(())
}

fn column<T: Copy, const N: usize>(
    out: &mut impl Write,
    values: &[T],
    encode: fn(T) -> [u8; N],
) -> io::Result<()> {
    out.write_all(&(values.len() as u64).to_le_bytes())?;
    let mut buffer = Vec::with_capacity(values.len().min(1 << 16) * N);
    for chunk in values.chunks(1 << 16) {
        buffer.clear();
        for value in chunk {
            buffer.extend_from_slice(&encode(*value));
        }
        out.write_all(&buffer)?;
    }
    Ok(())
}

struct Reader {
    input: BufReader<File>,
    /// Bytes of the file not yet read: a length field larger than this is damage, refused
    /// before anything is allocated for it.
    left: u64,
}

fn cut_short() -> SnapshotError {
    SnapshotError::Format(text!("文件不完整", "the file is cut short"))
}

fn wrong_length() -> SnapshotError {
    SnapshotError::Format(text!("列长度不符", "a column has the wrong length"))
}

impl Reader {
    fn take(&mut self, n: usize) -> Result<Vec<u8>, SnapshotError> {
        if n as u64 > self.left {
            return Err(cut_short());
        }
        let mut buffer = vec![0; n];
        self.fill(&mut buffer)?;
        Ok(buffer)
    }

    /// Moves past `n` bytes without reading them.
    fn skip(&mut self, n: usize) -> Result<(), SnapshotError> {
        if n as u64 > self.left {
            return Err(cut_short());
        }
        self.input.seek_relative(n as i64)?;
        self.left -= n as u64;
        Ok(())
    }

    fn skip_column(&mut self, n: usize, width: usize) -> Result<(), SnapshotError> {
        if self.length()? != n {
            return Err(wrong_length());
        }
        self.skip(n.checked_mul(width).ok_or_else(wrong_length)?)
    }

    fn fill(&mut self, buffer: &mut [u8]) -> Result<(), SnapshotError> {
        if buffer.len() as u64 > self.left {
            return Err(cut_short());
        }
        self.input.read_exact(buffer).map_err(|e| match e.kind() {
            io::ErrorKind::UnexpectedEof => cut_short(),
            _ => SnapshotError::Io(e),
        })?;
        self.left -= buffer.len() as u64;
        Ok(())
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], SnapshotError> {
        let mut array = [0; N];
        array.copy_from_slice(&self.take(N)?);
        Ok(array)
    }

    fn length(&mut self) -> Result<usize, SnapshotError> {
        Ok(u64::from_le_bytes(self.array()?) as usize)
    }

    fn bytes(&mut self) -> Result<Vec<u8>, SnapshotError> {
        let n = self.length()?;
        self.take(n)
    }

    fn strings(&mut self) -> Result<Vec<String>, SnapshotError> {
        let n = self.length()?;
        if n as u64 > self.left {
            return Err(cut_short());
        }
        (0..n)
            .map(|_| {
                String::from_utf8(self.bytes()?).map_err(|_| {
                    SnapshotError::Format(text!("名称不是 UTF-8", "a name is not UTF-8"))
                })
            })
            .collect()
    }

    fn byte_column(&mut self, n: usize) -> Result<Vec<u8>, SnapshotError> {
        let data = self.bytes()?;
        if data.len() != n {
            return Err(wrong_length());
        }
        Ok(data)
    }

    /// A column of `n` fixed-width values, decoded a block at a time.
    fn column<T, const N: usize>(
        &mut self,
        n: usize,
        decode: fn([u8; N]) -> T,
    ) -> Result<Vec<T>, SnapshotError> {
        if self.length()? != n {
            return Err(wrong_length());
        }
        let total = n.checked_mul(N).ok_or_else(wrong_length)?;
        if total as u64 > self.left {
            return Err(cut_short());
        }
        let mut values = Vec::with_capacity(n);
        let mut remaining = total;
        let mut block = vec![0u8; total.min(N << 16)];
        while remaining > 0 {
            let size = remaining.min(block.len());
            self.fill(&mut block[..size])?;
            remaining -= size;
            values.extend(block[..size].chunks_exact(N).map(|chunk| {
                let mut array = [0; N];
                array.copy_from_slice(chunk);
                decode(array)
            }));
        }
        Ok(values)
    }
}
