-- CreateTable
CREATE TABLE "SessionEnergyHour" (
    "installationId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "chargerId" UUID NOT NULL,
    "kwh" DOUBLE PRECISION NOT NULL,
    "pieces" INTEGER NOT NULL,

    CONSTRAINT "SessionEnergyHour_pkey" PRIMARY KEY ("installationId","hour","chargerId")
);

-- CreateIndex
CREATE INDEX "SessionEnergyHour_installationId_hour_chargerId_kwh_idx" ON "SessionEnergyHour"("installationId", "hour", "chargerId", "kwh");

-- The hourly sums follow the spans in the trigger that writes them (session_energy_spans), in
-- the same statement's transaction: a session's old pieces are subtracted and its new ones added
-- as one net change per (installation, hour, charger), upserted in key order so that concurrent
-- writers take the rows' locks in the same order; an hour whose change nets to nothing is not
-- written (ingestion rewrites a session's ticks unchanged when another column changed). A row
-- whose last piece went is deleted. (Not in schema.prisma: Prisma leaves functions and triggers
-- alone.)
CREATE OR REPLACE FUNCTION session_energy_spans_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone_installation uuid[];
  gone_charger uuid[];
  gone_hour timestamptz[];
  gone_kwh float8[];
  gone_pieces int[];
  empty_installation uuid[];
  empty_charger uuid[];
  empty_hour timestamptz[];
BEGIN
  IF TG_OP <> 'INSERT' THEN
    -- The stored pieces, as stored (since rounded to milliseconds), are what the sums hold.
    WITH gone AS (
      DELETE FROM "SessionEnergySpan" WHERE "sessionId" = OLD.id
      RETURNING "installationId", "chargerId", since, kwh
    )
    SELECT array_agg(i), array_agg(c), array_agg(h), array_agg(k), array_agg(p)
    INTO gone_installation, gone_charger, gone_hour, gone_kwh, gone_pieces
    FROM (SELECT "installationId", "chargerId", date_trunc('hour', since, 'UTC'), -sum(kwh),
            -count(*)::int
          FROM gone GROUP BY 1, 2, 3) AS sums(i, c, h, k, p);
  END IF;
  WITH made AS (
    INSERT INTO "SessionEnergySpan"
    SELECT spans.* FROM session_energy_spans_of(NEW) AS spans WHERE TG_OP <> 'DELETE'
    RETURNING "installationId", "chargerId", since, kwh
  ), change AS (
    SELECT "installationId" AS i, "chargerId" AS c, date_trunc('hour', since, 'UTC') AS h,
      kwh AS k, 1 AS p
    FROM made
    UNION ALL
    SELECT * FROM unnest(gone_installation, gone_charger, gone_hour, gone_kwh, gone_pieces)
  ), applied AS (
    INSERT INTO "SessionEnergyHour" AS t ("installationId", "chargerId", hour, kwh, pieces)
    SELECT i, c, h, sum(k), sum(p) FROM change GROUP BY i, c, h
    HAVING sum(p) <> 0 OR sum(k) <> 0
    ORDER BY i, h, c
    ON CONFLICT ("installationId", hour, "chargerId") DO UPDATE
      SET kwh = t.kwh + excluded.kwh, pieces = t.pieces + excluded.pieces
    RETURNING t."installationId", t."chargerId", t.hour, t.pieces
  )
  SELECT array_agg("installationId"), array_agg("chargerId"), array_agg(hour)
  INTO empty_installation, empty_charger, empty_hour
  FROM applied WHERE pieces = 0;
  IF empty_hour IS NOT NULL THEN
    DELETE FROM "SessionEnergyHour" t
    USING unnest(empty_installation, empty_charger, empty_hour) AS e(i, c, h)
    WHERE t."installationId" = e.i AND t."chargerId" = e.c AND t.hour = e.h AND t.pieces = 0;
  END IF;
  -- Ignored after the row; before a DELETE it lets the delete go ahead.
  RETURN OLD;
END $$;

-- Before the delete, while the session's spans are still there to subtract (the foreign key's
-- cascade would remove them unseen).
CREATE TRIGGER "ChargeSession_energy_spans_delete"
BEFORE DELETE ON "ChargeSession" FOR EACH ROW EXECUTE FUNCTION session_energy_spans_refresh();

-- TRUNCATE "ChargeSession" CASCADE empties the spans (their foreign key) but fires no row trigger.
CREATE FUNCTION session_energy_hours_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "SessionEnergyHour";
  RETURN NULL;
END $$;

CREATE TRIGGER "ChargeSession_energy_hours_truncate"
AFTER TRUNCATE ON "ChargeSession" FOR EACH STATEMENT EXECUTE FUNCTION session_energy_hours_truncate();

-- The spans stored before this migration.
INSERT INTO "SessionEnergyHour" ("installationId", "chargerId", hour, kwh, pieces)
SELECT "installationId", "chargerId", date_trunc('hour', since, 'UTC'), sum(kwh), count(*)
FROM "SessionEnergySpan" GROUP BY 1, 2, 3;
