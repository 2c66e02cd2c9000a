"""The counterfactual evidence the publish step computes: did homicides fall in Palmira more than
they would have without PAZOS? Four resources (contract of issue 20, design in docs/methodology.md):

- `synthetic_control_series`   year × variant: Palmira (or the unit treated in a placebo) and its synthetic control;
- `synthetic_control_weights`  the donors' weights of each variant;
- `synthetic_control_placebos` the permutation test: every donor treated in turn, RMSPE ratios and ranks;
- `impact_estimates`           one row per model × variant: what the headline and the robustness table read.

The synthetic control is a function of the published `municipal_homicides` only, and ~70 fits
of pysyncon take about a minute: it is memoised by the SHA-256 of that file's bytes and
METHOD_VERSION. A publish reuses the previous release's resources when their recorded
`evidence.inputs_sha256` matches, or else a disk cache under PAZOS_EVIDENCE_CACHE (default: the
user's cache folder, `~/.cache/pazos-dash/evidence`; `off` disables it), never inside the package.
The ITS rows are recomputed every time from the published `homicides_monthly` (milliseconds),
exactly as the homicides page computes them.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..analysis import synthetic_control as sc
from ..domain import CENSUS_BREAK, PAZOS_END, PAZOS_START
from .build import Output
from .schema import field
from .sources import DANE, EVALUATION, POLICE, POLICE_COMPILATION, cite

METHOD_VERSION = "sc-2026-12-04.1"  # change with the design below: it invalidates every memoised result
TREATED = "76520"  # Palmira
MIN_POPULATION, POPULATION_YEAR = 100_000, 2019
EXCLUDED_DEPARTMENTS = ("76",)  # Valle del Cauca: same departmental programmes, spillovers with Palmira
PRE = (2003, 2019)
POST = (PAZOS_START, PAZOS_END)  # 2020–2023; 2024 is drawn but outside the PAZOS window
POST_WITHOUT_LOCKDOWN = (PAZOS_START + 1, PAZOS_END)
IN_TIME_START = 2016
PRE_FIT_MSPE_FACTOR = 5  # the robustness row's filter: placebos whose pre-MSPE exceeds 5× Palmira's are left out
SOURCES = [EVALUATION, POLICE, DANE, POLICE_COMPILATION]
SOURCE = cite(*SOURCES)
SC_RESOURCES = ("synthetic_control_series", "synthetic_control_weights", "synthetic_control_placebos")
ESTIMATES = "impact_estimates"
ENV_CACHE = "PAZOS_EVIDENCE_CACHE"


# --------------------------------------------------------------------------- the panel


@dataclass(frozen=True)
class Panel:
    rates: pd.DataFrame  # year × dane_code
    homicides: pd.DataFrame
    population: pd.DataFrame
    places: pd.DataFrame  # dane_code -> municipality, department, department_code


def panel_of(municipal: pd.DataFrame) -> Panel:
    frame = municipal.copy()
    frame["year"] = frame["year"].astype(int)
    frame["dane_code"] = frame["dane_code"].astype(str)

    def wide(column: str) -> pd.DataFrame:
        return frame.pivot(index="year", columns="dane_code", values=column).apply(pd.to_numeric, errors="coerce").astype(float)

    places = frame.drop_duplicates("dane_code", keep="last").set_index("dane_code")[["municipality", "department", "department_code"]]
    return Panel(wide("rate_per_100k"), wide("homicides"), wide("population"), places.astype(str))


def donor_pool(panel: Panel, *, excluded_departments: tuple[str, ...] = EXCLUDED_DEPARTMENTS) -> list[str]:
    """Municipalities without PAZOS with at least MIN_POPULATION people in POPULATION_YEAR and a
    rate in every year 2003–2024; not Palmira, not the excluded departments."""
    population = panel.population.loc[POPULATION_YEAR]
    complete = panel.rates.notna().all(axis=0)
    pool = population.index[(population >= MIN_POPULATION) & complete]
    return sorted(code for code in pool if code != TREATED and panel.places.at[code, "department_code"] not in excluded_departments)


# --------------------------------------------------------------------------- the synthetic control


def _series_rows(variant: str, fit: sc.Fit, panel: Panel, estimate_years: tuple[tuple[int, int], tuple[int, int]]) -> list[dict]:
    rows = []
    start = fit.post[0]
    for year in panel.rates.index:
        observed = round(float(fit.observed.loc[year]), 2)
        synthetic = round(float(fit.synthetic.loc[year]), 2)
        period = "pre" if year < start else "post"
        (a, b), (c, d) = estimate_years
        rows.append({"variant": variant, "dane_code": fit.treated, "municipality": panel.places.at[fit.treated, "municipality"],
                     "year": int(year), "observed_rate": observed, "synthetic_rate": synthetic,
                     "gap": round(observed - synthetic, 2), "period": period,
                     "in_estimate": bool(a <= year <= b or c <= year <= d), "status": "estimated", "source": SOURCE})
    return rows


def _weight_rows(variant: str, fit: sc.Fit, panel: Panel) -> list[dict]:
    return [{"variant": variant, "dane_code": code, "municipality": panel.places.at[code, "municipality"],
             "department": panel.places.at[code, "department"], "weight": float(weight), "status": "estimated", "source": SOURCE}
            for code, weight in fit.weights.items()]


def _estimate(variant: str, fit: sc.Fit | None, *, estimate: float | None = None, p: tuple[float, int, int] | None = None,
              detail: str = "", post: tuple[int, int] | None = None) -> dict:
    post = post or (fit.post if fit else POST)
    value = fit.over(post).mean_post_gap if fit is not None and estimate is None else estimate
    return {"model": "synthetic_control", "variant": variant, "measure": "mean_gap_rate_post", "estimate": round(float(value), 2),
            "low": None, "high": None, "p_value": round(p[0], 4) if p else None, "p_value_method": "permutation" if p else None,
            "rank": p[1] if p else None, "n_units": p[2] if p else None,
            "pre_rmspe": round(fit.pre_rmspe, 2) if fit is not None else None, "post_start": post[0], "post_end": post[1],
            "detail": detail, "status": "estimated", "source": SOURCE}


def compute_synthetic_control(municipal: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every synthetic-control frame the package publishes (the slow part: ~70 fits)."""
    panel = panel_of(municipal)
    donors = donor_pool(panel)
    rates = panel.rates
    series: list[dict] = []
    weights: list[dict] = []
    estimates: list[dict] = []
    window = (PRE, POST)

    main = sc.synthetic_control(rates, TREATED, donors, PRE, POST)
    series += _series_rows("main", main, panel, window)
    weights += _weight_rows("main", main, panel)
    permutation = sc.placebo_in_space(rates, TREATED, donors, PRE, POST, main=main)
    estimates.append(_estimate("main", main, p=permutation.p_value(),
                               detail=f"{len(donors)} donors; weights: " + ", ".join(
                                   f"{panel.places.at[c, 'municipality']} {w:.3f}" for c, w in main.weights.items())))
    for unit, fit in permutation.fits.items():
        if unit != TREATED:
            series += _series_rows(f"placebo_{unit}", fit, panel, window)
            weights += _weight_rows(f"placebo_{unit}", fit, panel)

    table = permutation.table()
    placebos = pd.DataFrame({
        "dane_code": table["unit"], "municipality": table["unit"].map(panel.places["municipality"]),
        "department": table["unit"].map(panel.places["department"]), "role": table["role"],
        "pre_rmspe": table["pre_rmspe"].round(2), "post_rmspe": table["post_rmspe"].round(2),
        "rmspe_ratio": table["rmspe_ratio"].round(4), "rank": table["rank"], "included": table["included"],
        "mean_post_gap": table["mean_post_gap"].round(2), "status": "estimated", "source": SOURCE,
    })

    # 2020, the lockdown year, left out of the post period (same weights, same placebos)
    estimates.append(_estimate("post_from_2021", main, post=POST_WITHOUT_LOCKDOWN, p=permutation.p_value(post=POST_WITHOUT_LOCKDOWN),
                               detail="2020 (lockdown) left out of the post period"))
    # the pre-fit filter of Abadie, Diamond and Hainmueller (2010): poorly fitted placebos left out
    estimates.append(_estimate("placebo_filter_5x", main, p=permutation.p_value(max_pre_ratio=float(np.sqrt(PRE_FIT_MSPE_FACTOR))),
                               detail=f"placebos with a pre-period MSPE over {PRE_FIT_MSPE_FACTOR}× Palmira's left out"))

    # in-time placebo: a fake start in 2016, fitted on 2003–2015 only, judged on 2016–2019 (before PAZOS)
    fake_pre, fake_post = (PRE[0], IN_TIME_START - 1), (IN_TIME_START, PAZOS_START - 1)
    in_time = sc.synthetic_control(rates, TREATED, donors, fake_pre, fake_post)
    series += _series_rows(f"in_time_{IN_TIME_START}", in_time, panel, (fake_pre, fake_post))
    weights += _weight_rows(f"in_time_{IN_TIME_START}", in_time, panel)
    estimates.append(_estimate(f"in_time_{IN_TIME_START}", in_time,
                               detail=f"fake start {IN_TIME_START}, fitted on {fake_pre[0]}–{fake_pre[1]}; the real start is {PAZOS_START}"))

    # leave one out: every donor with a weight left out in turn
    loo = sc.leave_one_out(rates, main, donors)
    for unit, fit in loo.items():
        series += _series_rows(f"loo_{unit}", fit, panel, window)
        weights += _weight_rows(f"loo_{unit}", fit, panel)
    gaps = {unit: fit.mean_post_gap for unit, fit in loo.items()}
    for name, unit in (("loo_min", min(gaps, key=gaps.get)), ("loo_max", max(gaps, key=gaps.get))):
        estimates.append(_estimate(name, loo[unit], detail=f"without {panel.places.at[unit, 'municipality']} ({unit})"))

    # the donor rule: Valle del Cauca's municipalities allowed in
    with_valle = donor_pool(panel, excluded_departments=())
    valle = sc.synthetic_control(rates, TREATED, with_valle, PRE, POST)
    series += _series_rows("with_valle_donors", valle, panel, window)
    weights += _weight_rows("with_valle_donors", valle, panel)
    estimates.append(_estimate("with_valle_donors", valle, detail=f"{len(with_valle)} donors, Valle del Cauca included"))

    # the 2018 census break: pre-2018 populations spliced to the CNPV-2018 level, unit by unit
    spliced = sc.spliced_rates(panel.homicides, panel.population, CENSUS_BREAK)
    census = sc.synthetic_control(spliced, TREATED, donors, PRE, POST)
    estimates.append(_estimate("census_base_spliced", census,
                               detail="rates before 2018 recomputed on populations spliced to the 2018 census base (ratio splice per municipality)"))

    return {"synthetic_control_series": pd.DataFrame(series), "synthetic_control_weights": pd.DataFrame(weights),
            "synthetic_control_placebos": placebos,
            "sc_estimates": pd.DataFrame(estimates).astype({c: "Int64" for c in ("rank", "n_units", "post_start", "post_end")})}


# --------------------------------------------------------------------------- interrupted time series


def monthly_its_input(monthly: pd.DataFrame) -> pd.DataFrame:
    """What the homicides page fits (queries/homicides.homicides_monthly_its): the months of the
    implementation window, suppressed months missing (the model skips them)."""
    months = monthly[monthly["month"].notna() & (pd.to_numeric(monthly["year"]) <= PAZOS_END)].copy()
    months["date"] = pd.to_datetime(dict(year=months["year"].astype(int), month=months["month"].astype(int), day=1))
    months["count"] = pd.to_numeric(months["homicides"], errors="coerce").astype(float)
    return months[["year", "month", "date", "count"]].reset_index(drop=True)


def with_suppressed_months_kept(monthly: pd.DataFrame, months: pd.DataFrame) -> pd.DataFrame:
    """Suppressed months filled from what is published: the year's total minus its shown months,
    shared evenly among the hidden ones (no cell is revealed that subtraction did not already give)."""
    out = months.copy()
    totals = monthly[monthly["month"].isna()].set_index(pd.to_numeric(monthly.loc[monthly["month"].isna(), "year"]).astype(int))["homicides"]
    for year, rows in out.groupby("year"):
        hidden = rows["count"].isna()
        if hidden.any():
            rest = float(pd.to_numeric(totals.get(int(year)), errors="coerce")) - rows.loc[~hidden, "count"].sum()
            out.loc[rows.index[hidden], "count"] = rest / int(hidden.sum())
    return out


def its_estimates(monthly: pd.DataFrame) -> list[dict]:
    from ..analysis.its import interrupted_time_series

    months = monthly_its_input(monthly)
    hidden = months.loc[months["count"].isna(), "date"].dt.strftime("%Y-%m").tolist()
    rows = []
    for variant, data, break_year, detail in (
        ("main", months, PAZOS_START, f"break {PAZOS_START}-01; months suppressed by disclosure control are skipped: {', '.join(hidden) or 'none'}"),
        ("keep_lockdown_months", with_suppressed_months_kept(monthly, months), PAZOS_START,
         f"break {PAZOS_START}-01; {', '.join(hidden)} kept as the published year total minus the shown months, shared evenly"),
        ("placebo_break_2019", months, PAZOS_START - 1, f"break {PAZOS_START - 1}-01, a year before PAZOS (same months as main)"),
    ):
        result = interrupted_time_series(data[["date", "count"]], break_date=f"{break_year}-01-01")
        level = result.level_change
        rows.append({"model": "its", "variant": variant, "measure": "level_change_monthly", "estimate": round(level.value, 2),
                     "low": round(level.low, 2), "high": round(level.high, 2), "p_value": round(level.p_value, 4),
                     "p_value_method": "newey_west", "rank": None, "n_units": None, "pre_rmspe": None,
                     "post_start": break_year, "post_end": PAZOS_END, "detail": f"{result.months_used} months; {detail}",
                     "status": "estimated", "source": SOURCE})
    return rows


# --------------------------------------------------------------------------- memo


def inputs_sha256(municipal_bytes: bytes) -> str:
    return hashlib.sha256(METHOD_VERSION.encode() + b"\0" + municipal_bytes).hexdigest()


def cache_dir() -> Path | None:
    setting = os.environ.get(ENV_CACHE)
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "none") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pazos-dash" / "evidence"


def _text_frame(raw: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_filter=False)


def _as_text(frames: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    return {name: frame.to_csv(index=False, lineterminator="\n").encode("utf-8") for name, frame in frames.items()}


def _from_previous(previous: Any, key: str) -> dict[str, bytes] | None:
    """The previous release's synthetic-control files, if they were computed from the same inputs."""
    if previous is None:
        return None
    resources = previous.resources
    if not all(name in previous.files and resources[name].get("evidence", {}).get("inputs_sha256") == key
               for name in (*SC_RESOURCES, ESTIMATES)):
        return None
    files = {name: previous.files[name] for name in SC_RESOURCES}
    estimates = _text_frame(previous.files[ESTIMATES])
    files["sc_estimates"] = _as_text({"x": estimates[estimates["model"] == "synthetic_control"]})["x"]
    return files


def _from_disk(key: str) -> dict[str, bytes] | None:
    folder = cache_dir()
    if folder is None:
        return None
    names = (*SC_RESOURCES, "sc_estimates")
    try:
        return {name: (folder / key / f"{name}.csv").read_bytes() for name in names}
    except OSError:
        return None


def _to_disk(key: str, files: dict[str, bytes]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key[:12]}.", dir=folder))
        for name, raw in files.items():
            (staging / f"{name}.csv").write_bytes(raw)
        try:
            os.rename(staging, folder / key)
        except OSError:  # another publish wrote it first
            shutil.rmtree(staging, ignore_errors=True)
    except OSError:
        pass  # a cache that cannot be written only costs time


def seed_cache(package_dir: Path) -> bool:
    """Put a published package's synthetic-control files in the disk cache (a fresh machine, a CI
    run, the tests): the next publish of the same panel reuses them. False if there was nothing to take."""
    from .revisions import read_previous

    previous = read_previous(Path(package_dir))
    if previous is None or "municipal_homicides" not in previous.files:
        return False
    key = inputs_sha256(previous.files["municipal_homicides"])
    files = _from_previous(previous, key)
    if files is None:
        return False
    _to_disk(key, files)
    return True


def synthetic_control_files(municipal: Output, municipal_bytes: bytes, previous: Any = None) -> tuple[str, dict[str, bytes]]:
    """(inputs hash, CSV bytes of each synthetic-control frame): reused when the inputs match."""
    key = inputs_sha256(municipal_bytes)
    files = _from_previous(previous, key) or _from_disk(key)
    if files is None:
        files = _as_text(compute_synthetic_control(municipal.frame))
        _to_disk(key, files)
    return key, files


# --------------------------------------------------------------------------- resources


def _status() -> dict:
    return field("status", title="Estado del dato", required=True, enum=["estimated"])


def _source() -> dict:
    return field("source", title="Fuentes (nombres de la lista de fuentes del paquete, separados por ';')", required=True)


def evidence_outputs(municipal: Output, monthly: Output, municipal_bytes: bytes, previous: Any = None) -> list[Output]:
    key, files = synthetic_control_files(municipal, municipal_bytes, previous)
    frames = {name: _text_frame(raw) for name, raw in files.items()}
    sc_estimates = frames.pop("sc_estimates")
    its = _as_text({"x": pd.DataFrame(its_estimates(monthly.frame), columns=list(sc_estimates.columns))})["x"]
    estimates = pd.concat([sc_estimates, _text_frame(its)], ignore_index=True)
    memo = {"evidence": {"inputs_sha256": key, "method_version": METHOD_VERSION,
                         "inputs": ["municipal_homicides"], "note": "synthetic control recomputed only when these inputs change"}}
    pools = (f"donantes: municipios sin PAZOS con al menos {MIN_POPULATION:,} habitantes en {POPULATION_YEAR}, serie completa, fuera del Valle del Cauca".replace(",", "."),
             f"donors: municipalities without PAZOS with at least {MIN_POPULATION:,} residents in {POPULATION_YEAR}, a complete series, outside Valle del Cauca")
    common = dict(sources=SOURCES, properties=memo)
    variant_field = field("variant", title="Variante del modelo", required=True)
    code = field("dane_code", title="Código DANE del municipio (5 dígitos)", required=True, pattern=r"^\d{5}$")
    name = field("municipality", title="Municipio", required=True)
    return [
        Output(
            name="synthetic_control_series", frame=frames["synthetic_control_series"], primary_key=["variant", "year"],
            title=("Palmira y su control sintético, por año", "Palmira and its synthetic control, by year"),
            description=(
                f"Tasa de homicidios por 100.000 observada y la de su control sintético (promedio ponderado de los donantes, "
                f"synthetic_control_weights), {PRE[0]}–2024. Variantes: main (Palmira, ajuste {PRE[0]}–{PRE[1]}, efecto {POST[0]}–{POST[1]}); "
                f"in_time_{IN_TIME_START} (inicio ficticio en {IN_TIME_START}); loo_<código> (sin ese donante); placebo_<código> "
                f"(ese donante tratado como si fuera Palmira); with_valle_donors. {pools[0]}. 2024 se muestra pero queda fuera de la "
                "ventana de PAZOS (in_estimate = false). Una estimación de un modelo, no una cifra medida: ver docs/methodology.md.",
                f"Observed homicide rate per 100,000 and that of its synthetic control (a weighted average of the donors, "
                f"synthetic_control_weights), {PRE[0]}–2024. Variants: main (Palmira, fitted {PRE[0]}–{PRE[1]}, effect {POST[0]}–{POST[1]}); "
                f"in_time_{IN_TIME_START} (a fake start in {IN_TIME_START}); loo_<code> (without that donor); placebo_<code> "
                f"(that donor treated as if it were Palmira); with_valle_donors. {pools[1]}. 2024 is shown but lies outside the "
                "PAZOS window (in_estimate = false). A model's estimate, not a measured figure: see docs/methodology.md."),
            fields=[variant_field, code, name, field("year", "year", title="Año", required=True),
                    field("observed_rate", "number", title="Tasa observada por 100.000", required=True, minimum=0),
                    field("synthetic_rate", "number", title="Tasa sintética por 100.000", required=True, minimum=0),
                    field("gap", "number", title="Brecha (observada − sintética)", required=True),
                    field("period", title="Periodo (antes o después del inicio)", required=True, enum=["pre", "post"]),
                    field("in_estimate", "boolean", title="Año usado por el ajuste (pre) o la estimación (post) de la variante", required=True),
                    _status(), _source()], **common),
        Output(
            name="synthetic_control_weights", frame=frames["synthetic_control_weights"], primary_key=["variant", "dane_code"],
            title=("Pesos de los donantes del control sintético", "Donor weights of the synthetic control"),
            description=(
                f"Peso de cada municipio donante en cada variante (≥ 0; los de una variante suman 1). Pesos menores que "
                f"{sc.WEIGHT_FLOOR} se fijan en 0 y los demás se reescalan antes de publicar; la serie sintética es exactamente "
                "la suma de estos pesos por las tasas publicadas de municipal_homicides.",
                f"Each donor municipality's weight in each variant (≥ 0; a variant's weights sum to 1). Weights below "
                f"{sc.WEIGHT_FLOOR} are set to 0 and the rest rescaled before publishing; the synthetic series is exactly these "
                "weights times the published rates of municipal_homicides."),
            fields=[variant_field, code, name, field("department", title="Departamento", required=True),
                    field("weight", "number", title="Peso", required=True, minimum=0, maximum=1), _status(), _source()], **common),
        Output(
            name="synthetic_control_placebos", frame=frames["synthetic_control_placebos"], primary_key=["dane_code"],
            title=("Prueba de permutación: cada donante tratado como Palmira", "Permutation test: every donor treated as Palmira"),
            description=(
                f"Placebo en el espacio (Abadie 2021): Palmira y cada donante, ajustado con los demás donantes como si hubiera "
                f"tenido PAZOS en {PAZOS_START}. Raíz del error cuadrático medio antes ({PRE[0]}–{PRE[1]}) y después ({POST[0]}–{POST[1]}), "
                "su razón y el rango (1 = la razón más grande). El valor p de Palmira es su rango entre el número de unidades. "
                "included: todas cuentan en la prueba principal (sin filtro previo).",
                f"Placebo in space (Abadie 2021): Palmira and every donor, fitted with the other donors as if it had had PAZOS "
                f"in {PAZOS_START}. Root mean squared prediction error before ({PRE[0]}–{PRE[1]}) and after ({POST[0]}–{POST[1]}), "
                "their ratio and the rank (1 = the largest ratio). Palmira's p-value is its rank over the number of units. "
                "included: every unit counts in the main test (no pre-fit filter)."),
            fields=[code, name, field("department", title="Departamento", required=True),
                    field("role", title="Papel en la prueba", required=True, enum=["treated", "placebo"]),
                    field("pre_rmspe", "number", title="RMSPE antes del inicio", required=True, minimum=0),
                    field("post_rmspe", "number", title="RMSPE después del inicio", required=True, minimum=0),
                    field("rmspe_ratio", "number", title="Razón RMSPE después / antes", required=True, minimum=0),
                    field("rank", "integer", title="Rango (1 = la razón más grande)", minimum=1),
                    field("included", "boolean", title="Incluido por el filtro de ajuste previo", required=True),
                    field("mean_post_gap", "number", title="Brecha media después del inicio"), _status(), _source()], **common),
        Output(
            name=ESTIMATES, frame=estimates, primary_key=["model", "variant", "measure"],
            title=("Estimaciones del efecto de PAZOS y sus pruebas de robustez", "Estimates of the effect of PAZOS and their robustness checks"),
            description=(
                "Una fila por modelo y variante. synthetic_control: brecha media de la tasa por 100.000 (Palmira − sintética) en el "
                f"periodo posterior; el valor p de main es de permutación (rango / unidades). its: cambio de nivel en homicidios por mes "
                f"en {PAZOS_START} de la serie de tiempo interrumpida de homicides_monthly (intervalo y p de Newey–West), con los meses "
                "suprimidos recuperados del total anual (keep_lockdown_months) y con un quiebre ficticio en 2019 (placebo_break_2019). "
                "Estimaciones de modelos, no cifras medidas; qué pueden y qué no pueden mostrar: docs/methodology.md.",
                "One row per model and variant. synthetic_control: mean gap in the rate per 100,000 (Palmira − synthetic) in the post "
                f"period; main's p-value is the permutation one (rank / units). its: level change in homicides per month at "
                f"{PAZOS_START} of the interrupted time series of homicides_monthly (Newey–West interval and p), with the suppressed "
                "months recovered from the year's total (keep_lockdown_months) and with a fake break in 2019 (placebo_break_2019). "
                "Models' estimates, not measured figures; what they can and cannot show: docs/methodology.md."),
            fields=[field("model", title="Modelo", required=True, enum=["synthetic_control", "its"]), variant_field,
                    field("measure", title="Medida", required=True, enum=["mean_gap_rate_post", "level_change_monthly"]),
                    field("estimate", "number", title="Estimación", required=True), field("low", "number", title="Intervalo: mínimo"),
                    field("high", "number", title="Intervalo: máximo"),
                    field("p_value", "number", title="Valor p", minimum=0, maximum=1),
                    field("p_value_method", title="Cómo se calculó el valor p", enum=["permutation", "newey_west"]),
                    field("rank", "integer", title="Rango de Palmira en la prueba de permutación", minimum=1),
                    field("n_units", "integer", title="Unidades en la prueba de permutación", minimum=1),
                    field("pre_rmspe", "number", title="RMSPE antes del inicio", minimum=0),
                    field("post_start", "year", title="Primer año después del inicio", required=True),
                    field("post_end", "year", title="Último año de la estimación", required=True),
                    field("detail", title="Detalle"), _status(), _source()], **common),
    ]
