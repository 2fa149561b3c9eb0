-- CreateTable
CREATE TABLE "SessionEnergySpan" (
    "sessionId" UUID NOT NULL,
    "piece" INTEGER NOT NULL,
    "installationId" UUID NOT NULL,
    "chargerId" UUID NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "kwh" DOUBLE PRECISION NOT NULL,
    "estimated" BOOLEAN NOT NULL,

    CONSTRAINT "SessionEnergySpan_pkey" PRIMARY KEY ("sessionId","piece")
);

-- CreateIndex
CREATE INDEX "SessionEnergySpan_installationId_since_until_chargerId_kwh__idx" ON "SessionEnergySpan"("installationId", "since", "until", "chargerId", "kwh", "estimated", "sessionId");

-- AddForeignKey
ALTER TABLE "SessionEnergySpan" ADD CONSTRAINT "SessionEnergySpan_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ChargeSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The spans of one session, from its row: each EnergyDetails tick closes the interval since the
-- previous tick (or startedAt), an out-of-order tick is an instant at its own time, a session
-- without ticks is [startedAt, endedAt) flagged estimated; every interval is cut at UTC hours,
-- its energy shared in proportion to time. (Not a Prisma model: Prisma leaves functions and
-- triggers alone.)
CREATE FUNCTION session_energy_spans_of("session" "ChargeSession")
RETURNS SETOF "SessionEnergySpan" LANGUAGE sql STABLE AS $$
  WITH ticks AS (
    SELECT x.n::int AS n, (x.e ->> 'energyKwh')::float8 AS kwh,
      (x.e ->> 'timestamp')::timestamptz AS until,
      CASE WHEN x.n = 1 THEN session."startedAt"
        ELSE (session."energyDetails" -> (x.n::int - 2) ->> 'timestamp')::timestamptz END AS since,
      false AS estimated
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(session."energyDetails") = 'array'
                                   THEN session."energyDetails" ELSE '[]'::jsonb END)
         WITH ORDINALITY AS x(e, n)
  ), intervals AS (
    SELECT n, kwh, until, least(since, until) AS since, estimated FROM ticks
    UNION ALL
    SELECT 1, session."energyKwh"::float8, coalesce(session."endedAt", session."startedAt"),
      least(session."startedAt", coalesce(session."endedAt", session."startedAt")), true
    WHERE NOT EXISTS (SELECT 1 FROM ticks)
  )
  SELECT session.id, (row_number() OVER (ORDER BY i.n, h))::int, session."installationId",
    session."chargerId", greatest(i.since, h), least(i.until, h + interval '1 hour'),
    CASE WHEN i.until > i.since
      THEN i.kwh * extract(epoch FROM least(i.until, h + interval '1 hour') - greatest(i.since, h))
           / extract(epoch FROM i.until - i.since)
      ELSE i.kwh END,
    i.estimated
  FROM intervals i
  CROSS JOIN LATERAL generate_series(
    date_trunc('hour', i.since, 'UTC'),
    CASE WHEN i.until > i.since THEN i.until - interval '1 microsecond' ELSE i.until END,
    interval '1 hour') AS h
$$;

CREATE FUNCTION session_energy_spans_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM "SessionEnergySpan" WHERE "sessionId" = OLD.id;
  END IF;
  INSERT INTO "SessionEnergySpan" SELECT * FROM session_energy_spans_of(NEW);
  RETURN NULL;
END $$;

CREATE TRIGGER "ChargeSession_energy_spans"
AFTER INSERT OR UPDATE OF "energyDetails", "energyKwh", "startedAt", "endedAt", "installationId", "chargerId"
ON "ChargeSession" FOR EACH ROW EXECUTE FUNCTION session_energy_spans_refresh();

-- Sessions stored before this migration.
INSERT INTO "SessionEnergySpan" SELECT spans.* FROM "ChargeSession" s, session_energy_spans_of(s) AS spans;
