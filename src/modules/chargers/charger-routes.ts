/**
 * The route pattern of a charger's live state (chargers.controller.ts `:id/state` under
 * `/v1/chargers`): its response-cache entry is keyed by it, and ingestion's poller fills that
 * same entry (charger-state-poll.ts), so test/jobs checks the two agree.
 */
export const CHARGER_STATE_ROUTE = '/v1/chargers/:id/state';
