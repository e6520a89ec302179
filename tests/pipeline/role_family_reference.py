"""Frozen copy of pipeline/normalize/role_family.py as it was before its scans were made
faster: the reference the equivalence test compares classify_role with. Test-only; do not
change it (the rules it encodes are documented in the product module).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal, get_args

import attrs

__all__ = ["ENGINEERING_FAMILIES", "FAMILIES", "RoleFamily", "classify_role"]

Family = Literal[
    "backend", "frontend", "full_stack", "mobile", "data_ml", "devops_sre", "qa_test",
    "security", "embedded", "eng_management", "engineering_other", "non_engineering",
]
FAMILIES: tuple[Family, ...] = get_args(Family)
ENGINEERING_FAMILIES: tuple[Family, ...] = FAMILIES[:-1]


@attrs.frozen
class RoleFamily:
    family: Family
    evidence: str


_I = re.I
_NON_SW = (
    r"(?:sales|solutions?|pre-?sales|customer(?:\s+success)?|support|field|implementation|onboarding|"
    r"deployment|partner|integrations?\s+support|technical\s+account|value)\s+"
    r"(?:engineer|architect|consultant|engineering)\w*|"
    r"developer\s+(?:advocate|relations|evangelist|marketing)|devrel|dev\s+rel\b|"
    r"(?:technical|content|ux|copy)\s*writer|"
    r"(?:mechanical|civil|chemical|process|manufacturing|structural|hvac|industrial|"
    r"biomedical|environmental|construction|maintenance|geotechnical|petroleum|mining|"
    r"packaging|facilities|sales|service|vertriebs|bau|maschinenbau)[- ]?(?:ingenieur|engineer)"
    r"\w*"
)
_MGMT = (
    r"(?:engineering|software|development|dev|platform|infrastructure|(?-i:IT)|qa|devops|"
    r"data\s+(?:science|engineering)|machine\s+learning|ml|r&d|technical)\s+"
    r"(?:engineering\s+)?(?:manager|director)\b|"
    r"(?:manager|director|head|vp|vice\s+president|svp|evp)\s*,?\s*(?:of\s+)?"
    r"(?:(?!business|sales|marketing|customer)\w+\s+)?(?:engineering|technology|"
    r"software\s+development|development|data(?:\s+science)?|machine\s+learning|ml|ai|"
    r"platform|infrastructure|security|(?-i:IT)|r&d)\b|"
    r"\b(?:vp|head)\s+(?:of\s+)?eng\b|engineering\s+lead\b|\bcto\b|\bcio\b|\bciso\b|"
    r"chief\s+(?:technology|technical|information|ai|data|information\s+security)\s+officer|"
    r"technical\s+co-?founder|(?:team|abteilungs)?leit(?:er|erin|ung)\s+(?:\w+\s+)?"
    r"(?:software\w*|entwicklung|it\b|informatik|engineering|development)|"
    r"(?:software|entwicklungs|it-)(?:team)?leit\w*"
)
_NON_ENG = (
    r"(?:product|program|programme|project|account|marketing|sales|office|community|"
    r"partner(?:ship)?s?|customer\s+success|success|brand|content|social\s+media|hr|people|"
    r"operations|finance|category|growth|event|events|territory|regional|store|"
    r"restaurant|recruiting|talent|delivery|release\s+train)\s+(?:manager|lead|director|"
    r"owner|management)|"
    r"product\s+(?:owner|lead|management|marketing|analyst|ops)|scrum\s*master|agile\s+coach|"
    r"account\s+(?:executive|exec|director)|business\s+development|\bbdr\b|\bsdr\b|"
    r"(?:head|director|vp|vice\s+president|chief)\s+(?:of\s+)?\w+|\b(?:cfo|coo|ceo|cmo|cro)\b|"
    r"chief\s+of\s+staff|"
    r"\w*designer\w*|\w*gestalter\w*|\b(?:recruit\w*|sourcer|talent\w*|marketer|marketing|"
    r"sales|account(?:ant|ing)|bookkeep\w*|controller|counsel|lawyer|attorney|paralegal|"
    r"legal|writer|editor|copywriter|assistant|representative|rep|coordinator|"
    r"executive|receptionist|strategist|videographer|photographer|nurse|teacher|driver|"
    r"cook|chef|cashier|warehouse|logistics|gtm|go[- ]to[- ]market)\b|"
    r"\w*vertrieb\w*|\w*verkäufer\w*|\w*kauf(?:mann|frau|leute)\w*|sachbearbeit\w*|\w*buchhalt\w*|"
    r"personal\w*|kundenberat\w*|kundenservice\w*|\w*berater\w*|\w*referent\w*|\w*pfleg\w*|"
    r"erzieher\w*|steuerfach\w*|einkäufer\w*|lagerist\w*|fahrer\w*|"
    r"manager|director|officer|associate|advisor|adviser|agent|partner"
)
_ENG = (
    r"engineers?\b|engineering|developers?\b|programmers?\b|\bswes?\b|\bsdes?\b|\bmts\b|"
    r"member\s+of\s+(?:the\s+)?technical\s+staff|hackers?\b|coders?\b|"
    r"tech(?:nical)?\s+lead|software\s+architect|\w*entwickl\w*|\w*informatiker\w*|"
    r"\w*ingenieur\w*|\bsres?\b|\bsdets?\b|devops|testers?\b|\bdevs?\b|\beng\b"
)
_WEAK = (
    r"\w*analyst\w*|scientists?|researchers?|consultants?|specialists?|\w*administrat\w*|"
    r"admins?\b|architects?|team\s*lead\w*|\w*expert\w*|technologists?|operators?"
)
# Anchored at word starts: a noun inside a compound is spelled with a leading \w*
# ("Softwareentwickler"), so no match is tried from the middle of a word (which made long texts
# slow).
_NOUN = re.compile(
    rf"\b(?:(?P<non_sw>{_NON_SW})|(?P<mgmt>{_MGMT})|(?P<eng>{_ENG})|(?P<non_eng>{_NON_ENG})|"
    rf"(?P<weak>{_WEAK}))",
    _I,
)
# Prose names managers as colleagues ("reports to the Head of Data"): the text is read for
# engineering nouns only.
_BODY_NOUN = re.compile(rf"\b(?:(?P<non_sw>{_NON_SW})|(?P<eng>{_ENG}))", _I)

_ROLE_WORDS: list[tuple[Family, str]] = [
    ("qa_test", r"\bqa\b|quality\s+assurance|\bsdets?\b|\btest(?:ing|s)?\b|\btesters?\b|"
                r"\bqs\b|qualitätssicherung|software\s+quality|\w*tester\b|testautomat\w*"),
    ("security", r"secur\w*|\bappsec|infosec|cyber\w*|pen(?:etration)?[- ]?test\w*|\bsoc\b|"
                 r"offensive|red\s+team|sicherheit\w*|devsecops|\biam\b|cryptograph\w*"),
    ("embedded", r"embedded|firmware|\bfpga|\basic\b|\brtl\b|hardware|electrical|electronic\w*|"
                 r"robotic\w*|\bkernel|device\s+drivers?|eingebettet\w*|elektro\w*|\bplc\b|"
                 r"autosar|microcontroller\w*|\bmcu\b|\biot\b|\bdsp\b|avionics|mechatroni\w*|"
                 r"\brtos\b|silicon|chip|\bpcb\b|circuit"),
    ("mobile", r"\bios\b|android|mobile|react\s+native|flutter|(?<!web\s)\bapp[- ]"
               r"(?:developer|engineer|entwickl\w*)"),
    ("data_ml", r"\bdata\b|\bdaten\w*|\bml\b|\bai\b|machine\s+learning|deep\s+learning|\bllms?\b|"
                r"\bnlp\b|computer\s+vision|analytics|\bbi\b|business\s+intelligence|\betl\b|"
                r"mlops|\bresearch\b|applied\s+scientist|\bgenai\b|\bki\b|datenanaly\w*|"
                r"big\s+data|scientist|inference|reinforcement\s+learning"),
    ("devops_sre", r"devops|\bsres?\b|site\s+reliability|reliability|platform|infrastructure|"
                   r"\binfra\b|cloud|\bops\b|sys\s*admin\w*|system(?:s)?\s*administrat\w*|"
                   r"systemadministrat\w*|systemintegration|\bnetwork\w*|\bnetz\w*|"
                   r"production\s+engineer|release\s+engineer|build\s+engineer|\bdevex\b|"
                   r"developer\s+(?:productivity|experience)|observability|\bdba\b|"
                   r"database\s+administrat\w*|linux\s+admin\w*|\bit[- ]administrat\w*"),
    ("full_stack", r"full[- ]?stack\w*|\bfs\b|product\s+(?:engineer|developer|dev)\w*"),
    ("frontend", r"front[- ]?end\w*|(?-i:\bFE\b)|\bui\b|user\s+interface|\bweb\b|webentwickl\w*|"
                 r"design\s+engineer\w*|creative\s+technologist"),
    ("backend", r"back[- ]?end\w*|(?-i:\bBE\b)|\bserver\w*|\bapis?\b|distributed\s+systems|"
                r"microservices?"),
]
_TECH_WORDS: list[tuple[Family, str]] = [
    ("frontend", r"\breact(?!\s+native)(?:\.?js)?\b|angular\w*|\bvue(?:\.?js)?\b|svelte|"
                 r"javascript|\bcss\b|\bnext\.?js"),
    ("mobile", r"\bswift\b|swiftui|kotlin\s+multiplatform|jetpack\s+compose"),
    ("data_ml", r"pytorch|tensorflow|\bspark\b|\bdbt\b|airflow|snowflake|databricks"),
    ("devops_sre", r"kubernetes|\bk8s\b|terraform|\bansible\b|\bhelm\b|\blinux\b"),
    ("backend", r"\bjava\b|golang|\bgo\b(?![- ]to\b)|python|\bruby\b|\brails\b|\bphp\b|"
                r"\.net\b|dotnet|\bc#|\bscala\b|elixir|erlang|\bnode(?:\.?js)?\b|\brust\b|"
                r"kotlin|clojure|haskell|django|laravel|spring\s+boot|\bdatabases?\b|"
                r"\bpostgres\w*|\bsql\b|payments?"),
]
# What the prose of a generic "Software Engineer" ad says about the work. Narrower than the
# title words: "data", "cloud", "platform" and "AI" are in nearly every ad's prose.
_TEXT_WORDS: list[tuple[Family, str]] = [
    ("backend", r"back[- ]?end|server[- ]side|\bapis?\b|distributed\s+systems|microservices|"
                r"\bgolang\b|\bjava\b|\bdjango\b|\brails\b|\bpostgres\w*|\bgrpc\b"),
    ("frontend", r"front[- ]?end|\breact(?!\s+native)\b|\bvue\b|angular|\bcss\b|\bui\b"),
    ("full_stack", r"full[- ]?stack"),
    ("mobile", r"\bios\b|android|\bswift\b|react\s+native|flutter|mobile\s+apps?"),
    ("data_ml", r"machine\s+learning|\bml\b|\bllms?\b|data\s+pipelines?|\betl\b|pytorch|"
                r"\bspark\b|data\s+engineering|data\s+science|\bmodels?\s+training"),
    ("devops_sre", r"kubernetes|\bk8s\b|terraform|\bci/cd\b|infrastructure[- ]as[- ]code|"
                   r"\bsre\b|devops|observability|on-call"),
    ("embedded", r"firmware|embedded|microcontroller|\brtos\b|\bfpga\b"),
    ("security", r"\bappsec\b|penetration\s+test|vulnerabilit\w+|threat\s+model"),
    ("qa_test", r"test\s+automation|selenium|cypress|playwright|\bqa\b"),
]
_ROLE_RX = [(f, re.compile(rx, _I)) for f, rx in _ROLE_WORDS]
_TECH_ANY = re.compile(r"\b(?:" + "|".join(rx for _f, rx in _TECH_WORDS + _TEXT_WORDS) + ")", _I)
_ASKED_NON_ENG = re.compile(
    r"\b(?:\w*designers?|marketers?|marketing\s+(?:lead|manager|help)|copywriters?|writers?|"
    r"recruiters?|sales\s*(?:people|person|reps?|lead)|account\s+executives?|bookkeepers?|"
    r"accountants?|video\s+editors?|virtual\s+assistants?)\b", _I)
_TECH_RX = [(f, re.compile(rx, _I)) for f, rx in _TECH_WORDS]
# One pass over the text, one named group per family.
_TEXT_RX = re.compile(r"\b(?:" + "|".join(f"(?P<{f}>{rx})" for f, rx in _TEXT_WORDS) + ")", _I)
_URL = re.compile(r"https?://\S+|www\.\S+|\S+\.(?:com|io|ai|dev|co|org|net)\b\S*", _I)
# "|" as HN asks, or " - ", " – ", " · ", " / " as some posters write it (three fields at least).
_HEADER_SPLIT = re.compile(r"\s*\|\s*|\s+[-–—·/]\s+")
_PROSE_STOP = re.compile(r"[.!?:;,()\n|]|\s[-–—]\s")
_SEPARATOR = re.compile(r"[,;/|&+•()\[\]]|\s[-–—:]\s|\band\b|\bor\b", _I)


# Within the words that make up the role itself, the specialist word wins: "Cloud Security
# Engineer" is security, "Full-Stack Mobile Engineer" mobile, "Platform Data Engineer" data.
_SPECIALIST: tuple[Family, ...] = ("security", "qa_test", "embedded", "mobile", "data_ml")


def _family_in(text: str, rules: list[tuple[Family, re.Pattern[str]]], *,
               specialist: bool = False) -> tuple[Family, str] | None:
    """The family of the earliest family word in ``text`` (frontend + backend: full_stack);
    with ``specialist``, a specialist family's word before any other."""
    hits: list[tuple[int, Family, str]] = []
    for family, rx in rules:
        m = rx.search(text)
        if m:
            hits.append((m.start(), family, m.group(0).lower()))
    if not hits:
        return None
    found = {f for _, f, _w in hits}
    if specialist:
        for fam in _SPECIALIST:
            if fam in found:
                return next((fam, w) for _, f, w in sorted(hits) if f == fam)
    if {"frontend", "backend"} <= found and rules is _ROLE_RX:
        words = [w for _, f, w in sorted(hits) if f in ("frontend", "backend")]
        return "full_stack", "/".join(words)
    _pos, family, word = min(hits)
    return family, word


def _text_family(text: str) -> tuple[Family, str] | None:
    """The family the text's role and tech words point at, when one clearly leads."""
    counts: Counter[Family] = Counter()
    words: dict[Family, list[str]] = {}
    for m in _TEXT_RX.finditer(text):
        family: Family = m.lastgroup  # type: ignore[assignment]
        counts[family] += 1
        w = words.setdefault(family, [])
        if m.group(0).lower() not in w:
            w.append(m.group(0).lower())
    if not counts:
        return None
    (best, n), *rest = counts.most_common() + [("engineering_other", 0)]
    runner = rest[0][1]
    fe, be = counts["frontend"], counts["backend"]
    close = min(fe, be) >= 2 and max(fe, be) < 3 * min(fe, be)
    if best in ("frontend", "backend", "full_stack") and close:
        return "full_stack", ",".join(words["frontend"][:2] + words["backend"][:2])
    if n >= 3 and n >= 2 * runner:
        return best, ",".join(words[best][:3])
    return None


def _role(title: str, rx: re.Pattern[str]) -> tuple[Family | None, str] | None:
    """The family of the first role in ``title`` (None: generic engineering), with its words;
    None when no role noun is found."""
    if rx is _BODY_NOUN:
        # In prose only the noun's own phrase counts: "hiring an AI Agent Engineer".
        m = rx.search(title)
        if m is None:
            return None
        before = _PROSE_STOP.split(title[max(0, m.start() - 80):m.start()])[-1].split()[-4:]
        after = _PROSE_STOP.split(title[m.end():m.end() + 80])[0].split()[:4]
        title = " ".join([*before, m.group(0), *after])
        nouns = list(rx.finditer(title))[:1]
    else:
        nouns = list(rx.finditer(title))
    if not nouns:
        return None
    # "AI Agent Engineer", "Engineering Recruiter": a noun right before an engineering one,
    # or "engineering" right before any noun, is a modifier, not the role.
    while (len(nouns) > 1 and not title[nouns[0].end():nouns[1].start()].strip(" -")
           and ((nouns[0].lastgroup in ("non_eng", "weak") and nouns[1].lastgroup == "eng")
                or nouns[0].group(0).lower() in ("engineering", "eng"))):
        nouns.pop(0)
    first = nouns[0]
    kind = first.lastgroup
    noun = first.group(0).strip().lower()
    if kind == "non_sw":
        return "non_engineering", noun
    if kind == "mgmt":
        return "eng_management", noun
    end = first.end()
    if len(nouns) > 1 and not _SEPARATOR.search(title[end:nouns[1].start()]):
        # "Developer Productivity Engineer": one role phrase around two nouns.
        end = nouns[1].end()
        nouns.pop(1)
    head = title[:end]
    tail = title[end: nouns[1].start() if len(nouns) > 1 else len(title)]
    if len(nouns) > 1:
        # "Software Engineers, Senior Research Engineer": words right before the next noun
        # are that role's.
        tail = " ".join(_SEPARATOR.split(tail)[:-1])
    for part, rules in ((head, _ROLE_RX), (tail, _ROLE_RX), (head, _TECH_RX), (tail, _TECH_RX)):
        found = _family_in(part, rules, specialist=part is head)
        if found is not None and kind in ("eng", "weak"):
            return found
        if found is not None and kind == "non_eng" and rules is _ROLE_RX and part is head:
            # "Data Analyst" is data work; "Data Protection Officer" is not engineering.
            break
    if kind == "eng":
        return None, noun
    return "non_engineering", noun


def _header_role(line: str) -> str | None:
    """The fields of an HN header after the company, without URLs; None when not a header."""
    fields = [f for f in _HEADER_SPLIT.split(line.strip()) if f]
    if len(fields) < 3 and "|" not in line:
        return None
    rest = [_URL.sub(" ", f) for f in fields[1:]]
    return " | ".join(f for f in rest if f.strip()) or None


def _decide(where: str, role: tuple[Family | None, str], text: str) -> RoleFamily:
    family, words = role
    if family is not None:
        return RoleFamily(family, f'{where}:"{words}"')
    found = _text_family(text[:4000]) if text else None
    if found is not None:
        return RoleFamily(found[0], f'text:"{found[1]}"')
    return RoleFamily("engineering_other", f'{where}:"{words}"')


def _classify(title: str, text: str) -> RoleFamily:
    title = title[:300]
    if "|" in title:
        title = _header_role(title) or ""
    if title.strip():
        role = _role(title, _NOUN)
        if role is None:  # no noun, but a role word on its own: "SRE", "Backend (Go)"
            role = _family_in(title, _ROLE_RX)
        if role is not None:
            return _decide("title", role, text)
    header = _header_role(text.split("\n", 1)[0][:300])
    if header:
        role = _role(header, _NOUN)
        if role is not None:
            return _decide("header", role, text)
    # URLs out: "foxglove.dev" is not a dev.
    role = _role(_URL.sub(" ", text[:3000]), _BODY_NOUN)
    if role is not None:
        return _decide("text", role, text)
    return _unnamed_role(text)


def _unnamed_role(text: str) -> RoleFamily:
    """A posting that names no role at all ("Acme | Multiple roles | Berlin", a freelance gig):
    non-engineering when it asks for a designer, writer or seller, else engineering when its
    text names at least three tech words, else nothing found."""
    asked = _ASKED_NON_ENG.search(text[:600])
    if asked:
        return RoleFamily("non_engineering", f'text:"{asked.group(0).lower()}"')
    found = _text_family(text[:4000])
    if found is not None:
        return RoleFamily(found[0], f'text:"{found[1]}"')
    words = list(dict.fromkeys(m.group(0).lower() for m in _TECH_ANY.finditer(text[:4000])))
    if len(words) >= 3:
        return RoleFamily("engineering_other", f'text:"{",".join(words[:3])}"')
    return RoleFamily("non_engineering", "default")


def classify_role(title: str | None, description: str | None) -> RoleFamily:
    """The role family of a posting from its title, else its HN header, else its text."""
    try:
        return _classify(title if isinstance(title, str) else "",
                         description if isinstance(description, str) else "")
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return RoleFamily("non_engineering", "default")
