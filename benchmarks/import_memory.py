"""Issue 11: a large workbook is planned in bounded memory. Writes an SC-TMS-like workbook of N
rows (fictional names, many scripts; 100,000 by default), then runs `import-students --dry-run`
on it in a fresh process under /usr/bin/time -v and prints the peak resident memory and the time,
for N and for a tenth of N, so the growth with the file's length shows.

    .venv/bin/python benchmarks/import_memory.py [ROWS] [FOLDER]
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import tempfile
from pathlib import Path

FAMILIES = ["KIM", "NGUYỄN", "AL-HARBI", "SRISUK", "KOVALENKO", "PAPADOPOULOS", "MÜLLER", "O'BRIEN", "YILDIZ",
            "ØSTERGÅRD", "SHARMA", "BATBAYAR", "BERIDZE", "TESFAYE", "SUKARNO", "HORVÁTH"]
NATIVES = ["김민준", "Nguyễn Văn Đức", "فيصل الحربي", "สมชาย ศรีสุข", "Оксана Коваленко", "Γεώργιος Παπαδόπουλος", "",
           "", "", "", "अर्जुन शर्मा", "Батбаяр", "გიორგი ბერიძე", "አበበ ተስፋዬ", "", ""]
COUNTRIES = ["Korea, South", "Vietnam", "Saudi Arabia", "Thailand", "Ukraine", "Greece", "Germany", "Ireland",
             "Türkiye", "Denmark", "India", "Mongolia", "Georgia", "Ethiopia", "Indonesia", "Hungary"]
HEADERS = ["Student Last Name", "Student First Name", "Student Middle Name", "Name in Own Script",
           "Country of Citizenship", "Grade/Rank", "US Equivalent Rank", "Pay Grade", "Branch of Service",
           "Date of Birth", "Work Control No.", "English Comprehension Level (ECL)", "ITO Number",
           "FMS Case Designator", "Funding Source", "Report NLT", "Passport Number", "Student Status"]


def write_workbook(path: Path, rows: int) -> Path:
    """The workbook, written as a stream (openpyxl write-only)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Students")
    sheet.append(HEADERS)
    for i in range(rows):
        k = i % 16
        sheet.append([f"{FAMILIES[k]}{i // 16}", f"Given{i % 977}", "", NATIVES[k], COUNTRIES[k], "Major", "Maj",
                      "O-4", "Air Force", dt.date(1970, 1, 1) + dt.timedelta(days=i % 9000), f"WC{i:08d}",
                      70 + i % 31, f"ITO{i:08d}", "XX-D-QAA", "IMET", dt.date(2027, 6, 1) + dt.timedelta(days=i % 300),
                      f"0{i:08d}", "Projected"])
    workbook.save(path)
    return path


def measure(workbook: Path, folder: Path) -> tuple[float, str]:
    """Peak resident memory (MiB) and wall time of a dry run in a fresh process."""
    command = ["/usr/bin/time", "-v", str(Path(sys.executable).with_name("imet-desktop")), "import-students",
               str(workbook), "--db", str(folder / f"{workbook.stem}.db"), "--dry-run"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1])  # type: ignore[index]
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", done.stderr)[1]  # type: ignore[index]
    return peak / 1024, wall


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="import-memory-"))
    print(f"{'rows':>9} {'peak MiB':>9} {'wall':>9}")
    for n in (rows // 10, rows):
        peak, wall = measure(write_workbook(folder / f"rows{n}.xlsx", n), folder)
        print(f"{n:>9,} {peak:>9.1f} {wall:>9}")


if __name__ == "__main__":
    from harness import scratch_folders  # benchmarks/ is the script's folder, first on sys.path

    scratch_folders(Path(tempfile.gettempdir()) / "imet-bench-scratch")  # never the user's data folder
    main()
