#!/usr/bin/env python3
"""Makes assets/noto-sans-sc.woff2, the font every page uses (served from the binary, so that
pages read the same on an intranet PC without Chinese fonts, and nothing is fetched from outside).

Source: Noto Sans CJK SC Regular (Debian's fonts-noto-cjk, SIL Open Font License 1.1; see
OFL.txt). Kept: ASCII, Latin-1, general punctuation, CJK symbols and punctuation, full-width
forms, and the 6,763 hanzi of GB 2312 (the characters of court names, causes, closing methods and
common personal names). Usage: python3 make-font.py SOURCE.ttc
"""

import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
collection = TTCollection(source)
# The collection's simplified-Chinese face.
font = next(f for f in collection.fonts if "SC" in f["name"].getDebugName(1))

chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
chars |= set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
chars |= {0x00D7, 0x00F7, 0x2014, 0x2026, 0x2103, 0x2116, 0x2160, 0x2190, 0x2192, 0x25CF, 0x2605}
# GB 2312 level 1 and 2 hanzi: rows 0xB0-0xF7, cells 0xA1-0xFE.
for high in range(0xB0, 0xF8):
    for low in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([high, low]).decode("gb2312")))
        except UnicodeDecodeError:
            pass

options = subset.Options()
options.flavor = "woff2"
options.layout_features = ["*"]
options.name_IDs = ["*"]
options.notdef_outline = True
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=sorted(chars))
subsetter.subset(font)
font.flavor = "woff2"
font.save("noto-sans-sc.woff2")
print(f"{len(chars)} characters")
