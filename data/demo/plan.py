# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plan: every figure of the story, drawn from one seeded generator before the
database is touched, so that two runs describe the same records."""

import random
from datetime import date, datetime, timedelta

from stdnum.es import cif, dni, nif
from story import (
    ACTIVITIES,
    CITIES,
    CUSTOMERS,
    FIRST_NAMES,
    FUNCTIONS,
    LEAD_MIX,
    LEGAL_FORMS,
    LOST_REASONS,
    NOTES,
    PROSPECT_KINDS,
    PROSPECT_NAMES,
    PROVINCE_CODES,
    SEASON,
    SEED,
    SOURCES,
    STREETS,
    SURNAMES,
    TEAM_SOURCES,
    TEAMS,
    TOPICS,
)


def _person(rng):
    gender = rng.choice("mf")
    first = rng.choice(FIRST_NAMES[gender])
    last1, last2 = rng.sample(SURNAMES, 2)
    return gender, f"{first} {last1} {last2}"


def _slug(text):
    table = str.maketrans("áàéèíïóòúüñç·'", "aaeeiioouunc  ")
    return "".join(c for c in text.lower().translate(table) if c.isalnum())


def _phone(rng, prefix):
    digits = f"{prefix}{rng.randint(100000, 999999)}"
    return f"+34 {digits[:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"


def _mobile(rng):
    return _phone(rng, f"6{rng.randint(0, 99):02d}")


def _vat(rng, form, state):
    letter = LEGAL_FORMS[form]
    if letter is None:
        number = str(rng.randint(10000000, 79999999))
        vat = number + dni.calc_check_digit(number)
    else:
        body = f"{letter}{PROVINCE_CODES[state]:02d}{rng.randint(0, 99999):05d}"
        vat = body + cif.calc_check_digits(body)[0]
    nif.validate(vat)
    return "ES" + vat


def _domain(name):
    words = name.split()
    return f"{_slug(words[0])}{_slug(words[-1])}.es"


def _email(name, domain):
    first, last = name.split()[:2]
    return f"{_slug(first)}.{_slug(last)}@{domain}"


def _contact(rng, domain):
    gender, name = _person(rng)
    return {
        "name": name,
        "function": rng.choice(FUNCTIONS)[gender == "f"],
        "email": _email(name, domain),
        "mobile": _mobile(rng),
    }


def _address(rng, city):
    state, zip_code, prefix = CITIES[city]
    if city == "València":
        zip_code = f"460{rng.randint(1, 26):02d}"
    street = f"{rng.choice(STREETS)}, {rng.randint(1, 120)}"
    return {"street": street, "city": city, "zip": zip_code, "state": state}, prefix


def _plan_customers(rng):
    customers = []
    teams = [t[0] for t in TEAMS]
    for i, (name, form, city) in enumerate(CUSTOMERS, 1):
        address, prefix = _address(rng, city)
        domain = _domain(name)
        team = rng.choices(teams, [t[4] for t in TEAMS])[0]
        customers.append(
            {
                "key": f"customer_{i:03d}",
                "name": f"{name}, {form}" if form and form != "Asociación" else name,
                "short": name,
                "vat": _vat(rng, form, address["state"]),
                **address,
                "phone": _phone(rng, prefix),
                "email": f"info@{domain}",
                "website": f"https://www.{domain}",
                "team": team,
                "user": rng.choice(_team_users(team)),
                "contact": _contact(rng, domain) if rng.random() < 0.75 else None,
            }
        )
    return customers


def _team_users(team_key):
    team = next(t for t in TEAMS if t[0] == team_key)
    return [team[2], *team[3]]


def _day_weights(days, recent_bias):
    n, this_year = len(days), days[-1].year
    return [
        SEASON[d.month]
        * (1.2 if d.year == this_year else 1.0)
        * (0.1 if d.weekday() >= 5 else 1.0)
        * (1 + recent_bias * i / n)
        for i, d in enumerate(days)
    ]


def _pick_day(rng, start, end, recent_bias=0.0):
    days = [start + timedelta(n) for n in range((end - start).days + 1)]
    return rng.choices(days, _day_weights(days, recent_bias))[0]


def _at(rng, day, now):
    # Office hours in Madrid, stored in UTC.
    moment = datetime.combine(day, datetime.min.time()) + timedelta(
        hours=rng.randint(7, 16), minutes=rng.randint(0, 59)
    )
    return min(moment, now - timedelta(minutes=rng.randint(5, 90)))


def _lines(rng, topic, discounted):
    discount = rng.choice([5, 10, 15]) if discounted else 0
    return [
        (product, rng.randint(low, high) * step, discount)
        for product, low, high, step in topic[3]
    ]


def _amount(lines, prices):
    return round(sum(qty * prices[p] * (100 - disc) / 100 for p, qty, disc in lines), 2)


def _plan_progress(rng, kind, outcome):
    """Return how far the deal got (0-2: early, qualified, proposal) and its quote."""
    if kind == "lead":
        return 0, None
    if outcome == "won":
        return 2, "sale"
    level = rng.choices([0, 1, 2], [35, 35, 30])[0]
    chance = rng.random()
    if outcome == "open" and level == 2:
        return level, "sent" if chance < 0.8 else "draft"
    if outcome == "open" and level == 1 and chance < 0.35:
        return level, "draft"
    if outcome == "lost" and level == 2 and chance < 0.7:
        return level, "cancel"
    return level, None


def _plan_dates(rng, today, now, kind, outcome):
    """Closed deals spread over both years, open ones recent, leads very recent."""
    if outcome == "open":
        span, bias = (120, 1.5) if kind == "lead" else (400, 1.5)
        created = _at(rng, _pick_day(rng, today - timedelta(span), today, bias), now)
        return created, None
    # Older deals are the ones that had time to close.
    day = _pick_day(rng, date(today.year - 1, 1, 1), today - timedelta(20), -0.6)
    cycle = rng.randint(14, 60) if kind == "lead" else rng.randint(10, 130)
    closed = min(day + timedelta(cycle), today - timedelta(1))
    created = _at(rng, day, now)
    return created, max(_at(rng, closed, now), created + timedelta(hours=2))


def _plan_activity(rng, today, created):
    activity = rng.choices(list(ACTIVITIES), [a[1] for a in ACTIVITIES.values()])[0]
    when = rng.choices(["overdue", "today", "planned"], [25, 15, 60])[0]
    offsets = {
        "overdue": -rng.randint(1, 15),
        "today": 0,
        "planned": rng.randint(1, 21),
    }
    # Never due before the lead came in.
    offset = max(offsets[when], -(today - created.date()).days)
    return {
        "type": activity,
        "summary": rng.choice(ACTIVITIES[activity][2]),
        "deadline": today + timedelta(offset),
    }


def _plan_lead(rng, today, now, kind, outcome, customers, prospects):
    team = rng.choices(TEAMS, [t[4] for t in TEAMS])[0]
    topic = rng.choices(TOPICS, [t[2][TEAMS.index(team)] for t in TOPICS])[0]
    level, quote = _plan_progress(rng, kind, outcome)
    created, closed = _plan_dates(rng, today, now, kind, outcome)
    if kind == "opportunity" and outcome == "open" and not level:
        # Still in its first stage, where it has been since it came in.
        days = _stay_days(f"young-{created.isoformat()}")
        created = max(created, now - timedelta(days=days))

    user = rng.choice(_team_users(team[0]))
    customer = prospect = None
    if quote or (kind == "opportunity" and rng.random() < 0.5):
        own = [c for c in customers if c["team"] == team[0]]
        customer = rng.choice(own if rng.random() < 0.8 else customers)
        if rng.random() < 0.85 and customer["team"] == team[0]:
            user = customer["user"]
    else:
        prospect = _plan_prospect(rng, prospects)
        if rng.random() < (
            0.35 if kind == "lead" else 0.04 if outcome == "open" else 0
        ):
            user = None

    campaign = None
    if topic[0].startswith("kd_"):
        campaign = f"campaign_kit_digital_{created.year}"
    elif topic[0] == "verifactu" and created.year == today.year:
        campaign = f"campaign_verifactu_{created.year}"
    source = rng.choices(*zip(*TEAM_SOURCES[team[0]].items(), strict=True))[0]
    lost_weights = [5, 5, 30, 60] if kind == "lead" else [r[2] for r in LOST_REASONS]
    who = customer["short"] if customer else prospect["partner_name"]
    lead = {
        "kind": kind,
        "outcome": outcome,
        "team": team[0],
        "user": user,
        "customer": customer and customer["key"],
        "prospect": prospect,
        "name": f"{topic[1]} - {who}",
        "level": level,
        "priority": rng.choices("0123", [45, 30, 18, 7])[0],
        "probability": rng.randrange(10, 25, 5) + 25 * level,
        "tags": [f"tag_{tag}" for tag in topic[4]],
        "recurring": topic[5],
        "lines": _lines(rng, topic, bool(quote) and rng.random() < 0.3),
        "source": f"source_{source}",
        "medium": next(f"medium_{m}" for s, _n, m in SOURCES if s == source),
        "campaign": campaign,
        "description": f"<p>{topic[6]}</p><p>{rng.choice(NOTES)}</p>",
        "created": created,
        "opened": user and min(created + timedelta(hours=rng.randint(1, 48)), now),
        "converted": min(created + timedelta(hours=rng.randint(2, 96)), now),
        "closed": closed,
        "deadline": (closed or created + timedelta(rng.randint(20, 120))).date(),
        "lost_reason": None,
        "quote": quote,
        "activity": None,
    }
    if kind == "lead":
        lead["converted"] = None
    if outcome == "lost":
        reasons = [r[0] for r in LOST_REASONS]
        lead["lost_reason"] = "lost_" + rng.choices(reasons, lost_weights)[0]
    if quote:
        end = (closed or now) - timedelta(hours=1)
        start = min(created + timedelta(days=2), end)
        lead["quote_date"] = start + (end - start) * rng.uniform(0.3, 0.95)
    if outcome == "open" and rng.random() < (0.5 if kind == "lead" else 0.97):
        lead["activity"] = _plan_activity(rng, today, created)
    return lead


def _plan_prospect(rng, taken):
    while True:
        name = f"{rng.choice(PROSPECT_KINDS)} {rng.choice(PROSPECT_NAMES)}"
        if name not in taken:
            taken.add(name)
            break
    city = rng.choices(list(CITIES), [8 if c == "València" else 1 for c in CITIES])[0]
    address, prefix = _address(rng, city)
    domain = _domain(name) if rng.random() < 0.75 else "gmail.com"
    contact = _contact(rng, domain)
    return {
        "partner_name": name,
        "contact_name": contact["name"],
        "function": contact["function"],
        "email_from": contact["email"],
        "phone": _phone(rng, prefix) if rng.random() < 0.6 else contact["mobile"],
        **address,
    }


def plan(today, now):
    """Return the demo story as plain data: customers and leads."""
    rng = random.Random(SEED)
    customers = _plan_customers(rng)
    prospects = set()
    leads = [
        _plan_lead(rng, today, now, kind, outcome, customers, prospects)
        for kind, outcome, count in LEAD_MIX
        for _i in range(count)
    ]
    # Chronological ids and xmlids, as if entered day after day.
    leads.sort(key=lambda lead: lead["created"])
    for i, lead in enumerate(leads, 1):
        lead["key"] = f"lead_{i:04d}"
    return customers, leads


def _stay_days(seed):
    """How long an open deal has been in its stage: most moved on in the last
    two weeks, one in five has stayed too long."""
    rng = random.Random(seed)
    return rng.uniform(1, 13) if rng.random() < 0.8 else rng.uniform(16, 75)
