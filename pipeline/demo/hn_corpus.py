"""Seeded generator of a synthetic HN "Who is hiring?" corpus in the Algolia API's exact shapes.

``jobpulse demo`` serves the files written here from a local HTTP server and crawls them with the
real HN spider, so the shapes follow the live API (``shared/sources/README.md`` section 1):

* ``hn/stories.json`` - the ``hits`` of ``search_by_date?tags=story,author_whoishiring``, newest
  first: three stories a month, posted at 11:00 US-Eastern on the first weekday of the month.
* ``hn/items/<id>.json`` - the ``items/{id}`` tree of every "Who is hiring?" thread and, optionally,
  every "Freelancer? Seeking freelancer?" thread. "Who wants to be hired?" trees are not generated:
  their hits report a plausible ``num_comments`` but no ``children``.

All text comes from ``hn_vocab``; nothing is copied from real postings. Output depends only on the
arguments (one ``random.Random`` per month and thread, no wall clock): equal arguments give
byte-identical files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from pipeline.demo import hn_vocab as V

BOT = "whoishiring"
HIRING = "Who is hiring?"
WANTS = "Who wants to be hired?"
FREELANCE = "Freelancer? Seeking freelancer?"

# Real (unix time, item id) points; ids in between are interpolated so they grow like HN's do.
_ID_ANCHORS: tuple[tuple[int, int], ...] = (
    (1672675200, 34_219_000),  # 2023-01-02, January 2023 thread
    (1748876439, 44_159_528),  # 2025-06-02, June 2025 thread
    (1767369600, 46_466_000),  # 2026-01-02, January 2026 thread
    (1788274877, 49_522_897),  # 2026-09-01, September 2026 thread
)
_DAY = 86400

Location = tuple[str, tuple[str, ...], str, str, float]
Stack = dict[str, list[str]]


@attrs.frozen
class CorpusSummary:
    """What ``write_hn_corpus`` wrote: ``threads`` "Who is hiring?" threads holding ``postings``
    non-deleted top-level comments (job ads plus the odd misplaced seeker or bot note)."""

    threads: int
    postings: int
    first_month: dt.date
    last_month: dt.date


@attrs.define
class _Node:
    time: int
    author: str
    text: str | None  # None renders as a deleted node
    children: list[_Node] = attrs.Factory(list)
    id: int = 0


@attrs.frozen
class _Company:
    name: str
    slug: str
    domain: str
    product: str
    customers: str
    location: Location
    lang: str
    yc: str
    poster: str


def iter_hn_months(end: dt.date, months: int) -> list[dt.date]:
    """First days of the ``months`` months ending with ``end``'s month, oldest first."""
    index = end.year * 12 + end.month - 1
    return [dt.date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


def first_weekday(month: dt.date) -> dt.date:
    """The account's posting day: first Monday-Friday, skipping New Year's Day as it really does."""
    day = month.replace(day=1)
    while day.weekday() >= 5 or (day.month == 1 and day.day == 1):
        day += dt.timedelta(days=1)
    return day


def _nth_sunday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def thread_post_time(month: dt.date) -> dt.datetime:
    """11:00 US-Eastern on the posting day, in UTC; US DST rules are inlined to avoid tzdata."""
    day = first_weekday(month)
    dst = _nth_sunday(day.year, 3, 2) <= day < _nth_sunday(day.year, 11, 1)
    return dt.datetime(day.year, day.month, day.day, 15 if dst else 16, tzinfo=dt.UTC)


def _id_at(ts: int) -> int:
    pts = _ID_ANCHORS
    i = next((k for k in range(1, len(pts) - 1) if ts < pts[k][0]), len(pts) - 1) - 1
    (t0, i0), (t1, i1) = pts[i], pts[i + 1]
    return int(i0 + (ts - t0) * (i1 - i0) / (t1 - t0))


def _iso(ts: int, millis: bool = False) -> str:
    text = dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return text + (".000Z" if millis else "Z")


def _trend(values: Sequence[float], year: float) -> float:
    x = min(max(year - V.TREND_YEARS[0], 0.0), len(values) - 1.0)
    i = min(int(x), len(values) - 2)
    return values[i] + (values[i + 1] - values[i]) * (x - i)


_WEIGHTS: dict[tuple[int, float], tuple[list[str], list[float]]] = {}


def _sample(rng: random.Random, table: Mapping[str, V.Trend], year: float, k: int) -> list[str]:
    key = (id(table), year)  # tables are module constants, so their id is a stable cache key
    if key not in _WEIGHTS:
        _WEIGHTS[key] = list(table), [_trend(table[n], year) for n in table]
    names, weights = (list(x) for x in _WEIGHTS[key])
    out: list[str] = []
    for _ in range(min(k, len(names))):
        i = rng.choices(range(len(names)), weights)[0]
        out.append(names.pop(i))
        weights.pop(i)
    return [n for n in out if V.SYNONYMS.get(n) not in out]


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
                          "/": "&#x2F;"})


def _esc(text: str) -> str:
    """HN's escaping; every '/' becomes &#x2F; too, which trips naive URL and salary parsers."""
    return text.translate(_ESCAPES)


def _link(url: str) -> str:
    shown = url if len(url) <= 60 else url[:60] + "..."  # HN shortens long link labels
    return f'<a href="{_esc(url)}" rel="nofollow">{_esc(shown)}</a>'


def _fill(template: str, vals: Mapping[str, str], **html: str) -> str:
    """Escape a template and fill it with already escaped ``vals`` and verbatim ``html``."""
    return _esc(template).format(**vals, **html)


def _escaped(vals: Mapping[str, str]) -> dict[str, str]:
    return {k: _esc(v) for k, v in vals.items()}


def _join(paras: Sequence[str], firebase: bool = False) -> str:
    # Algolia's serializer closes every paragraph; raw Firebase text only separates them.
    return "<p>".join(paras) if firebase else "".join(f"<p>{p}</p>" for p in paras)


def _new_company(rng: random.Random, used: set[str], lang: str, year: float,
                 register: bool = True) -> _Company:
    for _ in range(50):  # a repeated name would merge two companies in the warehouse
        r = rng.random()
        if r < 0.55:
            base = rng.choice(V.NAME_HEADS) + rng.choice(V.NAME_TAILS)
        elif r < 0.85:
            base = V.coin_name(rng)
        else:
            base = f"{rng.choice(V.NAME_HEADS)} {rng.choice(V.NAME_HEADS)}"
        name = base + _weighted(rng, V.NAME_SUFFIXES)
        if name not in used:
            break
    if register:
        used.add(name)
    slug = base.lower().replace(" ", "")
    tld = ".ai" if name.endswith(" AI") else rng.choice(V.TLDS)
    batch = rng.randint(max(15, int(year) - 2009), int(year) - 2000)
    yc = f"(YC {rng.choice('WS')}{batch})" if rng.random() < 0.15 else ""
    location = rng.choices(V.LOCATIONS, [loc[4] for loc in V.LOCATIONS])[0]
    product, customers = rng.choice(V.PRODUCTS)
    return _Company(name, slug, slug + tld, product, customers, location, lang, yc, V.handle(rng))


def _pay(rng: random.Random, year: float, base: float, market: str, contract: bool) -> str:
    """Free-text pay as posters write it; amounts follow role, seniority, market and year."""
    if rng.random() < 0.12:
        return rng.choice(V.PAY_WORDS)
    cur, mult, fx = V.MARKETS[market]
    mid = base * mult * _trend(V.PAY_DRIFT, year) * rng.uniform(0.9, 1.1) * fx
    lo, hi = mid * rng.uniform(0.82, 0.92), mid * rng.uniform(1.08, 1.25)
    if contract and cur in ("USD", "EUR", "GBP") and rng.random() < 0.6:
        hour = round(mid / 1800 * 1.25 / 5) * 5
        day = round(hour * 8 / 50) * 50
        sign = {"USD": "$", "EUR": "€", "GBP": "£"}[cur]
        return rng.choice(V.RATE_FORMS).format(s=sign, h=hour, h2=hour + 20, d=day)
    a = round(lo / 5000) * 5  # thousands, rounded to 5k like posted bands
    b = max(round(hi / 5000) * 5, a + 5)
    text = rng.choice(V.PAY_FORMS[cur]).format(
        a=a, b=b, af=f"{a * 1000:,}", bf=f"{b * 1000:,}", la=round(lo / 1e5), lb=round(hi / 1e5),
        ma=round(lo / 1e6), mb=round(hi / 1e6), pa=round(lo / 12000), pb=round(hi / 12000))
    return text + rng.choice(V.PAY_EXTRAS)


def _stack(rng: random.Random, year: float, family: str, lang: str) -> Stack:
    ai_share = _trend(V.AI_MENTION_SHARE, year) + (0.5 if family == "ml" else 0.0)
    langs = [rng.choice(V.LANGUAGE_SPELLINGS.get(lang, (lang,)))]
    second = _sample(rng, V.LANGUAGES, year, 1)[0]
    if second != lang and rng.random() < 0.3:  # "plus some Python for data work"
        langs.append(second)
    wants_front = family == "fullstack" or rng.random() < 0.25
    return {
        "lang": langs,
        "fw": _sample(rng, V.LANGUAGE_FRAMEWORKS[lang], year, rng.randint(1, 2)),
        "db": _sample(rng, V.DATASTORES, year, rng.randint(1, 3)),
        "cloud": _sample(rng, V.CLOUD, year, 1 if rng.random() < 0.85 else 2),
        "infra": _sample(rng, V.INFRA, year, rng.randint(1, 3)),
        "front": _sample(rng, V.FRONTEND, year, rng.randint(1, 2)) if wants_front else [],
        "data": _sample(rng, V.DATA_TOOLS, year, rng.randint(2, 3)) if family == "data" else [],
        "ai": _sample(rng, V.AI, year, rng.randint(1, 3)) if rng.random() < ai_share else [],
        "obs": _sample(rng, V.OBSERVABILITY, year, 1) if rng.random() < 0.3 else [],
    }


def _stack_paragraph(rng: random.Random, s: Stack) -> str:
    if rng.random() < 0.4:
        vals = _escaped({
            "lang": s["lang"][0], "fw": s["fw"][0], "db": s["db"][0], "store": s["db"][-1],
            "cloud": s["cloud"][0], "infra": " and ".join(s["infra"][:2])
        })
        extra = s["front"] + s["data"] + s["obs"]
        tail = _esc(f" Also: {', '.join(extra)}.") if extra else ""
        return _fill(rng.choice(V.PROSE_STACKS), vals) + tail
    cloud = [f"{c} ({', '.join(rng.sample(V.AWS_SERVICES, rng.randint(1, 3)))})"
             if c == "AWS" and rng.random() < 0.4 else c for c in s["cloud"]]
    items = [*s["lang"], *s["fw"], *s["db"], *cloud, *s["infra"], *s["front"], *s["data"],
             *s["ai"], *s["obs"]]
    sep = ", " if rng.random() < 0.85 else " / "
    return _esc(rng.choice(V.STACK_LEADS) + sep.join(items) + rng.choice(("", ".", "")))


def _work_mode(rng: random.Random, year: float, company: _Company) -> tuple[str, str]:
    """(mode text, pay market); the remote scope follows the company's country."""
    country, market = company.location[2], company.location[3]
    r, remote = rng.random(), _trend(V.REMOTE_SHARE, year)
    if r < remote:
        region = V.REMOTE_REGIONS.get(country, "EU" if market[:2] in ("eu", "pl", "ch") else "ANY")
        if rng.random() < 0.3:
            region = "ANY"
        pay_market = {"ANY": "remote_global", "US": "remote_us"}.get(region, market)
        return rng.choice(V.REMOTE_SCOPES[region]), pay_market
    if r < remote + _trend(V.HYBRID_SHARE, year):
        return rng.choice(V.HYBRID_FORMS), market
    return rng.choice(V.ONSITE_FORMS), market


def _roles(rng: random.Random, year: float) -> tuple[list[str], str, str, float]:
    """Titles (main one first), role family, employment type and the main title's base pay."""
    families = V.ROLE_FAMILIES
    fam = rng.choices(families, [_trend(f[2], year) for f in families])[0]
    sen, mult, _ = rng.choices(V.SENIORITY, [s[2] for s in V.SENIORITY])[0]
    emp = _weighted(rng, V.EMPLOYMENT)
    if "Intern" in emp:
        roles, mult = [f"{rng.choice(fam[1])} Intern"], 0.45
    else:
        roles = [f"{sen} {rng.choice(fam[1])}".strip()]
    if rng.random() < 0.35:  # one ad, several roles
        roles += [rng.choice(rng.choice(families)[1]) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.15:
        roles.append(rng.choice(V.EXTRA_ROLES))
    ai_premium = 1 + (year - 2023) * 0.03 if fam[0] == "ml" else 1.0
    return list(dict.fromkeys(roles)), fam[0], emp, fam[3] * mult * ai_premium


def _header(rng: random.Random, c: _Company, fields: list[str], style: float) -> str:
    if rng.random() < 0.5:  # posters order fields freely; the company stays first as usual
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(len(fields) - 1)
            fields[i], fields[i + 1] = fields[i + 1], fields[i]
    fields = [f for f in fields if f]
    if rng.random() < 0.9:
        company = _esc(f"{c.name} {c.yc}".strip())
    else:
        company = f"{_esc(c.name)} ({_link('https://' + c.domain)})"
    if style < 0.08:
        return f"{company} [{' | '.join(fields)}]"
    seps = ((" | ", 80), (" - ", 8), (" – ", 5), (" &#x2F; ", 2), (" · ", 2))
    return _weighted(rng, seps).join([company, *fields])


def _job_paragraphs(rng: random.Random, year: float, c: _Company, lang: str) -> list[str]:
    roles, family, emp, base = _roles(rng, year)
    mode, market = _work_mode(rng, year, c)
    where = rng.choice(c.location[1])
    s = _stack(rng, year, family, lang)
    pay = _pay(rng, year, base, market, "Contract" in emp) if rng.random() < 0.4 else ""
    pay_in_header = bool(pay) and rng.random() < 0.65
    job_id = f"{rng.getrandbits(64):016x}-{rng.randint(1000, 9999)}"
    url = rng.choice((f"https://{c.domain}/careers", f"https://{c.domain}/jobs",
                      "https://" + rng.choice(V.ATS_HOSTS).format(slug=c.slug),
                      f"https://jobs.ashbyhq.com/{c.slug}/{job_id}"))
    email = rng.choice((f"jobs@{c.domain}", f"{c.poster}@{c.domain}", f"hiring@{c.domain}",
                        f"careers [at] {c.domain}"))
    role_text = roles[0] if len(roles) == 1 else rng.choice(
        (", ".join(roles), " / ".join(roles), "Multiple roles", f"{roles[0]} and more"))
    vals = _escaped({
        "company": c.name, "domain": c.domain, "roles": role_text, "where": where,
        "product": c.product, "customers": c.customers, "role": roles[0],
        "area": rng.choice(V.AREAS), "email": email, "e": str(rng.randint(2, 40)),
        "yrs": str(rng.randint(3, 8)), "n": str(rng.randint(5, 300)),
        "y": str(int(year) + rng.randint(0, 1)), "m": str(rng.choice((4, 8, 12, 25, 40, 120))),
        "r": rng.choice(V.STAGES), "vc": f"{rng.choice(V.VC_HEADS)} {rng.choice(V.VC_TAILS)}",
        "b": str(rng.randint(1, 30)), "k": str(rng.randint(2, 900)), "fy": str(rng.randint(2008,
        int(year) - 1)), "lang": s["lang"][0], "db": s["db"][0], "infra": s["infra"][0],
        "cloud": s["cloud"][0], "ai": ", ".join(s["ai"]) or "LLMs"
    })
    link = _link(url)
    style = rng.random()
    if style < 0.06:  # no header line at all, just prose
        paras = [_fill(rng.choice(V.INTRO_FIRST_LINES), vals)]
    else:
        url_field = (link if rng.random() < 0.85 else _esc(c.domain)) if rng.random() < 0.5 else ""
        fields = [_esc(role_text) if rng.random() < 0.85 else "",
                  _esc(where) if rng.random() < 0.85 or "REMOTE" not in mode.upper() else "",
                  _esc(mode) if rng.random() < 0.9 else "",
                  _esc(emp) if rng.random() < 0.7 else "",
                  _esc(pay) if pay_in_header else "", url_field]
        paras = [_header(rng, c, fields, style)]
    body: list[str] = []
    if rng.random() < (0.3 if style < 0.06 else 0.9):
        intro = _fill(rng.choice(V.INTRO_SENTENCES), vals)
        if rng.random() < 0.35:
            intro += " " + _fill(rng.choice(V.SIZE_PHRASES), vals)
        if rng.random() < 0.3:
            intro += " " + _fill(rng.choice(V.TRAPS), vals)
        body.append(intro)
    if rng.random() < 0.7:
        body.append(_fill(rng.choice(V.ROLE_BLURBS), vals))
    if len(roles) > 1 and rng.random() < 0.6:
        tech = [r not in V.EXTRA_ROLES and rng.random() < 0.4 for r in roles]
        lines = [f"- {r} ({rng.choice(s['lang'] + s['infra'])})" if t else f"- {r}"
                 for r, t in zip(roles, tech, strict=True)]
        if rng.random() < 0.2:
            code = _esc("\n".join("  " + ln for ln in lines))
            body.append(f"<pre><code>{code}\n</code></pre>")
        else:  # HN keeps single newlines literally inside a paragraph
            body.append(_esc("We're hiring:\n" + "\n".join(lines)))
    if rng.random() < 0.95:
        body.append(_stack_paragraph(rng, s))
    if s["ai"] and rng.random() < 0.6:
        body.append(_fill(rng.choice(V.AI_SENTENCES), vals))
    if rng.random() < 0.4:
        reqs = [_fill(t, vals) for t in rng.sample(V.REQ_LINES, rng.randint(2, 5))]
        body.append(_esc("You might be a fit if you:") + "\n- " + "\n- ".join(reqs))
    if rng.random() < 0.15:
        body.append(_fill(rng.choice(V.AMBIGUOUS), vals))
    if pay and not pay_in_header:
        body.append(_esc(rng.choice(V.PAY_SENTENCES).format(pay)))
    for pool, p in ((V.BENEFITS, 0.4), (V.PROCESS, 0.3)):
        if rng.random() < p:
            body.append(_fill(rng.choice(pool), vals))
    if len(body) < 2:
        body.append(_fill(rng.choice(V.BENEFITS), vals))
    if rng.random() < 0.05:
        body.append("<i>" + _esc("Please mention Hacker News when you apply.") + "</i>")
    body = body[:6]  # keeps ads at 3-8 paragraphs including header and apply line
    if rng.random() < 0.85:
        body.append(_fill(rng.choice(V.APPLY), vals, link=link))
    return paras + body


def _seeker_paragraphs(rng: random.Random, year: float, freelance: bool) -> list[str]:
    lang = _sample(rng, V.LANGUAGES, year, 1)[0]
    s = _stack(rng, year, "backend", lang)
    loc = rng.choice(rng.choice(V.LOCATIONS)[1])
    vals = _escaped({
        "lang": s["lang"][0], "db": s["db"][0], "infra": s["infra"][0], "cloud": s["cloud"][0],
        "yrs": str(rng.randint(3, 20)), "loc": loc
    })
    techs = ", ".join(s["lang"] + s["fw"] + s["db"] + s["cloud"] + s["infra"] + s["ai"][:1])
    handle = V.handle(rng)
    cv = _link(f"https://{handle.replace('_', '')}.dev/cv")
    lines = _esc(f"Location: {loc}\nRemote: Yes\nTechnologies: {techs}\nRésumé/CV: ") + cv
    paras = [_fill(rng.choice(V.SEEKER_FIRST_LINES), vals), lines,
             _fill(rng.choice(V.SEEKER_PITCHES), vals),
             _esc(f"Email: {handle}@{rng.choice(V.MAIL_HOSTS)}")]
    rate = rng.choice(V.SEEKER_RATES) if freelance else ""
    return paras + ([_esc(rate)] if rate else [])


def _client_paragraphs(rng: random.Random, year: float, used: set[str]) -> list[str]:
    lang = _sample(rng, V.LANGUAGES, year, 1)[0]
    c = _new_company(rng, used, lang, year, register=False)  # must not perturb hiring names
    s = _stack(rng, year, "backend", lang)
    vals = _escaped({
        "lang": s["lang"][0], "db": s["db"][0], "infra": s["infra"][0], "cloud": s["cloud"][0],
        "area": rng.choice(V.AREAS), "ai": (s["ai"] or ["LLMs"])[0]
    })
    mode = rng.choice(V.REMOTE_SCOPES["ANY"] + V.REMOTE_SCOPES["US"] + V.REMOTE_SCOPES["EU"])
    budget = rng.choice(V.FREELANCE_BUDGETS) if rng.random() < 0.6 else ""
    head = " | ".join(x for x in ("SEEKING FREELANCER", c.name, mode, budget) if x)
    contact = rng.choice((_link(f"https://{c.domain}/contract"), _esc(f"dev@{c.domain}")))
    return [_esc(head), _fill(rng.choice(V.FREELANCE_NEEDS), vals), _stack_paragraph(rng, s),
            _esc("Contact: ") + contact]


def _offset(rng: random.Random) -> int:
    """Seconds after the story: a burst in the first hours, then a tail over ~2 weeks."""
    r = rng.random()
    if r < 0.45:
        sec = rng.expovariate(1 / 5400)
    elif r < 0.72:
        sec = rng.uniform(3 * 3600, 48 * 3600)
    else:
        sec = 2 * _DAY + rng.expovariate(1 / (3.5 * _DAY))
    return int(min(max(sec, 15), 15 * _DAY))


def _add_noise(rng: random.Random, top: list[_Node], start: int, reply_p: float,
               deleted_p: float) -> None:
    for node in list(top):
        if rng.random() < reply_p:
            question, answer = rng.choice(V.REPLIES)
            q = _Node(node.time + 60 + int(rng.expovariate(1 / 20000)), V.handle(rng),
                      _join([_fill(question, _escaped({"place": rng.choice(V.LOCATIONS)[0]}))]))
            node.children.append(q)
            if rng.random() < 0.5:
                when = q.time + 120 + int(rng.expovariate(1 / 30000))
                q.children.append(_Node(when, node.author, _join([_esc(answer)])))
            if rng.random() < 0.1:
                q.children.append(_Node(q.time + 300, "", None))
    for _ in range(max(1, round(len(top) * deleted_p * rng.uniform(0.5, 1.5)))):
        dead = _Node(start + _offset(rng), "", None)
        if rng.random() < 0.1:
            text = _join([_esc("Why was this removed?")])
            dead.children.append(_Node(dead.time + 900, V.handle(rng), text))
        top.append(dead)


def _hiring_thread(rng: random.Random, year: float, start: int, count: int,
                   pool: list[_Company], used: set[str]) -> list[_Node]:
    top: list[_Node] = []
    recent = list(dict.fromkeys(pool))  # companies that posted lately tend to post again
    rng.shuffle(recent)
    this_month: list[_Company] = []
    for _ in range(count):
        if recent and rng.random() < 0.45:
            company = recent.pop()
        else:
            company = _new_company(rng, used, _sample(rng, V.LANGUAGES, year, 1)[0], year)
        this_month.append(company)
        lang = company.lang if rng.random() < 0.7 else _sample(rng, V.LANGUAGES, year, 1)[0]
        text = _join(_job_paragraphs(rng, year, company, lang), rng.random() < 0.05)
        top.append(_Node(start + _offset(rng), company.poster, text))
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):  # seekers who picked the wrong thread
        text = _join(_seeker_paragraphs(rng, year, False), rng.random() < 0.3)
        top.append(_Node(start + _offset(rng), V.handle(rng), text))
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
        text = _join([_esc(rng.choice(V.BOT_COMMENTS))])
        top.append(_Node(start + rng.randint(60, _DAY), BOT, text))
    _add_noise(rng, top, start, reply_p=0.08, deleted_p=0.012)
    pool[:] = (pool + this_month)[-3 * count:]
    return top


def _freelance_thread(rng: random.Random, year: float, start: int, count: int,
                      used: set[str]) -> list[_Node]:
    top = []
    for _ in range(count):  # demand side about 40%, freelancers advertising themselves 60%
        paras = (_client_paragraphs(rng, year, used) if rng.random() < 0.4
                 else _seeker_paragraphs(rng, year, True))
        top.append(_Node(start + _offset(rng), V.handle(rng), _join(paras, rng.random() < 0.05)))
    _add_noise(rng, top, start, reply_p=0.04, deleted_p=0.01)
    return top


def _month_count(rng: random.Random, month: dt.date, bounds: tuple[int, int]) -> int:
    level = _trend(V.YEAR_VOLUME, month.year + (month.month - 1) / 12) * V.SEASON[month.month - 1]
    frac = min(max((level * rng.uniform(0.96, 1.04) - 0.55) / 0.6, 0.0), 1.0)
    return bounds[0] + round((bounds[1] - bounds[0]) * frac)


def _walk(nodes: list[_Node]) -> list[_Node]:
    out = []
    for n in nodes:
        out.append(n)
        out.extend(_walk(n.children))
    return out


def _tree(node: _Node, parent_id: int, story_id: int) -> dict[str, Any]:
    node.children.sort(key=lambda n: (n.time, n.id))
    kids = [_tree(k, node.id, story_id) for k in node.children]
    if node.text is None:  # the hn-search serializer drops every other field of a deleted item
        return {"id": node.id, "children": kids}
    return {"id": node.id, "created_at": _iso(node.time, True), "created_at_i": node.time,
            "type": "comment", "author": node.author, "title": None, "url": None,
            "text": node.text, "points": None, "parent_id": parent_id, "story_id": story_id,
            "options": [], "children": kids}


def _hit(sid: int, title: str, guide: Sequence[str], ts: int, kids: list[int], comments: int,
         points: int, updated: int) -> dict[str, Any]:
    text = "<p>".join(_esc(p) for p in guide)  # the search index keeps Firebase's raw paragraphs
    hl = {k: {"value": v, "matchLevel": "none", "matchedWords": []}
          for k, v in (("author", BOT), ("story_text", text), ("title", title))}
    return {"_highlightResult": hl, "_tags": ["story", f"author_{BOT}", f"story_{sid}", "ask_hn"],
            "author": BOT, "children": kids, "created_at": _iso(ts), "created_at_i": ts,
            "num_comments": comments, "objectID": str(sid), "points": points, "story_id": sid,
            "story_text": text, "title": title, "updated_at": _iso(updated)}


def _root(sid: int, title: str, guide: Sequence[str], ts: int, points: int,
          kids: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": sid, "created_at": _iso(ts, True), "created_at_i": ts, "type": "story",
            "author": BOT, "title": title, "url": None, "text": _join([_esc(p) for p in guide]),
            "points": points, "parent_id": None, "story_id": sid, "options": [], "children": kids}


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_hn_corpus(root: Path, *, seed: int = 7, months: int = 48,
                    end: dt.date = dt.date(2026, 11, 1),
                    postings_per_month: tuple[int, int] = (230, 330),
                    freelancer_threads: bool = True) -> CorpusSummary:
    """Write ``root/hn/stories.json`` and ``root/hn/items/*.json`` for the ``months`` months
    ending with ``end``'s month. ``postings_per_month`` bounds the job ads per hiring thread (a
    few seekers, bot notes and deleted comments come on top); stale item files are removed."""
    items_dir = root / "hn" / "items"
    items_dir.mkdir(parents=True, exist_ok=True)
    month_list = iter_hn_months(end, months)
    pool: list[_Company] = []
    used: set[str] = set()
    hits: list[dict[str, Any]] = []
    written: set[str] = set()
    last_id = postings = 0
    for month in month_list:
        rng = random.Random(f"{seed}:{month.isoformat()}:hiring")
        frng = random.Random(f"{seed}:{month.isoformat()}:freelance")
        year = month.year + (month.month - 1) / 12
        start = int(thread_post_time(month).timestamp()) + rng.randint(0, 50)
        count = _month_count(rng, month, postings_per_month)
        hiring = _hiring_thread(rng, year, start, count, pool, used)
        freelance = None
        if freelancer_threads:
            freelance = _freelance_thread(frng, year, start, _month_count(frng, month, (60, 120)),
                                          used)
        # The account posts freelancer, wants, hiring in a row: hiring gets the highest id.
        fid = max(_id_at(start), last_id + 1)
        last_id = fid + 2
        nodes = _walk(hiring) + _walk(freelance or [])
        for _, node in sorted(enumerate(nodes), key=lambda p: (p[1].time, p[0])):
            last_id = max(_id_at(node.time), last_id + rng.randint(1, 4))
            node.id = last_id
        label = f"({calendar.month_name[month.month]} {month.year})"
        threads = ((fid + 2, HIRING, V.GUIDE_HIRING, hiring, rng.randint(150, 600)),
                   (fid + 1, WANTS, V.GUIDE_WANTS, None, rng.randint(100, 400)),
                   (fid, FREELANCE, V.GUIDE_FREELANCE, freelance, rng.randint(40, 200)))
        for sid, name, guide, top, points in threads:
            title = f"Ask HN: {name} {label}"
            if top is None:
                hits.append(_hit(sid, title, guide, start, [], rng.randint(150, 500), points,
                                 start + 28 * _DAY))
                continue
            top.sort(key=lambda n: (n.time, n.id))
            live = [n for n in _walk(top) if n.text is not None]
            updated = max((n.time for n in live), default=start) + rng.randint(3600, 9 * _DAY)
            hits.append(_hit(sid, title, guide, start, [n.id for n in top], len(live), points,
                             updated))
            if name == HIRING:
                postings += sum(1 for n in top if n.text is not None)
            kids = [_tree(n, sid, sid) for n in top]
            body = _dump(_root(sid, title, guide, start, points, kids))
            (items_dir / f"{sid}.json").write_text(body, encoding="utf-8")
            written.add(f"{sid}.json")
    for stale in items_dir.glob("*.json"):
        if stale.name not in written:
            stale.unlink()
    hits.sort(key=lambda h: (h["created_at_i"], h["story_id"]), reverse=True)
    (root / "hn" / "stories.json").write_text(_dump(hits), encoding="utf-8")
    return CorpusSummary(len(month_list), postings, month_list[0], month_list[-1])
