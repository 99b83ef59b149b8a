"""Writes a zip bomb shaped as a workbook for bench/run-abuse.sh: the parts of an .xlsx, and one
worksheet that inflates to SIZE_GIB gibibytes of a repeated row (a few megabytes on disk).

Usage: python3 bench/make_zip_bomb.py OUT.xlsx [SIZE_GIB=4]
"""

import sys
import zipfile

out = sys.argv[1]
gib = int(sys.argv[2]) if len(sys.argv) > 2 else 4

PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="cases" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}

row = b'<row><c t="inlineStr"><is><t>0</t></is></c></row>' * 1024
chunk = row * (16 * 1024 * 1024 // len(row))
with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name, text in PARTS.items():
        z.writestr(name, text)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
        written = 0
        while written < gib * 1024**3:
            sheet.write(chunk)
            written += len(chunk)
        sheet.write(b"</sheetData></worksheet>")
