//! 表格: every table of the pages, drawn one way — sorted by any column (a heading's link; the
//! same heading again reverses it), paged where it can be long, a 合计 row at its foot, and an
//! "导出 Excel" link that downloads the same rows (every page, in the order shown) as an XLSX
//! workbook. A page's tables are told apart by a short key, which prefixes their parameters
//! (`sort`, `desc`, `page`) when a page has more than one.

use std::cmp::Ordering;

use maud::{Markup, html};
use shenguan_app::report::document::{Cell as Value, NumberFormat};

use super::Ctx;

/// The page sizes a reader may choose (`per_page`) for a paged table.
const PER_PAGE: [usize; 4] = [20, 50, 100, 200];

/// One cell: its value (a number stays a number in the workbook), the text the page shows, and
/// optionally a link and a style class.
#[derive(Clone, Debug)]
pub(crate) struct Cell {
    value: Value,
    shown: String,
    href: Option<String>,
    class: Option<&'static str>,
    /// Buttons the page shows in the cell (an account's actions); a column of them is left out
    /// of the workbook and cannot be sorted by.
    controls: Option<Markup>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            value: Value::text(text.clone()),
            shown: text,
            href: None,
            class: None,
            controls: None,
        }
    }

    /// A whole number (cases, days).
    pub fn count(n: i64) -> Cell {
        Cell {
            value: Value::number(n as f64, NumberFormat::Integer),
            shown: n.to_string(),
            href: None,
            class: None,
            controls: None,
        }
    }

    /// A figure as the page shows it (`shown`), kept as a number in `format` for the workbook;
    /// no value is a dash on the page and an empty cell in the workbook.
    pub fn figure(value: Option<f64>, format: NumberFormat, shown: String) -> Cell {
        Cell {
            value: value.map_or(Value::Empty, |v| Value::number(v, format)),
            shown,
            href: None,
            class: None,
            controls: None,
        }
    }

    /// A missing value: a dash.
    pub fn none() -> Cell {
        Cell {
            value: Value::Empty,
            shown: "—".into(),
            href: None,
            class: None,
            controls: None,
        }
    }

    /// Buttons in place of a value (a row's actions).
    pub fn controls(controls: Markup) -> Cell {
        Cell {
            controls: Some(controls),
            ..Cell::text("")
        }
    }

    pub fn link(mut self, href: impl Into<String>) -> Cell {
        self.href = Some(href.into());
        self
    }

    pub fn class(mut self, class: &'static str) -> Cell {
        self.class = Some(class);
        self
    }

    /// How two cells of a column order: numbers as numbers, text as text, the empty last.
    fn order(&self, other: &Cell) -> Ordering {
        match (&self.value, &other.value) {
            (Value::Number { value: a, .. }, Value::Number { value: b, .. }) => a.total_cmp(b),
            (Value::Empty, Value::Empty) => Ordering::Equal,
            (Value::Empty, _) => Ordering::Greater,
            (_, Value::Empty) => Ordering::Less,
            _ => self.shown.cmp(&other.shown),
        }
    }
}

/// A table as a page builds it.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    /// Tells the page's tables apart in their parameters and the export link; "" for a page's
    /// main table (plain `sort`, `desc`, `page`).
    pub key: &'static str,
    /// Names the download and its sheet.
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// The 合计 row's cells under the header after the first (the label's) column; `None` counts
    /// the rows instead.
    pub total: Option<Vec<Cell>>,
    /// What a row is, counted in the foot: ("件", "cases").
    pub counted: (&'static str, &'static str),
    /// Rows a page shows; `None` shows them all.
    pub page_size: Option<usize>,
}

impl Table {
    pub fn new(key: &'static str, caption: impl Into<String>, header: Vec<String>) -> Table {
        Table {
            key,
            caption: caption.into(),
            header,
            rows: Vec::new(),
            total: None,
            counted: ("行", "rows"),
            page_size: None,
        }
    }

    /// What `export=` names this table by: its key, "list" for a page's main table.
    fn export_name(&self) -> &'static str {
        if self.key.is_empty() {
            "list"
        } else {
            self.key
        }
    }

    /// A list of cases: counted in 件, paged.
    pub fn cases(key: &'static str, caption: impl Into<String>, header: &[&str]) -> Table {
        let mut table = Table::new(
            key,
            caption,
            header.iter().map(|h| (*h).to_string()).collect(),
        );
        table.counted = ("件", "cases");
        table.page_size = Some(super::lists::PAGE_SIZE);
        table
    }

    fn param(&self, name: &str) -> String {
        if self.key.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.key)
        }
    }

    /// The table without its first column (the tick boxes a reader who may not act on the rows
    /// has no use for) unless `keep`.
    pub fn without_picks(mut self, keep: bool) -> Table {
        if !keep && !self.header.is_empty() {
            self.header.remove(0);
            for row in &mut self.rows {
                if !row.is_empty() {
                    row.remove(0);
                }
            }
        }
        self
    }

    /// Whether `column` holds buttons rather than values (every row's cell in it does).
    fn is_controls(&self, column: usize) -> bool {
        !self.rows.is_empty()
            && self
                .rows
                .iter()
                .all(|row| row.get(column).is_some_and(|c| c.controls.is_some()))
    }

    /// The rows in the order asked for (`sort`, `desc`), stable.
    fn sort(&mut self, order: Option<(usize, bool)>) {
        if let Some((column, descending)) = order {
            self.rows.sort_by(|a, b| {
                let (Some(x), Some(y)) = (a.get(column), b.get(column)) else {
                    return Ordering::Equal;
                };
                let order = x.order(y);
                // The empty stay last whichever way the column runs.
                let empty = |c: &Cell| matches!(c.value, Value::Empty);
                if descending && !empty(x) && !empty(y) {
                    order.reverse()
                } else {
                    order
                }
            });
        }
    }

    /// The workbook's table: the header, every row, the 合计 row.
    pub fn document(&self, lang_total: &str) -> shenguan_app::report::document::Table {
        let kept = |column: &usize| !self.is_controls(*column);
        let mut rows: Vec<Vec<Value>> = self
            .rows
            .iter()
            .map(|row| {
                (0..row.len())
                    .filter(kept)
                    .map(|c| row[c].value.clone())
                    .collect()
            })
            .collect();
        if let Some(total) = &self.total {
            let mut row = vec![Value::text(lang_total)];
            row.extend(total.iter().map(|c| c.value.clone()));
            rows.push(row);
        }
        shenguan_app::report::document::Table {
            caption: self.caption.clone(),
            header: (0..self.header.len())
                .filter(kept)
                .map(|c| self.header[c].clone())
                .collect(),
            rows,
        }
    }
}

impl Ctx {
    /// The table drawn for this request: sorted and paged as its parameters ask, with its foot
    /// and its export link. When the request asks to export this table, it is kept for the
    /// download instead.
    pub fn table(&self, mut table: Table) -> Markup {
        let t = |zh, en| self.t(zh, en);
        let sort_param = table.param("sort");
        let desc_param = table.param("desc");
        let page_param = table.param("page");
        let per_page_param = table.param("per_page");
        if table.page_size.is_some()
            && let Some(size) = self
                .here
                .get(&per_page_param)
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| PER_PAGE.contains(n))
        {
            table.page_size = Some(size);
        }
        let order = self
            .here
            .get(&sort_param)
            .and_then(|c| c.parse::<usize>().ok())
            .filter(|c| *c < table.header.len() && !table.is_controls(*c))
            .map(|c| (c, self.here.get(&desc_param).as_deref() == Some("1")));
        table.sort(order);
        let count = table.rows.len();
        let pages = table
            .page_size
            .map_or(1, |size| count.div_ceil(size).max(1));
        let page = self
            .here
            .get(&page_param)
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, pages);
        let shown: &[Vec<Cell>] = match table.page_size {
            Some(size) => {
                let start = (page - 1) * size;
                &table.rows[start.min(count)..(start + size).min(count)]
            }
            None => &table.rows,
        };
        let heading_link = |column: usize| {
            let descending = order == Some((column, false));
            self.here.with(&[
                (&sort_param, Some(column.to_string())),
                (&desc_param, descending.then(|| "1".to_string())),
                (&page_param, None),
            ])
        };
        let arrow = |column: usize| match order {
            Some((c, false)) if c == column => " ▲",
            Some((c, true)) if c == column => " ▼",
            _ => "",
        };
        let page_link = |to: usize| self.here.with(&[(&page_param, Some(to.to_string()))]);
        let export = self.here.with(&[
            ("export", Some(table.export_name().to_string())),
            (&page_param, None),
        ]);
        let (unit_zh, unit_en) = table.counted;
        let markup = html! {
            p.tools {
                span {
                    @match self.lang {
                        super::Lang::Zh => { "共" (count) (unit_zh) }
                        super::Lang::En => { (count) " " (unit_en) }
                    }
                }
                @if pages > 1 {
                    span {
                        @if page > 1 { a href=(page_link(page - 1)) { (t("上一页", "Previous")) } " " }
                        (t("第", "Page ")) (page) "/" (pages) (t("页", ""))
                        @if page < pages { " " a href=(page_link(page + 1)) { (t("下一页", "Next")) } }
                    }
                }
                @if let Some(size) = table.page_size {
                    span {
                        (t("每页", "Per page"))
                        @for n in PER_PAGE {
                            " "
                            @if n == size { strong { (n) } }
                            @else { a href=(self.here.with(&[(&per_page_param, Some(n.to_string())), (&page_param, None)])) { (n) } }
                        }
                    }
                }
                a href=(export) download { (t("导出 Excel", "Export to Excel")) }
            }
            table {
                thead { tr {
                    @for (column, label) in table.header.iter().enumerate() {
                        @if table.is_controls(column) { th { (label) } }
                        @else { th { a href=(heading_link(column)) { (label) (arrow(column)) } } }
                    }
                } }
                tbody {
                    @for row in shown {
                        tr { @for cell in row { (cell_html(cell)) } }
                    }
                }
                tfoot { tr {
                    @match &table.total {
                        Some(total) => {
                            td { (t("合计", "Total")) }
                            @for cell in total { (cell_html(cell)) }
                        }
                        None => {
                            td colspan=(table.header.len().max(1)) {
                                (t("合计", "Total")) " " (count) " " (t(unit_zh, unit_en))
                            }
                        }
                    }
                } }
            }
        };
        if self.here.get("export").as_deref() == Some(table.export_name()) {
            self.keep_for_export(table);
        }
        markup
    }
}

/// A cell; numbers are set right (`n`) so that their digits line up.
fn cell_html(cell: &Cell) -> Markup {
    let class = match (&cell.value, cell.class) {
        (_, Some(class)) => Some(class),
        (Value::Number { .. }, None) => Some("n"),
        _ => None,
    };
    html! {
        td class=[class] {
            @if let Some(controls) = &cell.controls { (controls) }
            @else if let Some(href) = &cell.href { a href=(href) { (cell.shown) } }
            @else { (cell.shown) }
        }
    }
}
