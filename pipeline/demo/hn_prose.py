"""Sentence templates for the synthetic HN corpus: ads, replies, seekers, freelance posts, guides.

Everything here was written for this project and only imitates the *forms* seen in real postings,
including the traps (funding rounds that look like pay, English words that look like technologies).
"""

from __future__ import annotations

SIZE_PHRASES: tuple[str, ...] = (
    "We're a team of {n} ({e} engineers).", "We are {n} people, {e} of us in engineering.",
    "Small team: {e} engineers, {n} total.", "About {n} employees across three offices.",
)
# Numbers with currency signs or "k" that are NOT pay; a salary parser should ignore them.
TRAPS: tuple[str, ...] = (
    "We recently raised ${m}M Series {r} led by {vc}.", "We closed a ${m}M Series {r} in {y}.",
    "Backed by {vc} with ${m}M raised to date.", "We process over ${b}B in payments a year.",
    "Profitable, with ${m}M ARR and growing 3x year over year.",
    "We have over {k}k customers and 500 employees.",
    "Founded in {fy}, we now serve {k}k users.",
    "Benefits include a 401(k) match and a $2,000 learning budget.",
    "Our largest customer sends us {k}k requests per second.", "Seed-funded ($4.5M) by {vc}.",
)
STAGES: tuple[str, ...] = ("A", "A", "B", "B", "C", "D")

ROLE_BLURBS: tuple[str, ...] = (
    "As a {role} you will own services end to end, from design docs to on-call.",
    "You'll work on the core {area} that everything else depends on.",
    "This role sits on the {area} team: small, senior and very hands-on.",
    "We need someone to take our {area} from \"works on a good day\" to boringly reliable.",
    "You would be one of the first {e} engineers and shape how we build {area}.",
    "The team is rebuilding our {area}; expect greenfield work and some careful migrations.",
)
AREAS: tuple[str, ...] = (
    "ingestion pipeline", "billing system", "public API", "data platform", "scheduling engine",
    "search infrastructure", "payments ledger", "ML serving stack", "internal developer platform",
    "sync engine", "event pipeline", "permissions system", "reporting backend",
    "model evaluation tooling",
)
STACK_LEADS: tuple[str, ...] = ("Our stack: ", "Stack: ", "Tech stack: ", "Tech: ", "We use: ",
                                "Stack is ")
PROSE_STACKS: tuple[str, ...] = (
    "Most of our backend is {lang} ({fw}) on {db}, running on {cloud}.",
    "We write {lang} for services and lean on {db} and {store}; infra lives in {infra}.",
    "Day to day you'd be in {lang} and {fw}, deploying to {cloud} with {infra}.",
    "Our services are {lang}; data lives in {db}; everything ships through {infra} on {cloud}.",
    "We bet on {lang} early and haven't regretted it. {db} is our source of truth.",
)
REQ_LINES: tuple[str, ...] = (
    "{yrs}+ years building production backend services in {lang}",
    "comfortable with {db} beyond the ORM: indexes, query plans, migrations",
    "have operated {infra} in production",
    "experience with {cloud} (or another major cloud)",
    "you've debugged a distributed system at 3am and written the postmortem",
    "bonus: experience with {ai}",
    "care about tests, observability and boring technology",
    "able to overlap at least 4 hours with US Eastern time",
    "strong written communication; we are async-first",
)
AI_SENTENCES: tuple[str, ...] = (
    "We use {ai} heavily in the product, mostly behind evals we wrote ourselves.",
    "Part of the job is building retrieval over customer documents with {ai}.",
    "Our newest product runs on {ai}; the hard problems are latency and cost, not prompts.",
    "Experience shipping features on {ai} is a plus but not required.",
)
# Tech-looking words used in plain English; a naive keyword matcher will trip over them.
AMBIGUOUS: tuple[str, ...] = (
    "We go fast, but we don't cut corners on reliability.",
    "Start date is flexible, ideally spring {y}.",
    "We react quickly to customer feedback and ship daily.",
    "Express interest by emailing us directly; a short note beats a cover letter.",
    "Swift decisions, small teams, no layers of management.",
    "We keep projects on the rails with weekly written updates.",
    "Ask for Julia when you get to the front desk.",
    "Looking to shake off the rust after a break? Apply anyway.",
    "Our offsite this spring is in Lisbon.", "Go from idea to production in your first week.",
)
BENEFITS: tuple[str, ...] = (
    "Benefits: full health, dental and vision, 4 weeks PTO, parental leave.",
    "We offer equity, a home-office budget and a yearly team offsite.",
    "Visa sponsorship available.", "Unfortunately we cannot sponsor visas at this time.",
    "Relocation support for the right person.", "Four-day work week on Fridays in summer.",
    "Generous equity; we want everyone to own a meaningful piece.",
)
PROCESS: tuple[str, ...] = (
    "Interview process: intro call, a paid take-home, then a half-day of pairing.",
    "Our process is 3 calls, no leetcode.", "We reply to every application within a week.",
    "No recruiters or agencies, please.",
    "Process: 30-minute chat, system design discussion, meet the team.",
)
APPLY: tuple[str, ...] = (
    "Apply here: {link}", "Apply at {link} and mention HN.", "More info and to apply: {link}",
    "Apply: {link} or email {email}", "Email {email} with \"HN\" in the subject line.",
    "Send a few lines about something you built to {email}.", "Roles and details: {link}",
)
INTRO_FIRST_LINES: tuple[str, ...] = (
    "{company} is hiring {roles} ({where}).",
    "Hi HN! {company} ({domain}) is looking for {roles} to join us in {where}.",
    "{company} - we're hiring {roles}, {where}.",
    "We're {company} and we build {product} for {customers}. Hiring {roles} in {where}.",
)
INTRO_SENTENCES: tuple[str, ...] = (
    "{company} builds {product} for {customers}.",
    "At {company} we make {product} for {customers}.",
    "{company} is {product} for {customers}.",
    "We're building {product} for {customers}, and it turns out to be a surprisingly deep problem.",
)
# (question from a reader, answer from the poster)
REPLIES: tuple[tuple[str, str], ...] = (
    ("Do you sponsor visas?", "We can sponsor transfers, please mention it in the form."),
    ("Is this open to people in {place}?", "Yes, as long as you can overlap with our core hours."),
    ("Is the salary range the same for the staff role?", "Staff is a separate, higher band."),
    ("The application link gives me a 404.", "Thanks, fixed the link."),
    ("Are you open to junior candidates?", "Not for this role, sorry."),
    ("Applied, looks great!", "Thanks! We reply to everyone within a week."),
    ("Is the role fully remote or are there office days?",
     "Remote within the listed time zones is fine."),
    ("What does the on-call rotation look like?",
     "Small rotation, one week every two months, and pages are rare."),
)
BOT_COMMENTS: tuple[str, ...] = (
    "Looking for work rather than hiring? This month's Who wants to be hired? thread is for that.",
    "Reminder: one top-level comment per company, and only if you work there. Reply only to ask.",
    "Freelancers and people hiring them have their own thread this month as well.",
)
SEEKER_PITCHES: tuple[str, ...] = (
    "Backend developer with {yrs} years of {lang} and {db}; I like messy data and clear APIs.",
    "I build and rescue {lang} services. Recent work: migrating a monolith to {infra} on {cloud}.",
    "Senior engineer, mostly {lang}, happy to own a project from scoping to launch.",
    "I help small teams ship: {lang} APIs, {db} tuning, CI and deploys on {cloud}.",
)
FREELANCE_NEEDS: tuple[str, ...] = (
    "We need an experienced {lang} developer to help finish a {area} rewrite within 3 months.",
    "Looking for someone to audit our {db} setup and fix slow queries. Probably 2-4 weeks of work.",
    "Short engagement: set up {infra} and CI for a small {cloud} deployment.",
    "We want help integrating {ai} into an existing {lang} app.",
    "Ongoing part-time work (~20h/week) on our {lang} backend.",
)
SEEKER_FIRST_LINES: tuple[str, ...] = ("SEEKING WORK | {lang} developer | {loc} | Remote",
                                       "SEEKING WORK - {loc} - Remote OK",
                                       "SEEKING WORK | {loc} | Remote or onsite")

GUIDE_HIRING: tuple[str, ...] = (
    "List where the job is and write REMOTE if it can be done remotely, REMOTE (US) or similar "
    "when candidates must live in a particular country, and ONSITE when it can't.",
    "Post only if you work at the hiring company; no agencies, recruiters or job boards. One "
    "top-level comment per company, please. If people may not know your company, say what it does.",
    "Commenters: don't reply to posts unless you are asking about the job itself. Readers: please "
    "only email a company if you are genuinely interested in working there.",
)
GUIDE_WANTS: tuple[str, ...] = (
    "Looking for a job? Share a short summary in this format:",
    "Location:\nRemote:\nWilling to relocate:\nTechnologies:\nRésumé/CV:\nEmail:",
    "Recruiters and job boards: please don't reply here. Readers: only get in touch if you hire.",
)
GUIDE_FREELANCE: tuple[str, ...] = (
    "Start your comment with SEEKING WORK if you are a freelancer, or SEEKING FREELANCER if you "
    "want to hire one. Say where you are and whether remote work is fine.",
    "Agencies and recruiters: please stay out of this thread.",
)
