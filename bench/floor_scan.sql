-- The SQL floor of the compliance scan: the same 14 rules as compliance/regler.py
-- (PRODUCT.md §6), written as plain SQL with no Django, run in one session:
--     psql "$DATABASE_URL" -f bench/floor_scan.sql
-- bench/bench_scan.py runs it through a raw psycopg cursor and compares the number of
-- offending courses per rule with the open flags the real scan leaves behind.
-- Thresholds come from compliance_regelindstillinger (row 1) or the §6 defaults.
-- The floor computes the offending set of every rule into a temp table; it does not
-- keep flag history (open/seen/resolve), which is the scan's extra work.

SET TIME ZONE 'Europe/Copenhagen';
DROP TABLE IF EXISTS pg_temp.fp, pg_temp.fa, pg_temp.floor_resultat;

CREATE TEMP TABLE fp AS
WITH s AS (
    SELECT aftale_dage, periode_udloeber_dage, trepartsmoede_uger, ingen_kontakt_uger,
           ingen_kontakt_uger_ret_og_pligt, registrering_frist_ugedag, levering_min_pct,
           levering_max_pct, levering_uger, opfoelgning_uger, statusrapport_uger
    FROM compliance_regelindstillinger WHERE id = 1
    UNION ALL
    SELECT 14, 14, 4, 2, 2, 3, 50, 120, 4, 8, 6
    WHERE NOT EXISTS (SELECT 1 FROM compliance_regelindstillinger WHERE id = 1)
), d AS (
    SELECT s.*, current_date AS today,
           current_date - (extract(isodow FROM current_date)::int - 1)
             - CASE WHEN extract(isodow FROM current_date) > s.registrering_frist_ugedag
                    THEN 7 ELSE 14 END AS lukket_uge
    FROM s
)
SELECT d.*, d.lukket_uge - 7 * (d.levering_uger - 1) AS levering_start FROM d;

-- Courses active today, with the start of their first period.
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

-- KVALIFIKATIONER_MANGLER: the latest started period has no documented qualifications.
INSERT INTO floor_resultat
SELECT 'KVALIFIKATIONER_MANGLER', forloeb_id, start FROM (
    SELECT DISTINCT ON (b.forloeb_id) b.forloeb_id, b.start, b.kvalifikationer
    FROM forloeb_bevilling b JOIN fa ON fa.id = b.forloeb_id CROSS JOIN fp
    WHERE b.start <= fp.today
    ORDER BY b.forloeb_id, b.start DESC
) z WHERE btrim(z.kvalifikationer) = '';

-- AFTALE_MANGLER: a period started more than N days ago without an agreement handed out.
INSERT INTO floor_resultat
SELECT 'AFTALE_MANGLER', b.forloeb_id, min(b.start + fp.aftale_dage + 1)
FROM fa JOIN forloeb_bevilling b ON b.forloeb_id = fa.id
LEFT JOIN forloeb_mentoraftale m ON m.bevilling_id = b.id
CROSS JOIN fp
WHERE b.start + fp.aftale_dage < fp.today AND (m.id IS NULL OR m.udleveret IS NULL)
GROUP BY b.forloeb_id;

-- PERIODE_UDLOEBER and the first half of PERIODE_OVERSKREDET: the last period's end.
CREATE TEMP TABLE fs AS
SELECT fa.id, max(b.slut) AS sidste_slut
FROM fa JOIN forloeb_bevilling b ON b.forloeb_id = fa.id GROUP BY fa.id;
INSERT INTO floor_resultat
SELECT 'PERIODE_UDLOEBER', fs.id, fs.sidste_slut - fp.periode_udloeber_dage
FROM fs CROSS JOIN fp
WHERE fs.sidste_slut BETWEEN fp.today AND fp.today + fp.periode_udloeber_dage;
INSERT INTO floor_resultat
SELECT 'PERIODE_OVERSKREDET', fs.id, fs.sidste_slut + 1
FROM fs CROSS JOIN fp WHERE fs.sidste_slut < fp.today;
DROP TABLE fs;

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

-- INGEN_KONTAKT: no week with contact in the window (ret og pligt: a shorter window).
INSERT INTO floor_resultat
SELECT 'INGEN_KONTAKT', v.id,
       GREATEST(v.foerste_start, (SELECT max(u.uge_start) + 7
                                  FROM tidsregistrering_ugeregistrering u
                                  WHERE u.forloeb_id = v.id AND u.minutter_i_alt > 0
                                    AND u.uge_start < v.vstart))
FROM (
    SELECT fa.id, fa.foerste_start, fp.lukket_uge,
           fp.lukket_uge - 7 * ((CASE WHEN fa.lovgrundlag = 'ret_og_pligt'
                                      THEN fp.ingen_kontakt_uger_ret_og_pligt
                                      ELSE fp.ingen_kontakt_uger END) - 1) AS vstart
    FROM fa CROSS JOIN fp
) v
WHERE v.foerste_start <= v.vstart
  AND NOT EXISTS (SELECT 1 FROM tidsregistrering_ugeregistrering u
                  WHERE u.forloeb_id = v.id AND u.minutter_i_alt > 0
                    AND u.uge_start BETWEEN v.vstart AND v.lukket_uge);

-- REGISTRERING_MANGLER: last closed week granted and mentored but not registered.
INSERT INTO floor_resultat
SELECT 'REGISTRERING_MANGLER', fa.id, fp.lukket_uge + 7 + fp.registrering_frist_ugedag
FROM fa CROSS JOIN fp
WHERE EXISTS (SELECT 1 FROM forloeb_bevilling b WHERE b.forloeb_id = fa.id
                AND b.start <= fp.lukket_uge + 6 AND b.slut >= fp.lukket_uge)
  AND EXISTS (SELECT 1 FROM forloeb_mentortilknytning t WHERE t.forloeb_id = fa.id
                AND t.fra <= fp.lukket_uge + 6 AND (t.til IS NULL OR t.til >= fp.lukket_uge))
  AND NOT EXISTS (SELECT 1 FROM tidsregistrering_ugeregistrering u
                  WHERE u.forloeb_id = fa.id AND u.uge_start = fp.lukket_uge);

-- LEVERING_AFVIGER: logged hours outside [min%, max%] of granted over the last N weeks.
INSERT INTO floor_resultat
WITH uger AS (
    SELECT d::date AS mandag FROM fp,
           generate_series(fp.levering_start, fp.lukket_uge, interval '7 days') d
), bevilget AS (
    SELECT fa.id, sum(COALESCE((SELECT t.timer_pr_uge FROM forloeb_timeaendring t
                                WHERE t.bevilling_id = b.id AND t.gaelder_fra <= u.mandag
                                ORDER BY t.gaelder_fra DESC LIMIT 1), b.timer_pr_uge)) AS timer
    FROM fa CROSS JOIN fp CROSS JOIN uger u
    JOIN forloeb_bevilling b ON b.forloeb_id = fa.id
     AND b.start <= u.mandag + 6 AND b.slut >= u.mandag
    WHERE fa.foerste_start <= fp.levering_start
    GROUP BY fa.id
), leveret AS (
    SELECT u.forloeb_id, sum(u.minutter_i_alt) AS minutter
    FROM tidsregistrering_ugeregistrering u CROSS JOIN fp
    WHERE u.uge_start BETWEEN fp.levering_start AND fp.lukket_uge
    GROUP BY u.forloeb_id
)
SELECT 'LEVERING_AFVIGER', g.id, fp.levering_start
FROM bevilget g CROSS JOIN fp LEFT JOIN leveret l ON l.forloeb_id = g.id
WHERE g.timer > 0 AND (COALESCE(l.minutter, 0) * 100 < g.timer * 60 * fp.levering_min_pct
                       OR COALESCE(l.minutter, 0) * 100 > g.timer * 60 * fp.levering_max_pct);

-- OPFOELGNING_MANGLER and STATUSRAPPORT_MANGLER: the latest one is too old.
INSERT INTO floor_resultat
SELECT 'OPFOELGNING_MANGLER', fa.id,
       COALESCE(max(o.dato), fa.foerste_start) + 7 * fp.opfoelgning_uger + 1
FROM fa CROSS JOIN fp
LEFT JOIN forloeb_opfoelgning o ON o.forloeb_id = fa.id AND o.dato <= fp.today
GROUP BY fa.id, fa.foerste_start, fp.opfoelgning_uger, fp.today
HAVING COALESCE(max(o.dato), fa.foerste_start) + 7 * fp.opfoelgning_uger < fp.today;
INSERT INTO floor_resultat
SELECT 'STATUSRAPPORT_MANGLER', fa.id,
       COALESCE(max(s.dato), fa.foerste_start) + 7 * fp.statusrapport_uger + 1
FROM fa CROSS JOIN fp
LEFT JOIN forloeb_statusrapport s ON s.forloeb_id = fa.id AND s.dato <= fp.today
GROUP BY fa.id, fa.foerste_start, fp.statusrapport_uger, fp.today
HAVING COALESCE(max(s.dato), fa.foerste_start) + 7 * fp.statusrapport_uger < fp.today;

-- AFSLUTNING_UFULDSTAENDIG: ended without reason or both closing ratings.
INSERT INTO floor_resultat
SELECT 'AFSLUTNING_UFULDSTAENDIG', f.id,
       COALESCE(x.dato, (SELECT max(b.slut) FROM forloeb_bevilling b WHERE b.forloeb_id = f.id))
FROM forloeb_forloeb f LEFT JOIN forloeb_afslutning x ON x.forloeb_id = f.id
WHERE f.status = 'afsluttet'
  AND (x.id IS NULL OR x.aarsag = '' OR x.borger_vurdering IS NULL
       OR x.mentor_vurdering IS NULL);

-- MENTOR_OVERBELASTET: the courses assigned last, beyond the mentor's own capacity (the
-- administrator's cap is gone: it disagreed with assignment).
INSERT INTO floor_resultat
SELECT 'MENTOR_OVERBELASTET', r.id, r.fra FROM (
    SELECT fa.id, t.fra, m.kapacitet AS graense,
           row_number() OVER (PARTITION BY fa.mentor_id ORDER BY t.fra NULLS FIRST, fa.id) AS nr
    FROM fa CROSS JOIN fp
    JOIN forloeb_mentor m ON m.id = fa.mentor_id
    LEFT JOIN forloeb_mentortilknytning t ON t.forloeb_id = fa.id
         AND t.mentor_id = fa.mentor_id AND t.til IS NULL
) r WHERE r.nr > r.graense;

SELECT regel, count(DISTINCT forloeb_id) AS forloeb FROM floor_resultat GROUP BY regel
ORDER BY regel;
