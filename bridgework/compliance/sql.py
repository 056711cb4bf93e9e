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
req AS (
  SELECT e.id, e.centre_id, e.learner_id, e.qualification_id, q.sector_id, dl.deadline, dl.deadline_end,
         CASE WHEN {mei_required_sql()} THEN 1 ELSE 0 END AS required
  FROM learners_enrolment e
  JOIN learners_learner l ON l.id = e.learner_id
  JOIN catalogue_qualification q ON q.id = e.qualification_id
  JOIN catalogue_awardingorganisation ao ON ao.id = q.awarding_organisation_id
  LEFT JOIN dl ON dl.ao = ao.code AND dl.academic_year = e.academic_year
  WHERE e.centre_id IN %s AND e.status IN ('active', 'completed')
),
pair AS (  -- rules 1, 2, 3 and 5: what does not depend on the registers
  SELECT r.id AS enrolment_id, r.learner_id, a.id AS activity_id, a.type, a.status, r.deadline_end
  FROM req r
  JOIN activities_participant p ON p.learner_id = r.learner_id
  JOIN activities_activity a ON a.id = p.activity_id
  WHERE r.required = 1 AND a.type IN {eligible} AND a.delivery = 'live'
    AND EXISTS (SELECT 1 FROM activities_activity_units au JOIN catalogue_unit u ON u.id = au.unit_id
                WHERE au.activity_id = a.id AND u.qualification_id = r.qualification_id AND u.mandatory = {t})
    AND (EXISTS (SELECT 1 FROM employers_employer_sectors es
                 WHERE es.employer_id = a.employer_id AND es.sector_id = r.sector_id)
         OR EXISTS (SELECT 1 FROM activities_activity_practitioners ap
                    JOIN employers_employerperson_sectors ps ON ps.employerperson_id = ap.employerperson_id
                    WHERE ap.activity_id = a.id AND ps.sector_id = r.sector_id))
),
delivered AS (  -- rule 4: sessions that have ended and have a register
  SELECT s.id, s.activity_id FROM activities_activitysession s
  WHERE s.ends_at <= {ts} AND EXISTS (SELECT 1 FROM activities_attendancemark r WHERE r.session_id = s.id)
),
attendance AS (  -- rule 6: delivered sessions neither attended nor covered by a contingency
  SELECT pr.enrolment_id, pr.activity_id, pr.type, COUNT(*) AS delivered,
         SUM(CASE WHEN m.mark IN {attended} OR cs.id IS NOT NULL OR c.id IS NOT NULL THEN 0 ELSE 1 END) AS missed
  FROM pair pr
  JOIN delivered d ON d.activity_id = pr.activity_id
  LEFT JOIN activities_attendancemark m ON m.session_id = d.id AND m.learner_id = pr.learner_id
  LEFT JOIN activities_customattendancestatus cs
    ON cs.centre_id = m.centre_id AND cs.code = m.mark AND cs.counts_as_attended = {t}
  LEFT JOIN activities_contingency c
    ON c.learner_id = pr.learner_id AND c.missed_session_id = d.id AND c.completed_on IS NOT NULL {contingency}
  GROUP BY pr.enrolment_id, pr.activity_id, pr.type
),
met AS (  -- rule 7: guest lectures and master classes pool their sessions
  SELECT enrolment_id FROM attendance WHERE missed = 0 AND type NOT IN {co}
  UNION
  SELECT enrolment_id FROM attendance WHERE missed = 0 AND type IN {co}
  GROUP BY enrolment_id HAVING SUM(delivered) >= %s
),
upcoming AS (  -- would meet it if attended: sessions still to come before the deadline, nothing missed yet
  SELECT pr.enrolment_id, pr.type, COUNT(*) AS sessions
  FROM pair pr
  JOIN activities_activitysession s ON s.activity_id = pr.activity_id
  LEFT JOIN attendance x ON x.enrolment_id = pr.enrolment_id AND x.activity_id = pr.activity_id
  WHERE pr.status <> 'cancelled' AND s.ends_at > {ts} AND s.starts_at < pr.deadline_end
    AND COALESCE(x.missed, 0) = 0
  GROUP BY pr.enrolment_id, pr.type
),
pooled AS (
  SELECT enrolment_id, SUM(delivered) AS done FROM attendance
  WHERE missed = 0 AND type IN {co} GROUP BY enrolment_id
),
on_track AS (
  SELECT enrolment_id FROM upcoming WHERE type NOT IN {co}
  UNION
  SELECT u.enrolment_id
  FROM (SELECT enrolment_id, SUM(sessions) AS n FROM upcoming WHERE type IN {co} GROUP BY enrolment_id) u
  LEFT JOIN pooled p ON p.enrolment_id = u.enrolment_id
  WHERE u.n + COALESCE(p.done, 0) >= %s
)
SELECT r.id, r.centre_id, r.qualification_id,
  CASE WHEN r.required = 0 THEN 'not_required'
       WHEN met.enrolment_id IS NOT NULL THEN 'met'
       WHEN CAST(%s AS VARCHAR(10)) > r.deadline THEN 'not_met'
       WHEN on_track.enrolment_id IS NOT NULL THEN 'on_track'
       ELSE 'at_risk' END
FROM req r
LEFT JOIN met ON met.enrolment_id = r.id
LEFT JOIN on_track ON on_track.enrolment_id = r.id
"""  # noqa: S608
    min_sessions = scheme.co_delivery_min_sessions
    return sql, [*params, None, now_p, min_sessions, now_p, min_sessions, today.isoformat()]


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
    grouping = " SELECT centre_id, qualification_id, status, COUNT(*) FROM per_enrolment"
    grouped = f"{head}, per_enrolment AS ({per_enrolment}){grouping} GROUP BY centre_id, qualification_id, status"
    with connection.cursor() as cursor:
        cursor.execute(grouped, params)
        return cursor.fetchall()


def deadlines_for(scheme: Scheme, pairs) -> list[tuple[str, str, date]]:  # type: ignore[no-untyped-def]
    """(AO code, academic year, deadline) for each pair present in the data."""
    return [(ao, year, scheme.deadline_for(ao, year)) for ao, year in sorted(set(pairs))]
