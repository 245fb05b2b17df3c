-- Deadlines counted in working days: Monday–Friday, except the days listed in calendar_days
-- (public holidays off, make-up Saturdays/Sundays on). Days are Beijing time.
CREATE FUNCTION linli_is_workday(d date) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT workday FROM calendar_days WHERE day = d), extract(isodow FROM d) < 6)
$$;--> statement-breakpoint
CREATE FUNCTION linli_add_workdays(start timestamptz, days integer) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
DECLARE
  d date := (start AT TIME ZONE 'Asia/Shanghai')::date;
  added integer := 0;
  steps integer := 0;
BEGIN
  IF days <= 0 THEN
    RETURN start;
  END IF;
  WHILE added < days LOOP
    d := d + 1;
    steps := steps + 1;
    IF linli_is_workday(d) THEN
      added := added + 1;
    END IF;
    IF steps > 3660 THEN
      RAISE EXCEPTION 'no working days in ten years after %', start;
    END IF;
  END LOOP;
  RETURN start + make_interval(days => steps);
END $$;--> statement-breakpoint
-- 2026 public holidays and make-up working days as a starting list; admins correct and extend it
-- through PUT /api/v1/calendar-days/:day.
INSERT INTO calendar_days (day, workday, note) VALUES
 ('2026-01-01', false, '元旦'), ('2026-01-02', false, '元旦'), ('2026-01-03', false, '元旦'), ('2026-01-04', true, '元旦调休上班'),
 ('2026-02-14', true, '春节调休上班'), ('2026-02-15', false, '春节'), ('2026-02-16', false, '春节'), ('2026-02-17', false, '春节'),
 ('2026-02-18', false, '春节'), ('2026-02-19', false, '春节'), ('2026-02-20', false, '春节'), ('2026-02-21', false, '春节'),
 ('2026-02-22', false, '春节'), ('2026-02-23', false, '春节'), ('2026-02-28', true, '春节调休上班'),
 ('2026-04-04', false, '清明节'), ('2026-04-05', false, '清明节'), ('2026-04-06', false, '清明节'),
 ('2026-05-01', false, '劳动节'), ('2026-05-02', false, '劳动节'), ('2026-05-03', false, '劳动节'), ('2026-05-04', false, '劳动节'),
 ('2026-05-05', false, '劳动节'), ('2026-05-09', true, '劳动节调休上班'),
 ('2026-06-19', false, '端午节'), ('2026-06-20', false, '端午节'), ('2026-06-21', false, '端午节'),
 ('2026-09-20', true, '国庆节调休上班'), ('2026-09-25', false, '中秋节'), ('2026-09-26', false, '中秋节'), ('2026-09-27', false, '中秋节'),
 ('2026-10-01', false, '国庆节'), ('2026-10-02', false, '国庆节'), ('2026-10-03', false, '国庆节'), ('2026-10-04', false, '国庆节'),
 ('2026-10-05', false, '国庆节'), ('2026-10-06', false, '国庆节'), ('2026-10-07', false, '国庆节'), ('2026-10-10', true, '国庆节调休上班');
