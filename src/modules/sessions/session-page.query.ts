import type { Queryable } from '../../jobs/ingestion/queryable';

/** Which stored sessions one page covers: the caller's scope, the filters and the cursor. */
export interface SessionPageFilter {
  /** Installations whose every session the caller may read (Owner, Maintainer, Administrator). */
  readonly allOf: readonly string[];
  /** Installations where only the caller's own sessions (userId = ownUserId) count (User). */
  readonly ownOf: readonly string[];
  /** The caller's Zaptec user id; null for an API key, which owns no sessions. */
  readonly ownUserId: string | null;
  readonly chargerId?: string;
  readonly userId?: string;
  /** On endedAt: from <= endedAt < to. */
  readonly from?: Date;
  readonly to?: Date;
  /** The last row of the previous page: the page starts right after it. */
  readonly after?: { readonly endedAt: Date; readonly id: string };
  readonly limit: number;
}

/** A ChargeSession row as the page reads it (no OCMF text, no energy details: see `signed`). */
export interface SessionPageRow {
  readonly id: string;
  readonly installationId: string;
  readonly chargerId: string;
  readonly deviceId: string;
  readonly userId: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly commitEndedAt: Date | null;
  /** numeric(14,4) as node-postgres reads it: a decimal string, exact. */
  readonly energyKwh: string;
  readonly commitMetadata: number;
  readonly authenticationCode: string | null;
  readonly tokenName: string | null;
  readonly externalId: string | null;
  readonly signed: boolean;
}

const COLUMNS = `c.id, c."installationId", c."chargerId", c."deviceId", c."userId", c."startedAt",
  c."endedAt", c."commitEndedAt", c."energyKwh"::text AS "energyKwh", c."commitMetadata",
  c."authenticationCode", c."tokenName", c."externalId", c."signedSession" IS NOT NULL AS signed`;

/**
 * The filters every branch shares. A null parameter turns its test off; node-postgres plans each
 * unnamed statement with its values, so Postgres folds those tests away before choosing an index.
 * Sessions without an end (`endedAt` NULL: not yet closed by the cloud, which history hardly ever
 * lists) are left out: the page is ordered and paged by the end time.
 */
const COMMON = `c."endedAt" IS NOT NULL
  AND ($4::uuid IS NULL OR c."chargerId" = $4::uuid)
  AND ($5::uuid IS NULL OR c."userId" = $5::uuid)
  AND ($6::timestamptz IS NULL OR c."endedAt" >= $6::timestamptz)
  AND ($7::timestamptz IS NULL OR c."endedAt" < $7::timestamptz)`;
const AFTER = `AND ($8::timestamptz IS NULL OR (c."endedAt", c.id) < ($8::timestamptz, $9::uuid))`;
const NEWEST_FIRST = `ORDER BY "endedAt" DESC, id DESC`;

/**
 * One branch per installation, each a walk down the (installationId, endedAt DESC, id DESC) index
 * that stops after `limit` rows (the row-value keyset is an index condition, so a deep page costs
 * what the first does); the outer query merges the branches' heads. A single OR over all the
 * installations would instead read every matching row and sort.
 */
const PAGE_SQL = `
SELECT * FROM (
  SELECT s.* FROM unnest($1::uuid[]) AS scope(id) CROSS JOIN LATERAL (
    SELECT ${COLUMNS} FROM "ChargeSession" c
    WHERE c."installationId" = scope.id AND ${COMMON} ${AFTER}
    ORDER BY c."endedAt" DESC, c.id DESC LIMIT $10) s
  UNION ALL
  SELECT s.* FROM unnest($2::uuid[]) AS scope(id) CROSS JOIN LATERAL (
    SELECT ${COLUMNS} FROM "ChargeSession" c
    WHERE c."installationId" = scope.id AND c."userId" = $3::uuid AND ${COMMON} ${AFTER}
    ORDER BY c."endedAt" DESC, c.id DESC LIMIT $10) s
) page
${NEWEST_FIRST}
LIMIT $10`;

const COUNT_SQL = `
SELECT count(*)::int AS total FROM "ChargeSession" c
WHERE (c."installationId" = ANY($1::uuid[])
    OR (c."installationId" = ANY($2::uuid[]) AND c."userId" = $3::uuid))
  AND ${COMMON}`;

function parameters(filter: Omit<SessionPageFilter, 'after' | 'limit'>): unknown[] {
  return [
    filter.allOf,
    filter.ownOf,
    filter.ownUserId,
    filter.chargerId ?? null,
    filter.userId ?? null,
    filter.from?.toISOString() ?? null,
    filter.to?.toISOString() ?? null,
  ];
}

/**
 * One page of stored sessions, newest end first (endedAt DESC, id DESC: the id breaks ties, so
 * the order is total and a cursor never skips or repeats a row, also while new rows arrive).
 */
export async function findSessionPage(
  db: Queryable,
  filter: SessionPageFilter,
): Promise<SessionPageRow[]> {
  if (filter.allOf.length === 0 && filter.ownOf.length === 0) return [];
  const { rows } = await db.query<SessionPageRow>(PAGE_SQL, [
    ...parameters(filter),
    filter.after?.endedAt.toISOString() ?? null,
    filter.after?.id ?? null,
    filter.limit,
  ]);
  return rows;
}

/** How many sessions match the filter, on every page together (the cursor does not count). */
export async function countSessions(
  db: Queryable,
  filter: Omit<SessionPageFilter, 'after' | 'limit'>,
): Promise<number> {
  if (filter.allOf.length === 0 && filter.ownOf.length === 0) return 0;
  const { rows } = await db.query<{ total: number }>(COUNT_SQL, parameters(filter));
  return rows[0]?.total ?? 0;
}
