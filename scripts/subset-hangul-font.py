"""Remake resources/fonts/SecorHangul.ttf, the pack's font for Korean names.

It is made from NanumGothic (Debian: fonts-nanum, SIL OFL 1.1), 4.7 MB, keeping every
precomposed Hangul syllable and the compatibility jamo: about 11,200 characters, 1.3 MB. A
subset is a Modified Version under the OFL, which may not carry the Reserved Font Names
(Nanum, NanumGothic ...), so the result is renamed "SecorHangul". Needs fontTools (a tool for
this step only, not a dependency of the program):

    python -m pip install fonttools
    python scripts/subset-hangul-font.py /usr/share/fonts/truetype/nanum/NanumGothic.ttf
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "secor_desktop/resources/fonts"
SYLLABLES = range(0xAC00, 0xD7A4)
COMPATIBILITY_JAMO = range(0x3131, 0x318F)


def main(source: str) -> None:
    codes = sorted({*SYLLABLES, *COMPATIBILITY_JAMO})
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(f"U+{c:04X}" for c in codes))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "fontTools.subset",
            source,
            f"--unicodes-file={listing.name}",
            f"--output-file={OUT / 'SecorHangul.ttf'}",
            "--no-hinting",
            "--layout-features=",
        ],
        check=True,
    )
    rename(OUT / "SecorHangul.ttf")


def rename(path: Path) -> None:
    """Give the subset its own family name (the OFL's Reserved Font Name rule)."""
    from fontTools.ttLib import TTFont  # only this maintenance step needs fontTools

    font = TTFont(path)
    names = {
        1: "SecorHangul",
        2: "Regular",
        3: "SecorHangul-Regular",
        4: "SecorHangul",
        6: "SecorHangul",
        16: "SecorHangul",
        17: "Regular",
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            record.string = names[record.nameID]
    font.save(path)


if __name__ == "__main__":
    main(sys.argv[1])
