"""The flags and anthems a ceremony needs: the host nation's and each inductee country's."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.store.ceremonies.details import require_ceremony
from imet_desktop.store.ceremonies.inductees import list_inductees

HOST_COUNTRY = "US"


@dataclass(frozen=True, slots=True)
class FlagRow:
    """A national flag to display and anthem to play, and why it is needed."""

    country_code: str
    country_name: str
    inductees: tuple[str, ...]  # the inductees from this country (none for the host nation)
    host: bool = False

    @property
    def anthem(self) -> str:
        """What the program calls the anthem."""
        return f"National anthem of {self.country_name}" if not self.host else "The Star-Spangled Banner"

    @property
    def why(self) -> str:
        """'Host nation' or the inductees' names."""
        return "Host nation" if self.host else ", ".join(self.inductees)


def flags_and_anthems(db: Database, ceremony_id: int) -> list[FlagRow]:
    """The flags and anthems a ceremony needs: the host nation's, then each inductee country's by name."""
    require_ceremony(db, ceremony_id)
    by_country: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for r in list_inductees(db, ceremony_id):
        if not r.country_code:
            continue
        by_country.setdefault(r.country_code, []).append(r.name)
        names[r.country_code] = r.country_name or r.country_code
    host_name = db.execute("SELECT name FROM countries WHERE code = ?", [HOST_COUNTRY]).fetchone()
    rows = [FlagRow(HOST_COUNTRY, str(host_name[0]) if host_name else "United States", (), True)]
    for code in sorted(by_country, key=lambda c: names[c].casefold()):
        if code != HOST_COUNTRY:
            rows.append(FlagRow(code, names[code], tuple(by_country[code])))
    return rows
