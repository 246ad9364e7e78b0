"""Remake resources/fonts/DroidSansFallback-CJK.ttf, the pack's font for Chinese and Japanese.

The full Droid Sans Fallback (Debian: fonts-droid-fallback) is 4 MB; this keeps the Han
characters of GB 2312, Big5 and JIS X 0208 (which cover the names people write), kana, CJK
punctuation and full-width forms: about 18,500 characters, 2.5 MB. Needs fontTools (a tool for
this step only, not a dependency of the program):

    python -m pip install fonttools
    python scripts/subset-cjk-font.py /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "secor_desktop/resources/fonts"


def encodable(encoding: str, low: int, high: int) -> set[int]:
    found = set()
    for code in range(low, high):
        try:
            chr(code).encode(encoding)
        except UnicodeEncodeError:
            continue
        found.add(code)
    return found


def main(source: str) -> None:
    han = set()
    for encoding in ("gb2312", "big5", "euc_jp"):
        han |= encodable(encoding, 0x4E00, 0xA000)
    kana = set(range(0x3040, 0x3100))
    punctuation = set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    codes = sorted(han | kana | punctuation)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(f"U+{c:04X}" for c in codes))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "fontTools.subset",
            source,
            f"--unicodes-file={listing.name}",
            f"--output-file={OUT / 'DroidSansFallback-CJK.ttf'}",
            "--no-hinting",
            "--layout-features=",
        ],
        check=True,
    )


if __name__ == "__main__":
    main(sys.argv[1])
