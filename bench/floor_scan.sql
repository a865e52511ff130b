-- The SQL floor of the compliance scan: the 16 rules of the catalogue (compliance/regler/,
-- docs/regler.md; tests/compliance/referencemodel.py is the spec), hand-written as lean
-- plain SQL with no Django, run in one session:
--     psql "$DATABASE_URL" -f bench/floor_scan.sql
-- bench/bench_scan.py runs it through a raw psycopg cursor and checks that it finds, rule by
-- rule, as many courses as the real scan leaves flagged.
-- Thresholds come from compliance_regelindstillinger (row 1) or the model's defaults.
-- The floor computes each rule's offending set into a temp table; it keeps no flag history
-- (open/seen/close), which is the scan's extra work. Where the catalogue reads a fragment
-- twice (the weeks each mentor should register, the last period's end), the floor builds
-- it once.

SET TIME ZONE 'Europe/Copenhagen';
DROP TABLE IF EXISTS pg_temp.fp, pg_temp.fa, pg_temp.fd, pg_temp.fk, pg_temp.fs,
    pg_temp.floor_resultat;

CREATE TEMP TABLE fp AS
WITH s AS (
    SELECT aftale_dage, periode_udloeber_dage, trepartsmoede_uger, ingen_kontakt_uger,
           ingen_kontakt_uger_ret_og_pligt, ret_og_pligt_kontaktformer::text[] AS rop_former,
           registrering_frist_ugedag, levering_min_pct, levering_max_pct, levering_uger,
           opfoelgning_uger, statusrapport_uger, resultat_frist_dage
    FROM compliance_regelindstillinger WHERE id = 1
    UNION ALL
    SELECT 14, 14, 4, 2, 2, ARRAY['fysisk', 'ledsagelse', 'netvaerksmoede'], 3, 50, 120, 4,
           8, 6, 14
    WHERE NOT EXISTS (SELECT 1 FROM compliance_regelindstillinger WHERE id = 1)
), d AS (
    SELECT s.*, current_date AS today,
           current_date - (extract(isodow FROM current_date)::int - 1)
             - CASE WHEN extract(isodow FROM current_date) > s.registrering_frist_ugedag
                    THEN 7 ELSE 14 END AS lukket_uge
    FROM s
)
SELECT d.*, d.lukket_uge - 7 * (d.levering_uger - 1) AS levering_start FROM d;

-- Courses active today (past the draft, a period started, not ended on or before today),
-- with the start of their first period.
CREATE TEMP TABLE fa AS
SELECT f.id, f.mentor_id, f.lovgrundlag, f.formaal, f.maal, f.opgaver, b.foerste_start
FROM forloeb_forloeb f
JOIN (SELECT forloeb_id, min(start) AS foerste_start
      FROM forloeb_bevilling GROUP BY forloeb_id) b ON b.forloeb_id = f.id
LEFT JOIN forloeb_afslutning x ON x.forloeb_id = f.id
CROSS JOIN fp
WHERE (f.status = 'aktiv' OR (f.status = 'afsluttet' AND x.dato > fp.today))
  AND b.foerste_start <= fp.today;
CREATE INDEX ON fa (id);
ANALYZE fa;

CREATE TEMP TABLE floor_resultat (regel text, forloeb_id bigint, siden date);

-- FORMAAL_MANGLER, OPGAVER_MANGLER
INSERT INTO floor_resultat
SELECT 'FORMAAL_MANGLER', id, foerste_start FROM fa WHERE formaal = '' OR btrim(maal) = '';
INSERT INTO floor_resultat
SELECT 'OPGAVER_MANGLER', id, foerste_start FROM fa WHERE btrim(opgaver) = '';

-- KVALIFIKATIONER_MANGLER: the latest started period's assessment, or the current mentor's
-- own when she took over inside that period.
INSERT INTO floor_resultat
SELECT 'KVALIFIKATIONER_MANGLER', z.forloeb_id, GREATEST(z.start, t.fra) FROM (
    SELECT DISTINCT ON (b.forloeb_id) b.forloeb_id, b.start, b.kvalifikationer
    FROM forloeb_bevilling b JOIN fa ON fa.id = b.forloeb_id CROSS JOIN fp
    WHERE b.start <= fp.today
    ORDER BY b.forloeb_id, b.start DESC
) z
JOIN forloeb_mentortilknytning t ON t.forloeb_id = z.forloeb_id AND t.til IS NULL
WHERE CASE WHEN t.fra > z.start THEN btrim(t.kvalifikationer) = ''
           ELSE btrim(z.kvalifikationer) = '' END;

-- AFTALE_MANGLER: a period's newest agreement not handed out N days after the later of
-- the period's start and the version's date.
INSERT INTO floor_resultat
SELECT 'AFTALE_MANGLER', m.forloeb_id, GREATEST(m.start, m.dato) + fp.aftale_dage + 1
FROM (
    SELECT DISTINCT ON (m.bevilling_id) b.forloeb_id, m.start, m.dato, m.udleveret
    FROM forloeb_mentoraftale m
    JOIN forloeb_bevilling b ON b.id = m.bevilling_id JOIN fa ON fa.id = b.forloeb_id
    ORDER BY m.bevilling_id, m.version DESC
) m CROSS JOIN fp
WHERE m.udleveret IS NULL AND GREATEST(m.start, m.dato) + fp.aftale_dage < fp.today;

-- The periods of each active course, once for PERIODE_UDLOEBER, the first half of
-- PERIODE_OVERSKREDET and PSYKIATRI_UNDER_SEKS_MAANEDER.
CREATE TEMP TABLE fs AS
SELECT fa.id, fa.lovgrundlag, fa.foerste_start, max(b.slut) AS sidste_slut,
       sum(b.slut - b.start + 1) AS dage
FROM fa JOIN forloeb_bevilling b ON b.forloeb_id = fa.id
GROUP BY fa.id, fa.lovgrundlag, fa.foerste_start;
INSERT INTO floor_resultat
SELECT 'PERIODE_UDLOEBER', fs.id, fs.sidste_slut - fp.periode_udloeber_dage
FROM fs CROSS JOIN fp
WHERE fs.sidste_slut BETWEEN fp.today AND fp.today + fp.periode_udloeber_dage;
INSERT INTO floor_resultat
SELECT 'PERIODE_OVERSKREDET', fs.id, fs.sidste_slut + 1
FROM fs CROSS JOIN fp WHERE fs.sidste_slut < fp.today;
-- PSYKIATRI_UNDER_SEKS_MAANEDER: the last period ends soon (or has) with under 6 months
-- granted in all.
INSERT INTO floor_resultat
SELECT 'PSYKIATRI_UNDER_SEKS_MAANEDER', fs.id, fs.sidste_slut - fp.periode_udloeber_dage
FROM fs CROSS JOIN fp
WHERE fs.lovgrundlag = 'psykiatri'
  AND fs.sidste_slut <= fp.today + fp.periode_udloeber_dage
  AND fs.dage < (fs.foerste_start + interval '6 months')::date - fs.foerste_start;

-- PERIODE_OVERSKREDET, second half: contacts logged outside every granted period.
INSERT INTO floor_resultat
SELECT 'PERIODE_OVERSKREDET', u.forloeb_id, min(k.dato)
FROM tidsregistrering_kontakt k
JOIN tidsregistrering_ugeregistrering u ON u.id = k.registrering_id
JOIN forloeb_forloeb f ON f.id = u.forloeb_id
CROSS JOIN fp
WHERE f.status <> 'kladde' AND k.dato <= fp.today
  AND NOT EXISTS (SELECT 1 FROM forloeb_bevilling b
                  WHERE b.forloeb_id = u.forloeb_id AND k.dato BETWEEN b.start AND b.slut)
GROUP BY u.forloeb_id;

-- TREPARTSMOEDE_MANGLER
INSERT INTO floor_resultat
SELECT 'TREPARTSMOEDE_MANGLER', fa.id, fa.foerste_start + 7 * fp.trepartsmoede_uger + 1
FROM fa CROSS JOIN fp
WHERE fa.foerste_start + 7 * fp.trepartsmoede_uger < fp.today
  AND NOT EXISTS (SELECT 1 FROM forloeb_moede m
                  WHERE m.forloeb_id = fa.id AND m.type = 'opstart' AND m.dato <= fp.today);

-- Each mentor's part of each closed week (her assignment, a granted period and the course's
-- life overlap), once for INGEN_KONTAKT and REGISTRERING_MANGLER.
CREATE TEMP TABLE fd AS
SELECT DISTINCT fa.id AS forloeb_id, t.mentor_id, u.mandag::date AS mandag
FROM fa
JOIN forloeb_mentortilknytning t ON t.forloeb_id = fa.id
JOIN forloeb_bevilling b ON b.forloeb_id = fa.id
LEFT JOIN forloeb_afslutning x ON x.forloeb_id = fa.id
CROSS JOIN fp
CROSS JOIN LATERAL (
    SELECT GREATEST(t.fra, b.start) AS fra,
           LEAST(COALESCE(t.til, b.slut), b.slut, COALESCE(x.dato, b.slut),
                 fp.lukket_uge + 6) AS til
) o
CROSS JOIN LATERAL generate_series(
    date_trunc('week', o.fra::timestamp), o.til::timestamp, interval '7 days') u(mandag)
WHERE o.fra <= o.til;
CREATE INDEX ON fd (forloeb_id, mandag);
ANALYZE fd;

-- REGISTRERING_MANGLER: any such week not registered, since the oldest one's deadline.
INSERT INTO floor_resultat
SELECT 'REGISTRERING_MANGLER', d.forloeb_id, min(d.mandag) + 7 + fp.registrering_frist_ugedag
FROM fd d CROSS JOIN fp
WHERE NOT EXISTS (SELECT 1 FROM tidsregistrering_ugeregistrering u
                  WHERE u.forloeb_id = d.forloeb_id AND u.uge_start = d.mandag
                    AND u.mentor_id = d.mentor_id)
GROUP BY d.forloeb_id, fp.registrering_frist_ugedag;

-- INGEN_KONTAKT: the course's last N registrable weeks (ret og pligt: its own N and only
-- its contact forms) had no contact; since the week after the last contact before them,
-- else the first week.
CREATE TEMP TABLE fk AS
SELECT DISTINCT u.forloeb_id, u.uge_start AS mandag
FROM tidsregistrering_ugeregistrering u
JOIN tidsregistrering_kontakt k ON k.registrering_id = u.id
JOIN fa ON fa.id = u.forloeb_id
CROSS JOIN fp
WHERE fa.lovgrundlag <> 'ret_og_pligt' OR k.form = ANY(fp.rop_former);
CREATE INDEX ON fk (forloeb_id, mandag);
ANALYZE fk;
INSERT INTO floor_resultat
WITH n AS (
    SELECT g.forloeb_id, g.mandag, fk.forloeb_id IS NOT NULL AS kontakt,
           row_number() OVER (PARTITION BY g.forloeb_id ORDER BY g.mandag DESC) AS nr
    FROM (SELECT DISTINCT forloeb_id, mandag FROM fd) g
    LEFT JOIN fk ON fk.forloeb_id = g.forloeb_id AND fk.mandag = g.mandag
), v AS (
    SELECT n.forloeb_id, min(n.mandag) AS fra
    FROM n JOIN fa ON fa.id = n.forloeb_id CROSS JOIN fp
    CROSS JOIN LATERAL (SELECT CASE WHEN fa.lovgrundlag = 'ret_og_pligt'
                                    THEN fp.ingen_kontakt_uger_ret_og_pligt
                                    ELSE fp.ingen_kontakt_uger END AS uger) g
    WHERE n.nr <= g.uger
    GROUP BY n.forloeb_id, g.uger
    HAVING count(*) = g.uger AND NOT bool_or(n.kontakt)
)
SELECT 'INGEN_KONTAKT', v.forloeb_id,
       COALESCE((SELECT max(fk.mandag) + 7 FROM fk
                 WHERE fk.forloeb_id = v.forloeb_id AND fk.mandag < v.fra),
                (SELECT min(fd.mandag) FROM fd WHERE fd.forloeb_id = v.forloeb_id))
FROM v;

-- LEVERING_AFVIGER: hours logged over the last N closed weeks outside [min%, max%] of the
-- hours granted by day (a day is 1/7 of the weekly hours in force; a change of hours
-- counts from its own day).
INSERT INTO floor_resultat
WITH p AS (
    SELECT b.id AS bevilling_id, b.forloeb_id, b.start AS fra, b.slut,
           b.timer_pr_uge AS timer, 0 AS kilde
    FROM forloeb_bevilling b JOIN fa ON fa.id = b.forloeb_id CROSS JOIN fp
    WHERE fa.foerste_start <= fp.levering_start
      AND b.start <= fp.lukket_uge + 6 AND b.slut >= fp.levering_start
    UNION ALL
    SELECT b.id, b.forloeb_id, t.gaelder_fra, b.slut, t.timer_pr_uge, 1
    FROM forloeb_timeaendring t JOIN forloeb_bevilling b ON b.id = t.bevilling_id
    JOIN fa ON fa.id = b.forloeb_id CROSS JOIN fp
    WHERE fa.foerste_start <= fp.levering_start
      AND b.start <= fp.lukket_uge + 6 AND b.slut >= fp.levering_start
), s AS (
    SELECT p.forloeb_id, p.fra, p.timer,
           COALESCE(lead(p.fra) OVER (PARTITION BY p.bevilling_id ORDER BY p.fra, p.kilde) - 1,
                    p.slut) AS til
    FROM p
), bevilget AS (
    SELECT s.forloeb_id,
           sum((LEAST(s.til, fp.lukket_uge + 6) - GREATEST(s.fra, fp.levering_start) + 1)
               * s.timer) AS dagtimer
    FROM s CROSS JOIN fp
    WHERE s.til >= s.fra AND s.fra <= fp.lukket_uge + 6 AND s.til >= fp.levering_start
    GROUP BY s.forloeb_id
), leveret AS (
    SELECT u.forloeb_id, sum(u.minutter_i_alt) AS minutter
    FROM tidsregistrering_ugeregistrering u JOIN fa ON fa.id = u.forloeb_id CROSS JOIN fp
    WHERE u.uge_start BETWEEN fp.levering_start AND fp.lukket_uge
    GROUP BY u.forloeb_id
)
SELECT 'LEVERING_AFVIGER', g.forloeb_id, fp.levering_start
FROM bevilget g CROSS JOIN fp LEFT JOIN leveret l ON l.forloeb_id = g.forloeb_id
WHERE g.dagtimer > 0
  AND (COALESCE(l.minutter, 0) * 100 * 7 < g.dagtimer * 60 * fp.levering_min_pct
       OR COALESCE(l.minutter, 0) * 100 * 7 > g.dagtimer * 60 * fp.levering_max_pct);

-- OPFOELGNING_MANGLER: the latest follow-up (else the first start) is too old.
INSERT INTO floor_resultat
SELECT 'OPFOELGNING_MANGLER', fa.id,
       COALESCE(max(o.dato), fa.foerste_start) + 7 * fp.opfoelgning_uger + 1
FROM fa CROSS JOIN fp
LEFT JOIN forloeb_opfoelgning o ON o.forloeb_id = fa.id AND o.dato <= fp.today
GROUP BY fa.id, fa.foerste_start, fp.opfoelgning_uger, fp.today
HAVING COALESCE(max(o.dato), fa.foerste_start) + 7 * fp.opfoelgning_uger < fp.today;

-- STATUSRAPPORT_MANGLER: counted from the latest of the last report, the first start and
-- the day the current mentor took over.
INSERT INTO floor_resultat
SELECT 'STATUSRAPPORT_MANGLER', g.id, g.fra + 7 * fp.statusrapport_uger + 1
FROM (
    SELECT fa.id, GREATEST(fa.foerste_start, s.dato, t.fra) AS fra
    FROM fa
    LEFT JOIN (SELECT s.forloeb_id, max(s.dato) AS dato
               FROM forloeb_statusrapport s CROSS JOIN fp WHERE s.dato <= fp.today
               GROUP BY s.forloeb_id) s ON s.forloeb_id = fa.id
    LEFT JOIN forloeb_mentortilknytning t ON t.forloeb_id = fa.id AND t.til IS NULL
) g CROSS JOIN fp
WHERE g.fra + 7 * fp.statusrapport_uger < fp.today;

-- AFSLUTNING_UFULDSTAENDIG: ended without reason or both closing ratings (a cancelled
-- draft needs neither).
INSERT INTO floor_resultat
SELECT 'AFSLUTNING_UFULDSTAENDIG', f.id,
       COALESCE(x.dato, (SELECT max(b.slut) FROM forloeb_bevilling b WHERE b.forloeb_id = f.id))
FROM forloeb_forloeb f LEFT JOIN forloeb_afslutning x ON x.forloeb_id = f.id
WHERE f.status = 'afsluttet'
  AND (x.id IS NULL OR (x.aarsag <> 'annulleret'
                        AND (x.aarsag = '' OR x.borger_vurdering IS NULL
                             OR x.mentor_vurdering IS NULL)));

-- RESULTAT_MANGLER: the result 3, 6 or 12 months after the end is due N days after the
-- mark and not registered.
INSERT INTO floor_resultat
SELECT 'RESULTAT_MANGLER', x.forloeb_id,
       min((x.dato + make_interval(months => m.maaned))::date + fp.resultat_frist_dage + 1)
FROM forloeb_afslutning x
JOIN forloeb_forloeb f ON f.id = x.forloeb_id
CROSS JOIN (VALUES (3), (6), (12)) AS m(maaned)
CROSS JOIN fp
WHERE f.status = 'afsluttet' AND x.aarsag <> 'annulleret'
  AND (x.dato + make_interval(months => m.maaned))::date + fp.resultat_frist_dage < fp.today
  AND NOT EXISTS (SELECT 1 FROM forloeb_resultat r
                  WHERE r.forloeb_id = x.forloeb_id AND r.maaned = m.maaned)
GROUP BY x.forloeb_id;

-- MENTOR_OVERBELASTET: each mentor's open courses (draft or active) ranked by when she
-- took them on; the active ones beyond her capacity.
INSERT INTO floor_resultat
SELECT 'MENTOR_OVERBELASTET', r.id, LEAST(r.fra, fp.today) FROM (
    SELECT f.id, t.fra, m.kapacitet,
           row_number() OVER (PARTITION BY f.mentor_id ORDER BY t.fra NULLS FIRST, f.id) AS nr
    FROM forloeb_forloeb f
    JOIN forloeb_mentor m ON m.id = f.mentor_id
    LEFT JOIN forloeb_mentortilknytning t ON t.forloeb_id = f.id
         AND t.mentor_id = f.mentor_id AND t.til IS NULL
    WHERE f.status IN ('kladde', 'aktiv')
) r CROSS JOIN fp
WHERE r.nr > r.kapacitet AND r.id IN (SELECT id FROM fa);

SELECT regel, count(DISTINCT forloeb_id) AS forloeb FROM floor_resultat GROUP BY regel
ORDER BY regel;
