"""Non-engineering ads for the demo corpora: sales, marketing, design, product, recruiting, support.

Real boards list these next to engineering roles. Their texts name business tools (Salesforce,
HubSpot, Looker, SQL, Figma) and often engineering skills in passing ("you'll sell to Go and Rust
shops"), so counting them in an engineering share distorts it. Their mix is the same in every
month. Everything here is invented.
"""

from __future__ import annotations

import random

import attrs

# (title, family, department, weight)
ROLES: tuple[tuple[str, str, str, float], ...] = (
    ("Account Executive", "sales", "Sales", 4),
    ("Sales Development Representative", "sales", "Sales", 2),
    ("Customer Success Manager", "support", "Customer Success", 3),
    ("Support Specialist", "support", "Support", 2),
    ("Product Designer", "design", "Design", 3),
    ("Product Manager", "product", "Product", 3),
    ("Product Marketing Manager", "marketing", "Marketing", 2),
    ("Technical Recruiter", "people", "People", 2),
)
TITLES: frozenset[str] = frozenset(r[0] for r in ROLES)

TOOLS: dict[str, tuple[str, ...]] = {
    "sales": ("Salesforce", "HubSpot", "Gong", "Outreach"),
    "support": ("Zendesk", "Intercom", "Salesforce", "Looker"),
    "design": ("Figma", "FigJam", "Framer"),
    "product": ("Jira", "Amplitude", "Looker", "SQL"),
    "marketing": ("HubSpot", "Google Analytics", "Webflow"),
    "people": ("Greenhouse", "LinkedIn Recruiter", "Gem"),
    "finance": ("NetSuite", "Excel"),
}
# The engineers a non-engineering role sells to, supports or hires: skills named in passing.
AUDIENCES: tuple[str, ...] = (
    "Python teams", "platform teams running Kubernetes", "data teams on Snowflake and dbt",
    "Go and Rust shops", "Java and Kotlin teams at banks", "engineering leaders at SaaS companies",
    "TypeScript and React teams",
)
DUTIES: dict[str, tuple[str, ...]] = {
    "sales": ("Run the full sales cycle in {tools}, from first call to signed order form.",
              "Build your own pipeline with {tools}; our buyers are {audience}."),
    "support": ("Answer customers in {tools} and turn patterns into bug reports.",
                "Own onboarding and renewals for {audience}, tracked in {tools}."),
    "design": ("Design flows end to end in {tools}, from research to shipped screens.",
               "Run usability sessions with {audience} and turn them into prototypes in {tools}."),
    "product": ("Write specs, prioritise the roadmap and read the numbers yourself in {tools}.",
                "Talk to {audience} every week; track what ships in {tools}."),
    "marketing": ("Own launches and positioning; our campaigns run on {tools}.",
                  "Write for {audience} and measure what works in {tools}."),
    "people": ("Hire engineers end to end with {tools}, from sourcing to offer.",
               "Hire for teams much like our customers, {audience}; track it in {tools}."),
    "finance": ("Close the books monthly in {tools}.", "Model revenue in {tools}."),
}
NEEDS: tuple[str, ...] = (
    "Two or more years in a similar role at a B2B software company",
    "Clear written communication and a bias to action",
    "No coding required, though reading a little SQL helps",
    "Comfortable explaining technical products to non-technical buyers",
)


@attrs.frozen
class NonEngineeringText:
    title: str
    family: str
    department: str
    tools: tuple[str, ...]
    duties: tuple[str, ...]
    needs: tuple[str, ...]


def pick_role(rng: random.Random) -> tuple[str, str, str]:
    """(title, family, department) of one non-engineering ad."""
    title, family, department, _ = rng.choices(ROLES, [r[3] for r in ROLES])[0]
    return title, family, department


def nonengineering_text(rng: random.Random, family: str | None = None,
                        title: str | None = None) -> NonEngineeringText:
    """Sentences for a non-engineering ad; ``family``/``title`` default to a drawn role."""
    drawn_title, drawn_family, department = pick_role(rng)
    family = family or drawn_family
    title = title or drawn_title
    pool = TOOLS.get(family, TOOLS["sales"])
    tools = tuple(rng.sample(pool, k=min(len(pool), rng.randint(1, 2))))
    names = " and ".join(tools)
    duties = tuple(t.format(tools=names, audience=rng.choice(AUDIENCES))
                   for t in DUTIES.get(family, DUTIES["sales"]))
    return NonEngineeringText(title, family, department, tools,
                              duties if rng.random() < 0.6 else duties[:1],
                              tuple(rng.sample(NEEDS, k=2)))
