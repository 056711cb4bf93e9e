"""The same statuses as the engine, in one hand-written SQL statement (SQLite and PostgreSQL).

This is the benchmark's lower bound (bench/compliance.py) and a cross-check of the engine (the tests run it
against the rule table). It answers only the status, not the reasons: the engine is what users see.
The age rule is `mei_required_sql`, the set-based twin of learners/mei.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from bridgework.activities.models import ATTENDED_MARKS
from bridgework.compliance.schemes import Scheme

_PARTS = {
    "sqlite": {
        "year": "CAST(strftime('%%Y', {0}) AS INTEGER)",
        "month": "CAST(strftime('%%m', {0}) AS INTEGER)",
        "true": "1",
        "ts": "%s",
    },
    "postgresql": {
        "year": "CAST(EXTRACT(YEAR FROM {0}) AS INTEGER)",
        "month": "CAST(EXTRACT(MONTH FROM {0}) AS INTEGER)",
        "true": "TRUE",
        "ts": "CAST(%s AS TIMESTAMPTZ)",
    },
}


def _d(name: str, expr: str) -> str:
    return _PARTS[connection.vendor][name].format(expr)


def mei_required_sql(enrolment: str = "e", learner: str = "l", qualification: str = "q") -> str:
    """SQL boolean: MEI is required for the enrolment (learners/mei.py, set-based). The learner's age on
    31 August at the start of the funding year in which the programme began: that year's number minus the
    birth year, less one when born after 31 August (September to December)."""
    start, born = f"{enrolment}.start_date", f"{learner}.date_of_birth"
    funding_year = f"({_d('year', start)} - CASE WHEN {_d('month', start)} < 8 THEN 1 ELSE 0 END)"
    age = f"({funding_year} - {_d('year', born)} - CASE WHEN {_d('month', born)} > 8 THEN 1 ELSE 0 END)"
    return (
        f"({qualification}.requires_mei AND ({age} BETWEEN {settings.MEI_AGE_MIN} AND {settings.MEI_AGE_MAX}"
        f" OR ({learner}.ehc_plan AND {age} BETWEEN {settings.MEI_AGE_MIN} AND {settings.MEI_EHC_AGE_MAX})))"
    )


def _in(values) -> str:  # type: ignore[no-untyped-def]
    return "(" + ", ".join("'" + str(v).replace("'", "''") + "'" for v in sorted(values)) + ")"


def _ts(value: datetime):  # type: ignore[no-untyped-def]
    if connection.vendor == "sqlite":  # Django stores naive UTC text there
        return timezone.make_naive(value, UTC).isoformat(sep=" ")
    return value


def statuses_sql(scheme: Scheme, deadlines: list[tuple[str, str, date]], now: datetime) -> tuple[str, list]:
    """SQL and params returning (enrolment_id, centre_id, qualification_id, status) for centres %s (a list)."""
    today = timezone.localdate(now)
    t = _PARTS[connection.vendor]["true"]
    f = "0" if connection.vendor == "sqlite" else "FALSE"
    dl_rows, params = [], []
    for ao, year, deadline in deadlines:
        end = timezone.make_aware(datetime.combine(deadline + timedelta(days=1), time()))
        dl_rows.append(
            "SELECT CAST(%s AS VARCHAR(10)) AS ao, CAST(%s AS VARCHAR(7)) AS academic_year, "
            f"CAST(%s AS VARCHAR(10)) AS deadline, {_PARTS[connection.vendor]['ts']} AS deadline_end"
        )
        params += [ao, year, deadline.isoformat(), _ts(end)]
    if not dl_rows:
        dl_rows.append("SELECT '' AS ao, '' AS academic_year, '' AS deadline, NULL AS deadline_end")
    eligible, co = _in(scheme.eligible_types), _in(scheme.co_delivery_types)
    attended = _in(ATTENDED_MARKS)
    contingency = f"AND {'1 = 1' if scheme.contingencies_allowed else '1 = 0'}"
    now_p = _ts(now)
    ts = _PARTS[connection.vendor]["ts"]
    # Only our own constants are formatted in (type codes, dialect snippets); every value is a parameter.
    sql = f"""
WITH dl AS ({" UNION ALL ".join(dl_rows)}),
req AS MATERIALIZED (
  SELECT e.id, e.centre_id, e.learner_id, e.qualification_id, q.sector_id, dl.deadline, dl.deadline_end,
         CASE WHEN {mei_required_sql()} THEN 1 ELSE 0 END AS required
  FROM learners_enrolment e
  JOIN learners_learner l ON l.id = e.learner_id
  JOIN catalogue_qualification q ON q.id = e.qualification_id
  JOIN catalogue_awardingorganisation ao ON ao.id = q.awarding_organisation_id
  LEFT JOIN dl ON dl.ao = ao.code AND dl.academic_year = e.academic_year
  WHERE e.centre_id IN %s AND e.status IN ('active', 'completed')
),
part AS MATERIALIZED (  -- who takes part in what (driven by the participants index)
  SELECT r.id AS enrolment_id, r.learner_id, r.qualification_id, r.sector_id, r.deadline_end, p.activity_id
  FROM req r JOIN activities_participant p ON p.learner_id = r.learner_id
  WHERE r.required = 1
),
mandatory_links AS MATERIALIZED (  -- rule 2: activities covering a mandatory unit of a qualification
  SELECT DISTINCT au.activity_id, u.qualification_id
  FROM activities_activity_units au JOIN catalogue_unit u ON u.id = au.unit_id
  WHERE u.mandatory = {t} AND au.activity_id IN (SELECT activity_id FROM part)
),
sector_links AS MATERIALIZED (  -- rule 3: the employer's and the practitioners' sectors
  SELECT a.id AS activity_id, es.sector_id
  FROM activities_activity a JOIN employers_employer_sectors es ON es.employer_id = a.employer_id
  WHERE a.id IN (SELECT activity_id FROM part)
  UNION
  SELECT ap.activity_id, ps.sector_id
  FROM activities_activity_practitioners ap
  JOIN employers_employerperson_sectors ps ON ps.employerperson_id = ap.employerperson_id
  WHERE ap.activity_id IN (SELECT activity_id FROM part)
),
pair AS MATERIALIZED (  -- rules 1, 2, 3 and 5: what does not depend on the registers
  SELECT pt.enrolment_id, pt.learner_id, a.id AS activity_id, a.type, a.status, pt.deadline_end
  FROM part pt
  JOIN activities_activity a ON a.id = pt.activity_id
  JOIN mandatory_links ml ON ml.activity_id = pt.activity_id AND ml.qualification_id = pt.qualification_id
  JOIN sector_links sl ON sl.activity_id = pt.activity_id AND sl.sector_id = pt.sector_id
  WHERE a.type IN {eligible} AND a.delivery = 'live'
),
per_activity AS (  -- rule 6 per learner and activity: missed = delivered, neither attended nor covered
  SELECT pr.enrolment_id, pr.activity_id, pr.type, pr.status,
         SUM(s.delivered) AS delivered,
         SUM(CASE WHEN s.delivered = 1 AND NOT (COALESCE(m.mark IN {attended}, {f}) OR cs.id IS NOT NULL
                                                OR c.id IS NOT NULL) THEN 1 ELSE 0 END) AS missed,
         SUM(CASE WHEN s.future = 1 AND s.starts_at < pr.deadline_end THEN 1 ELSE 0 END) AS upcoming
  FROM pair pr
  JOIN (  -- rule 4: a session is delivered once it has ended and has a register
    SELECT s.id, s.activity_id, s.starts_at,
           CASE WHEN s.ends_at <= {ts}
                     AND EXISTS (SELECT 1 FROM activities_attendancemark r WHERE r.session_id = s.id)
                THEN 1 ELSE 0 END AS delivered,
           CASE WHEN s.ends_at > {ts} THEN 1 ELSE 0 END AS future
    FROM activities_activitysession s
  ) s ON s.activity_id = pr.activity_id
  LEFT JOIN activities_attendancemark m ON m.session_id = s.id AND m.learner_id = pr.learner_id
  LEFT JOIN activities_customattendancestatus cs
    ON cs.centre_id = m.centre_id AND cs.code = m.mark AND cs.counts_as_attended = {t}
  LEFT JOIN activities_contingency c
    ON c.learner_id = pr.learner_id AND c.missed_session_id = s.id AND c.completed_on IS NOT NULL {contingency}
  GROUP BY pr.enrolment_id, pr.activity_id, pr.type, pr.status
),
per_enrolment AS (  -- rule 7: guest lectures and master classes pool their sessions; what is still to come
  SELECT enrolment_id,
         MAX(CASE WHEN missed = 0 AND delivered > 0 AND type NOT IN {co} THEN 1 ELSE 0 END) AS met_single,
         SUM(CASE WHEN missed = 0 AND delivered > 0 AND type IN {co} THEN delivered ELSE 0 END) AS pooled,
         MAX(CASE WHEN missed = 0 AND status <> 'cancelled' AND upcoming > 0 AND type NOT IN {co}
                  THEN 1 ELSE 0 END) AS planned_single,
         SUM(CASE WHEN missed = 0 AND status <> 'cancelled' AND type IN {co} THEN upcoming ELSE 0 END)
           AS planned_pool
  FROM per_activity GROUP BY enrolment_id
)
SELECT r.id, r.centre_id, r.qualification_id,
  CASE WHEN r.required = 0 THEN 'not_required'
       WHEN pe.met_single = 1 OR pe.pooled >= %s THEN 'met'
       WHEN CAST(%s AS VARCHAR(10)) > r.deadline THEN 'not_met'
       WHEN pe.planned_single = 1 OR pe.pooled + pe.planned_pool >= %s THEN 'on_track'
       ELSE 'at_risk' END
FROM req r
LEFT JOIN per_enrolment pe ON pe.enrolment_id = r.id
"""  # noqa: S608
    min_sessions = scheme.co_delivery_min_sessions
    return sql, [*params, None, now_p, now_p, min_sessions, today.isoformat(), min_sessions]


def _bound(
    centre_ids: list[int], scheme: Scheme, deadlines: list[tuple[str, str, date]], now: datetime, ao_code: str | None
) -> tuple[str, list]:
    sql, params = statuses_sql(scheme, deadlines, now)
    placeholder = "(" + ", ".join(["%s"] * len(centre_ids)) + ")"
    index = params.index(None)
    where = f"WHERE e.centre_id IN {placeholder}" + (" AND ao.code = %s" if ao_code else "")
    sql = sql.replace("WHERE e.centre_id IN %s", where, 1)
    params = params[:index] + list(centre_ids) + ([ao_code] if ao_code else []) + params[index + 1 :]
    return sql, params


def sql_statuses(  # type: ignore[no-untyped-def]
    centre_ids: list[int],
    scheme: Scheme,
    deadlines: list[tuple[str, str, date]],
    now: datetime,
    ao_code: str | None = None,
):
    """Run the statement: {enrolment_id: status}."""
    sql, params = _bound(centre_ids, scheme, deadlines, now, ao_code)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: row[3] for row in cursor.fetchall()}


def sql_counts(
    centre_ids: list[int],
    scheme: Scheme,
    deadlines: list[tuple[str, str, date]],
    now: datetime,
    ao_code: str | None = None,
) -> list[tuple[int, int, str, int]]:
    """The statement aggregated in the database: (centre_id, qualification_id, status, enrolments)."""
    sql, params = _bound(centre_ids, scheme, deadlines, now, ao_code)
    head, _, select = sql.rpartition("SELECT r.id, r.centre_id, r.qualification_id,")
    # Our own statement re-shaped (values stay parameters): the per-enrolment answer, then grouped.
    per_enrolment = "SELECT r.id, r.centre_id, r.qualification_id," + select.replace(
        "\nFROM req r", " AS status\nFROM req r"
    )
    grouping = " SELECT centre_id, qualification_id, status, COUNT(*) FROM statuses"
    grouped = f"{head}, statuses AS ({per_enrolment}){grouping} GROUP BY centre_id, qualification_id, status"
    with connection.cursor() as cursor:
        cursor.execute(grouped, params)
        return cursor.fetchall()


def deadlines_for(scheme: Scheme, pairs) -> list[tuple[str, str, date]]:  # type: ignore[no-untyped-def]
    """(AO code, academic year, deadline) for each pair present in the data."""
    return [(ao, year, scheme.deadline_for(ao, year)) for ao, year in sorted(set(pairs))]
