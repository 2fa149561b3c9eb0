-- CreateTable
CREATE TABLE "SessionEnergyHour" (
    "installationId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "chargerId" UUID NOT NULL,
    "estimatedSessionId" UUID NOT NULL,
    "kwh" DOUBLE PRECISION NOT NULL,
    "pieces" INTEGER NOT NULL,

    CONSTRAINT "SessionEnergyHour_pkey" PRIMARY KEY ("installationId","hour","chargerId","estimatedSessionId")
);

-- CreateIndex
CREATE INDEX "SessionEnergyHour_installationId_hour_chargerId_estimatedSe_idx" ON "SessionEnergyHour"("installationId", "hour", "chargerId", "estimatedSessionId", "kwh");

-- The hourly sums follow the spans in the trigger that writes them (session_energy_spans), in
-- the same transaction: a session's old pieces are subtracted and its new ones added as one net
-- change per row, upserted in key order so that concurrent writers take the rows' locks in the
-- same order; a row whose change nets to nothing is not written. A row whose last piece went is
-- deleted. The pieces of a session without ticks (estimated) are summed apart, under its id;
-- all metered pieces under the nil uuid. (Not in schema.prisma: Prisma leaves functions and
-- triggers alone.)
CREATE OR REPLACE FUNCTION session_energy_spans_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone_installation uuid[];
  gone_hour timestamptz[];
  gone_charger uuid[];
  gone_estimated uuid[];
  gone_kwh float8[];
  gone_pieces int[];
  empty_installation uuid[];
  empty_hour timestamptz[];
  empty_charger uuid[];
  empty_estimated uuid[];
BEGIN
  IF TG_OP <> 'INSERT' THEN
    -- The stored pieces, as stored (since rounded to milliseconds), are what the sums hold.
    WITH gone AS (
      DELETE FROM "SessionEnergySpan" WHERE "sessionId" = OLD.id
      RETURNING *
    )
    SELECT array_agg(i), array_agg(h), array_agg(c), array_agg(e), array_agg(k), array_agg(p)
    INTO gone_installation, gone_hour, gone_charger, gone_estimated, gone_kwh, gone_pieces
    FROM (SELECT "installationId", date_trunc('hour', since, 'UTC'), "chargerId",
            CASE WHEN estimated THEN "sessionId" ELSE '00000000-0000-0000-0000-000000000000' END,
            -sum(kwh), -count(*)::int
          FROM gone GROUP BY 1, 2, 3, 4) AS sums(i, h, c, e, k, p);
  END IF;
  WITH made AS (
    INSERT INTO "SessionEnergySpan"
    SELECT spans.* FROM session_energy_spans_of(NEW) AS spans WHERE TG_OP <> 'DELETE'
    RETURNING *
  ), change AS (
    SELECT "installationId" AS i, date_trunc('hour', since, 'UTC') AS h, "chargerId" AS c,
      CASE WHEN estimated THEN "sessionId" ELSE '00000000-0000-0000-0000-000000000000' END AS e,
      kwh AS k, 1 AS p
    FROM made
    UNION ALL
    SELECT * FROM unnest(gone_installation, gone_hour, gone_charger, gone_estimated, gone_kwh,
                         gone_pieces)
  ), applied AS (
    INSERT INTO "SessionEnergyHour" AS t
      ("installationId", hour, "chargerId", "estimatedSessionId", kwh, pieces)
    SELECT i, h, c, e, sum(k), sum(p) FROM change GROUP BY i, h, c, e
    HAVING sum(p) <> 0 OR sum(k) <> 0
    ORDER BY i, h, c, e
    ON CONFLICT ("installationId", hour, "chargerId", "estimatedSessionId") DO UPDATE
      SET kwh = t.kwh + excluded.kwh, pieces = t.pieces + excluded.pieces
    RETURNING t."installationId", t.hour, t."chargerId", t."estimatedSessionId", t.pieces
  )
  SELECT array_agg("installationId"), array_agg(hour), array_agg("chargerId"),
    array_agg("estimatedSessionId")
  INTO empty_installation, empty_hour, empty_charger, empty_estimated
  FROM applied WHERE pieces = 0;
  IF empty_hour IS NOT NULL THEN
    DELETE FROM "SessionEnergyHour" t
    USING unnest(empty_installation, empty_hour, empty_charger, empty_estimated) AS x(i, h, c, e)
    WHERE (t."installationId", t.hour, t."chargerId", t."estimatedSessionId") = (x.i, x.h, x.c, x.e)
      AND t.pieces = 0;
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

-- The spans stored before this migration (what bench/history.mjs runs after its COPY, too).
INSERT INTO "SessionEnergyHour" ("installationId", hour, "chargerId", "estimatedSessionId", kwh, pieces)
SELECT "installationId", date_trunc('hour', since, 'UTC'), "chargerId",
  CASE WHEN estimated THEN "sessionId" ELSE '00000000-0000-0000-0000-000000000000' END,
  sum(kwh), count(*)
FROM "SessionEnergySpan" GROUP BY 1, 2, 3, 4;
