"""The text of one top-level comment in the synthetic HN corpus: a job ad, a seeker or a client.

Companies, stacks, work modes and roles are drawn from ``hn_vocab``/``hn_trends`` for the posting's
year and rendered in HN's markup (``hn_markup``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import attrs

from pipeline.demo.hn_markup import esc, escaped, fill, html_link
from pipeline.demo.hn_pay import FREELANCE_BUDGETS, PAY_SENTENCES, SEEKER_RATES, pay_text
from pipeline.demo.hn_prose import (
    AI_SENTENCES,
    AMBIGUOUS,
    APPLY,
    AREAS,
    BENEFITS,
    FREELANCE_NEEDS,
    INTRO_FIRST_LINES,
    INTRO_SENTENCES,
    PROCESS,
    PROSE_STACKS,
    REQ_LINES,
    ROLE_BLURBS,
    SEEKER_FIRST_LINES,
    SEEKER_PITCHES,
    SIZE_PHRASES,
    STACK_LEADS,
    STAGES,
    TRAPS,
)
from pipeline.demo.hn_trends import (
    AI,
    AI_MENTION_SHARE,
    AWS_SERVICES,
    CLOUD,
    DATA_TOOLS,
    DATASTORES,
    FREELANCE_FRAMEWORKS,
    FRONTEND,
    HYBRID_SHARE,
    INFRA,
    LANGUAGE_FRAMEWORKS,
    LANGUAGE_SPELLINGS,
    LANGUAGES,
    OBSERVABILITY,
    REMOTE_SHARE,
    SECOND_LANGUAGES,
    sample,
    seeded_languages,
)
from pipeline.demo.hn_vocab import (
    ATS_HOSTS,
    EMPLOYMENT,
    EXTRA_ROLES,
    HYBRID_FORMS,
    LOCATIONS,
    MAIL_HOSTS,
    NAME_HEADS,
    NAME_SUFFIXES,
    NAME_TAILS,
    ONSITE_FORMS,
    PRODUCTS,
    REMOTE_REGIONS,
    REMOTE_SCOPES,
    ROLE_FAMILIES,
    SENIORITY,
    TLDS,
    VC_HEADS,
    VC_TAILS,
    coin_name,
    handle,
)
from pipeline.demo.nonengineering import nonengineering_text
from pipeline.demo.seeded_trends import (
    EARLY_KUBERNETES,
    FREELANCE_LANGUAGES,
    NON_ENGINEERING_SHARE,
    trend,
)

Location = tuple[str, tuple[str, ...], str, str, float]


Stack = dict[str, list[str]]


@attrs.frozen
class Company:
    name: str
    slug: str
    domain: str
    product: str
    customers: str
    location: Location
    lang: str
    yc: str
    poster: str


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def new_company(rng: random.Random, used: set[str], lang: str, year: float,
                 register: bool = True) -> Company:
    for _ in range(50):  # a repeated name would merge two companies in the warehouse
        r = rng.random()
        if r < 0.55:
            base = rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
        elif r < 0.85:
            base = coin_name(rng)
        else:
            base = f"{rng.choice(NAME_HEADS)} {rng.choice(NAME_HEADS)}"
        name = base + _weighted(rng, NAME_SUFFIXES)
        if name not in used:
            break
    if register:
        used.add(name)
    slug = base.lower().replace(" ", "")
    tld = ".ai" if name.endswith(" AI") else rng.choice(TLDS)
    # A batch of the last few years, from 2015 on; a corpus reaching back before 2015 (a
    # backfill test) takes its own year's batches.
    newest = int(year) - 2000
    batch = rng.randint(min(max(15, int(year) - 2009), newest), newest)
    yc = f"(YC {rng.choice('WS')}{batch})" if rng.random() < 0.15 else ""
    location = rng.choices(LOCATIONS, [loc[4] for loc in LOCATIONS])[0]
    product, customers = rng.choice(PRODUCTS)
    return Company(name, slug, slug + tld, product, customers, location, lang, yc, handle(rng))


def _spelled(rng: random.Random, lang: str) -> str:
    return rng.choice(LANGUAGE_SPELLINGS.get(lang, (lang,)))


def _stack(rng: random.Random, year: float, family: str, lang: str) -> Stack:
    """An ``hn`` ad's stack: ``lang`` first, then an optional second and the seeded languages."""
    langs = [_spelled(rng, lang)]
    second = sample(rng, SECOND_LANGUAGES, 1)[0]
    if second != lang and rng.random() < 0.3:  # "plus some Python for data work"
        langs.append(second)
    langs += [_spelled(rng, x) for x in seeded_languages(rng, year)]
    return _companions(rng, family, langs, LANGUAGE_FRAMEWORKS.get(lang, {}))


def _companions(rng: random.Random, family: str, langs: list[str],
                frameworks: dict[str, float]) -> Stack:
    ai_share = AI_MENTION_SHARE + (0.5 if family == "ml" else 0.0)
    wants_front = family == "fullstack" or rng.random() < 0.25
    return {
        "lang": langs,
        "fw": sample(rng, frameworks, rng.randint(1, 2)),
        "db": sample(rng, DATASTORES, rng.randint(1, 3)),
        "cloud": sample(rng, CLOUD, 1 if rng.random() < 0.85 else 2),
        "infra": sample(rng, INFRA, rng.randint(1, 3)),
        "front": sample(rng, FRONTEND, rng.randint(1, 2)) if wants_front else [],
        "data": sample(rng, DATA_TOOLS, rng.randint(2, 3)) if family == "data" else [],
        "ai": sample(rng, AI, rng.randint(1, 3)) if rng.random() < ai_share else [],
        "obs": sample(rng, OBSERVABILITY, 1) if rng.random() < 0.3 else [],
    }


def _stack_paragraph(rng: random.Random, s: Stack) -> str:
    if rng.random() < 0.4:
        vals = escaped({
            "lang": s["lang"][0], "fw": (s["fw"] or [""])[0], "db": s["db"][0],
            "store": s["db"][-1], "cloud": s["cloud"][0], "infra": " and ".join(s["infra"][:2])
        })
        templates = [t for t in PROSE_STACKS if s["fw"] or "{fw}" not in t]
        extra = s["lang"][1:] + s["front"] + s["data"] + s["obs"]
        tail = esc(f" Also: {', '.join(extra)}.") if extra else ""
        return fill(rng.choice(templates), vals) + tail
    cloud = [f"{c} ({', '.join(rng.sample(AWS_SERVICES, rng.randint(1, 3)))})"
             if c == "AWS" and rng.random() < 0.4 else c for c in s["cloud"]]
    items = [*s["lang"], *s["fw"], *s["db"], *cloud, *s["infra"], *s["front"], *s["data"],
             *s["ai"], *s["obs"]]
    sep = ", " if rng.random() < 0.85 else " / "
    return esc(rng.choice(STACK_LEADS) + sep.join(items) + rng.choice(("", ".", "")))


def _work_mode(rng: random.Random, year: float, company: Company) -> tuple[str, str]:
    """(mode text, pay market); the remote scope follows the company's country."""
    country, market = company.location[2], company.location[3]
    r, remote = rng.random(), trend(REMOTE_SHARE, year)
    if r < remote:
        region = REMOTE_REGIONS.get(country, "EU" if market[:2] in ("eu", "pl", "ch") else "ANY")
        if rng.random() < 0.3:
            region = "ANY"
        pay_market = {"ANY": "remote_global", "US": "remote_us"}.get(region, market)
        return rng.choice(REMOTE_SCOPES[region]), pay_market
    if r < remote + trend(HYBRID_SHARE, year):
        return rng.choice(HYBRID_FORMS), market
    return rng.choice(ONSITE_FORMS), market


def _roles(rng: random.Random, year: float) -> tuple[list[str], str, str, float]:
    """Titles (main one first), role family, employment type and the main title's base pay."""
    families = ROLE_FAMILIES
    fam = rng.choices(families, [f[2] for f in families])[0]
    sen, mult, _ = rng.choices(SENIORITY, [s[2] for s in SENIORITY])[0]
    emp = _weighted(rng, EMPLOYMENT)
    if "Intern" in emp:
        roles, mult = [f"{rng.choice(fam[1])} Intern"], 0.45
    else:
        roles = [f"{sen} {rng.choice(fam[1])}".strip()]
    if rng.random() < 0.35:  # one ad, several roles
        roles += [rng.choice(rng.choice(families)[1]) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.15:
        roles.append(rng.choice(EXTRA_ROLES))
    ai_premium = 1 + (year - 2023) * 0.03 if fam[0] == "ml" else 1.0
    return list(dict.fromkeys(roles)), fam[0], emp, fam[3] * mult * ai_premium


def _header(rng: random.Random, c: Company, fields: list[str], style: float) -> str:
    if rng.random() < 0.5:  # posters order fields freely; the company stays first as usual
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(len(fields) - 1)
            fields[i], fields[i + 1] = fields[i + 1], fields[i]
    fields = [f for f in fields if f]
    if rng.random() < 0.9:
        company = esc(f"{c.name} {c.yc}".strip())
    else:
        company = f"{esc(c.name)} ({html_link('https://' + c.domain)})"
    if style < 0.08:
        return f"{company} [{' | '.join(fields)}]"
    seps = ((" | ", 80), (" - ", 8), (" – ", 5), (" &#x2F; ", 2), (" · ", 2))
    return _weighted(rng, seps).join([company, *fields])


def job_paragraphs(rng: random.Random, year: float, c: Company, lang: str,
                   early: bool = False) -> list[str]:
    """An engineering ad; ``early`` ads (a thread's first hours) name Kubernetes more often."""
    roles, family, emp, base = _roles(rng, year)
    mode, market = _work_mode(rng, year, c)
    where = rng.choice(c.location[1])
    s = _stack(rng, year, family, lang)
    if early and not {"Kubernetes", "k8s"} & set(s["infra"]) and rng.random() < EARLY_KUBERNETES:
        s["infra"].insert(0, "Kubernetes")
    pay = pay_text(rng, year, base, market, "Contract" in emp) if rng.random() < 0.4 else ""
    pay_in_header = bool(pay) and rng.random() < 0.65
    job_id = f"{rng.getrandbits(64):016x}-{rng.randint(1000, 9999)}"
    url = rng.choice((f"https://{c.domain}/careers", f"https://{c.domain}/jobs",
                      "https://" + rng.choice(ATS_HOSTS).format(slug=c.slug),
                      f"https://jobs.ashbyhq.com/{c.slug}/{job_id}"))
    email = rng.choice((f"jobs@{c.domain}", f"{c.poster}@{c.domain}", f"hiring@{c.domain}",
                        f"careers [at] {c.domain}"))
    role_text = roles[0] if len(roles) == 1 else rng.choice(
        (", ".join(roles), " / ".join(roles), "Multiple roles", f"{roles[0]} and more"))
    vals = escaped({
        "company": c.name, "domain": c.domain, "roles": role_text, "where": where,
        "product": c.product, "customers": c.customers, "role": roles[0],
        "area": rng.choice(AREAS), "email": email, "e": str(rng.randint(2, 40)),
        "yrs": str(rng.randint(3, 8)), "n": str(rng.randint(5, 300)),
        "y": str(int(year) + rng.randint(0, 1)), "m": str(rng.choice((4, 8, 12, 25, 40, 120))),
        "r": rng.choice(STAGES), "vc": f"{rng.choice(VC_HEADS)} {rng.choice(VC_TAILS)}",
        "b": str(rng.randint(1, 30)), "k": str(rng.randint(2, 900)), "fy": str(rng.randint(2008,
        int(year) - 1)), "lang": s["lang"][0], "db": s["db"][0], "infra": s["infra"][0],
        "cloud": s["cloud"][0], "ai": ", ".join(s["ai"]) or "LLMs"
    })
    link = html_link(url)
    style = rng.random()
    if style < 0.06:  # no header line at all, just prose
        paras = [fill(rng.choice(INTRO_FIRST_LINES), vals)]
    else:
        url_field = (link if rng.random() < 0.85 else esc(c.domain)) if rng.random() < 0.5 else ""
        fields = [esc(role_text) if rng.random() < 0.85 else "",
                  esc(where) if rng.random() < 0.85 or "REMOTE" not in mode.upper() else "",
                  esc(mode) if rng.random() < 0.9 else "",
                  esc(emp) if rng.random() < 0.7 else "",
                  esc(pay) if pay_in_header else "", url_field]
        paras = [_header(rng, c, fields, style)]
    body: list[str] = []
    if rng.random() < (0.3 if style < 0.06 else 0.9):
        intro = fill(rng.choice(INTRO_SENTENCES), vals)
        if rng.random() < 0.35:
            intro += " " + fill(rng.choice(SIZE_PHRASES), vals)
        if rng.random() < 0.3:
            intro += " " + fill(rng.choice(TRAPS), vals)
        body.append(intro)
    if rng.random() < 0.7:
        body.append(fill(rng.choice(ROLE_BLURBS), vals))
    if len(roles) > 1 and rng.random() < 0.6:
        tech = [r not in EXTRA_ROLES and rng.random() < 0.4 for r in roles]
        lines = [f"- {r} ({rng.choice(s['lang'] + s['infra'])})" if t else f"- {r}"
                 for r, t in zip(roles, tech, strict=True)]
        if rng.random() < 0.2:
            code = esc("\n".join("  " + ln for ln in lines))
            body.append(f"<pre><code>{code}\n</code></pre>")
        else:  # HN keeps single newlines literally inside a paragraph
            body.append(esc("We're hiring:\n" + "\n".join(lines)))
    body.append(_stack_paragraph(rng, s))  # always: it carries the seeded languages
    if s["ai"] and rng.random() < 0.6:
        body.append(fill(rng.choice(AI_SENTENCES), vals))
    if rng.random() < 0.4:
        reqs = [fill(t, vals) for t in rng.sample(REQ_LINES, rng.randint(2, 5))]
        body.append(esc("You might be a fit if you:") + "\n- " + "\n- ".join(reqs))
    if rng.random() < 0.15:
        body.append(fill(rng.choice(AMBIGUOUS), vals))
    if pay and not pay_in_header:
        body.append(esc(rng.choice(PAY_SENTENCES).format(pay)))
    for pool, p in ((BENEFITS, 0.4), (PROCESS, 0.3)):
        if rng.random() < p:
            body.append(fill(rng.choice(pool), vals))
    if len(body) < 2:
        body.append(fill(rng.choice(BENEFITS), vals))
    if rng.random() < 0.05:
        body.append("<i>" + esc("Please mention Hacker News when you apply.") + "</i>")
    body = body[:6]  # keeps ads at 3-8 paragraphs including header and apply line
    if rng.random() < 0.85:
        body.append(fill(rng.choice(APPLY), vals, link=link))
    return paras + body


def seeker_paragraphs(rng: random.Random, year: float, freelance: bool) -> list[str]:
    lang = sample(rng, LANGUAGES, 1)[0]
    s = _stack(rng, year, "backend", lang)
    loc = rng.choice(rng.choice(LOCATIONS)[1])
    vals = escaped({
        "lang": s["lang"][0], "db": s["db"][0], "infra": s["infra"][0], "cloud": s["cloud"][0],
        "yrs": str(rng.randint(3, 20)), "loc": loc
    })
    techs = ", ".join(s["lang"] + s["fw"] + s["db"] + s["cloud"] + s["infra"] + s["ai"][:1])
    user = handle(rng)
    cv = html_link(f"https://{user.replace('_', '')}.dev/cv")
    lines = esc(f"Location: {loc}\nRemote: Yes\nTechnologies: {techs}\nRésumé/CV: ") + cv
    paras = [fill(rng.choice(SEEKER_FIRST_LINES), vals), lines,
             fill(rng.choice(SEEKER_PITCHES), vals),
             esc(f"Email: {user}@{rng.choice(MAIL_HOSTS)}")]
    rate = rng.choice(SEEKER_RATES) if freelance else ""
    return paras + ([esc(rate)] if rate else [])


def nonengineering_paragraphs(rng: random.Random, year: float, c: Company) -> list[str]:
    """A sales, design, product, recruiting or support ad in a "Who is hiring?" thread."""
    ad = nonengineering_text(rng)
    mode, _ = _work_mode(rng, year, c)
    fields = [esc(ad.title), esc(rng.choice(c.location[1])), esc(mode),
              esc(_weighted(rng, EMPLOYMENT)), html_link(f"https://{c.domain}/careers")]
    vals = escaped({"company": c.name, "product": c.product, "customers": c.customers})
    hiring = esc(f"We're looking for a {ad.title} to join the {ad.department} team.")
    body = [fill(rng.choice(INTRO_SENTENCES), vals) + " " + hiring, *(esc(d) for d in ad.duties),
            esc("You might be a fit if you have:") + "\n- " + "\n- ".join(esc(n) for n in ad.needs)]
    return [_header(rng, c, fields, 1.0), *body,
            fill(rng.choice(APPLY[:3]), vals, link=html_link(f"https://{c.domain}/careers"))]


def client_paragraphs(rng: random.Random, year: float, used: set[str]) -> list[str]:
    """A freelance client's post: its own flat mix of languages (``FREELANCE_LANGUAGES``)."""
    lang = sample(rng, FREELANCE_LANGUAGES, 1)[0]
    c = new_company(rng, used, lang, year, register=False)  # must not perturb hiring names
    mode = rng.choice(REMOTE_SCOPES["ANY"] + REMOTE_SCOPES["US"] + REMOTE_SCOPES["EU"])
    budget = rng.choice(FREELANCE_BUDGETS) if rng.random() < 0.6 else ""
    contact = rng.choice((html_link(f"https://{c.domain}/contract"), esc(f"dev@{c.domain}")))
    if rng.random() < NON_ENGINEERING_SHARE:
        ad = nonengineering_text(rng)
        head = " | ".join(x for x in ("SEEKING FREELANCER", c.name, ad.title, mode, budget) if x)
        return [esc(head), *(esc(d) for d in ad.duties), esc("Contact: ") + contact]
    frameworks = FREELANCE_FRAMEWORKS.get(lang, LANGUAGE_FRAMEWORKS.get(lang, {}))
    s = _companions(rng, "fullstack", [lang], frameworks)
    vals = escaped({
        "lang": s["lang"][0], "db": s["db"][0], "infra": s["infra"][0], "cloud": s["cloud"][0],
        "area": rng.choice(AREAS), "ai": (s["ai"] or ["LLMs"])[0]
    })
    head = " | ".join(x for x in ("SEEKING FREELANCER", c.name, mode, budget) if x)
    return [esc(head), fill(rng.choice(FREELANCE_NEEDS), vals), _stack_paragraph(rng, s),
            esc("Contact: ") + contact]
