import { Priority } from '../../upstream/zaptec/account-limiter';
import type { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { KnownInstallation } from './discovery';
import type { SessionRecord } from './records';
import { historySessionRecord } from './session-records';
import type { BudgetClass, UpstreamBudget } from './upstream-budget';

/** Zaptec's largest page (§3). */
const PAGE_SIZE = 100;

export interface HistoryPage {
  /** The page's sessions that parse, as records of the installation. */
  readonly records: SessionRecord[];
  /** What upstream says the listing has, and whether this page was its last. */
  readonly pages: number;
  readonly last: boolean;
}

/**
 * One page of an installation's charge history for ingestion (live sync and backfill alike):
 * oldest first with EnergyDetails, through ingestion's share of the account's budget in `use`'s
 * class, at the limiter's background priority.
 */
export async function readHistoryPage(
  zaptec: ZaptecApi,
  budget: UpstreamBudget,
  use: Extract<BudgetClass, 'history' | 'backfill'>,
  installation: KnownInstallation,
  range: { readonly from?: Date; readonly to?: Date; readonly pageIndex: number },
  signal: AbortSignal,
): Promise<HistoryPage> {
  const { session } = installation;
  const page = await budget.run(
    session.account,
    use,
    () =>
      zaptec.chargeHistory(session, {
        installationId: installation.id,
        from: range.from,
        to: range.to,
        pageIndex: range.pageIndex,
        pageSize: PAGE_SIZE,
        detailLevel: 1,
        oldestFirst: true,
        priority: Priority.background,
      }),
    signal,
  );
  const records = page.Data.map((item) => historySessionRecord(item, installation.id)).filter(
    (record): record is SessionRecord => record !== undefined,
  );
  return {
    records,
    pages: page.Pages,
    last: page.Data.length === 0 || range.pageIndex + 1 >= page.Pages,
  };
}
