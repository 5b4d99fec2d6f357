"""Plan + import 10,000 students from a 14-column CSV into a fresh database; prints seconds."""
import csv, datetime as dt, sys, tempfile, time
from pathlib import Path
from imet_desktop.store.db import open_database
from imet_desktop.exchange.student_import import plan_import_file, run_import

names = ["Nguyễn", "Иванов", "Παπαδόπουλος", "ศรีสุข", "김", "王", "शर्मा", "כהן", "Al-Sabah", "O'Brien", "van der Berg", "Sukarno"]
countries = ["VN", "Kazakhstan", "Greece", "TH", "South Korea", "Taiwan", "India", "IL", "Kuwait", "Ireland", "NL", "ID"]
n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
with tempfile.TemporaryDirectory() as d:
    path = Path(d) / "roster.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Surname", "Given names", "Native name", "DOB", "Country", "Passport No", "WCN", "ITO No", "ECL",
                    "Rank", "Service", "E-mail", "Arrival", "Funding"])
        for i in range(n):
            dob = dt.date(1970, 1, 1) + dt.timedelta(days=i)
            w.writerow([f"{names[i % 12]}{i}", "Văn Đức", "王小明", dob.strftime("%d %b %Y").upper(), countries[i % 12],
                        f"P{i:08d}", f"W{i:06d}", f"ITO{i}", i % 101, "Major", "Air Force", f"s{i}@mil.example",
                        "2026-06-05", "IMET"])
    db = open_database(Path(d) / "office.db")
    t0 = time.perf_counter()
    plan = plan_import_file(db, path)
    t1 = time.perf_counter()
    result = run_import(db, plan, path.name, skip_invalid=False)
    t2 = time.perf_counter()
    print(f"{n} rows: read+plan {t1 - t0:.2f} s, import {t2 - t1:.2f} s, total {t2 - t0:.2f} s; "
          f"imported {result.rows_imported}, problems {len(plan.problems)}")
    db.close()
