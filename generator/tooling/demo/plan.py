"""Who the synthetic pilots are: N pilots spread over the provinces with the real
programme's mix (about one in six a city, the rest enterprises of every category, a few
central SOEs, a few revoked). Deterministic in (N, seed)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from generator.tooling.demo.geography import PROVINCES, City, Province, extra_city
from generator.tooling.demo.vocabulary import BRANDS, INDUSTRIES, SECTOR_SLUGS

CENTRAL = "central"
CATEGORY_SHARES = (("entity", 0.5), ("service", 0.24), ("platform", 0.14), ("financial", 0.12))
CENTRAL_SHARE = 0.045
REVOKED_SHARE = 0.03
REVOKED_ON = "2020-03-20"


@dataclass(frozen=True)
class PilotSpec:
    id: str
    folder: str
    province: Province
    city: City
    type: str  # city | enterprise
    category: str | None
    central_soe: bool
    name: str
    short_name: str
    sector: str
    industries: tuple[str, ...]
    division_code: str
    revoked: bool
    diligence: float
    """0..1: how punctual this pilot is (late and missing reports come from the low end)."""
    pace: float
    """How fast its targets move relative to the plan (below 1: behind)."""

    @property
    def profile(self) -> str:
        return "city" if self.type == "city" else (self.category or "entity")


def _shares(total: int, weights: list[float]) -> list[int]:
    """Largest-remainder apportionment: ``total`` split in proportion to ``weights``."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def plan_pilots(n: int, seed: int) -> list[PilotSpec]:
    rng = random.Random(f"scpilot-demo:{seed}:plan")
    cities = round(n / 6)
    enterprises = n - cities
    central = max(1, round(enterprises * CENTRAL_SHARE)) if enterprises >= 5 else 0
    revoked = max(1, round(enterprises * REVOKED_SHARE)) if enterprises >= 5 else 0
    weights = [float(p.weight) for p in PROVINCES]
    city_counts = _shares(cities, weights)
    enterprise_counts = _shares(enterprises - central, weights)
    used_ids: set[str] = set()
    pilots: list[PilotSpec] = []
    for province, count in zip(PROVINCES, city_counts, strict=True):
        pool = list(province.cities)
        rng.shuffle(pool)
        for k in range(count):
            city = pool[k] if k < len(pool) else extra_city(province, k - len(pool))
            pilots.append(_city(rng, province, city, used_ids))
    categories = _category_list(enterprises, rng)
    home = [p for p, c in zip(PROVINCES, enterprise_counts, strict=True) for _ in range(c)]
    home += [rng.choice(PROVINCES[:1] + PROVINCES) for _ in range(central)]  # central SOEs: mostly Beijing
    for i, province in enumerate(home):
        is_central = i >= enterprises - central
        pilots.append(_enterprise(rng, province, categories[i], is_central, used_ids))
    enterprise_ids = [p.id for p in pilots if p.type == "enterprise"]
    chosen = set(rng.sample(enterprise_ids, revoked)) if revoked else set()
    return sorted(
        (_with_revoked(p, p.id in chosen) for p in pilots),
        key=lambda p: (p.folder, p.id),
    )


def _category_list(count: int, rng: random.Random) -> list[str]:
    counts = _shares(count, [s for _, s in CATEGORY_SHARES])
    items = [name for (name, _), c in zip(CATEGORY_SHARES, counts, strict=True) for _ in range(c)]
    rng.shuffle(items)
    return items


def _with_revoked(spec: PilotSpec, revoked: bool) -> PilotSpec:
    if not revoked:
        return spec
    return PilotSpec(**{**spec.__dict__, "revoked": True, "pace": min(spec.pace, 0.55)})


def _city(rng: random.Random, province: Province, city: City, used: set[str]) -> PilotSpec:
    used.add(city.slug)
    return PilotSpec(
        id=city.slug,
        folder=province.folder,
        province=province,
        city=city,
        type="city",
        category=None,
        central_soe=False,
        name=city.name,
        short_name=city.short,
        sector="",
        industries=(),
        division_code=city.code,
        revoked=False,
        diligence=rng.random(),
        pace=round(rng.uniform(0.6, 1.15), 3),
    )


def _enterprise(rng: random.Random, province: Province, category: str, central: bool, used: set[str]) -> PilotSpec:
    city = rng.choice(province.cities)
    sector, codes = rng.choice(INDUSTRIES[category])
    brand = rng.choice(BRANDS)
    if central:
        name = f"示例{brand}{sector}集团有限公司"
        short = f"示例{brand}{sector}集团"
    elif category == "financial" and sector == "银行":
        name = f"示例{brand}银行股份有限公司{city.short}分行"
        short = f"示例{brand}银行{city.short}分行"
    else:
        name = f"示例{brand}{sector}（{city.short}）有限公司"
        short = f"示例{brand}{sector}"
    base = f"{city.slug}-example-{SECTOR_SLUGS[sector]}"
    slug, k = base, 1
    while slug in used:
        k += 1
        slug = f"{base}-{k}"
    used.add(slug)
    district = int(city.code[4:]) + rng.randint(2, 9) if city.code.endswith("00") else int(city.code[4:])
    return PilotSpec(
        id=slug,
        folder=CENTRAL if central else province.folder,
        province=province,
        city=city,
        type="enterprise",
        category=category,
        central_soe=central,
        name=name if len(name) <= 100 else name[:100],
        short_name=short[:20],
        sector=sector,
        industries=codes,
        division_code=f"{city.code[:4]}{district % 100:02d}",
        revoked=False,
        diligence=rng.random(),
        pace=round(rng.uniform(0.6, 1.15), 3),
    )
