import { Registry } from 'prom-client';
import { IngestionMetrics } from './ingestion-metrics';

async function linesOf(registry: Registry, name: string): Promise<string[]> {
  const text = await registry.getSingleMetricAsString(name);
  return text.split('\n').filter((line) => line && !line.startsWith('#'));
}

describe('IngestionMetrics', () => {
  it('reports a standby (leader 0, epoch 0) until leadership is won, and keeps the epoch after it is lost', async () => {
    const registry = new Registry();
    const metrics = new IngestionMetrics(registry);
    expect(await linesOf(registry, 'gateway_ingestion_leader')).toEqual([
      'gateway_ingestion_leader 0',
    ]);
    metrics.leaderChanged(true, 3);
    expect(await linesOf(registry, 'gateway_ingestion_leader')).toEqual([
      'gateway_ingestion_leader 1',
    ]);
    metrics.leaderChanged(false);
    expect(await linesOf(registry, 'gateway_ingestion_leader')).toEqual([
      'gateway_ingestion_leader 0',
    ]);
    expect(await linesOf(registry, 'gateway_ingestion_leader_epoch')).toEqual([
      'gateway_ingestion_leader_epoch 3',
    ]);
  });

  it('counts rows per table, polls per result and errors per source', async () => {
    const registry = new Registry();
    const metrics = new IngestionMetrics(registry);
    metrics.written('observation', 40);
    metrics.written('observation', 2);
    metrics.written('session', 0);
    metrics.polled('fetched');
    metrics.polled('cached');
    metrics.failed('history');
    expect(await linesOf(registry, 'gateway_ingestion_rows_written_total')).toEqual([
      'gateway_ingestion_rows_written_total{table="observation"} 42',
    ]);
    expect(await linesOf(registry, 'gateway_ingestion_polls_total')).toEqual([
      'gateway_ingestion_polls_total{result="fetched"} 1',
      'gateway_ingestion_polls_total{result="cached"} 1',
    ]);
    expect(await linesOf(registry, 'gateway_ingestion_errors_total')).toEqual([
      'gateway_ingestion_errors_total{source="history"} 1',
    ]);
  });

  it('reads the lag of each source when collected, and leaves out a source with nothing to tell', async () => {
    const registry = new Registry();
    const metrics = new IngestionMetrics(registry);
    let stateLag: number | undefined = 4.5;
    metrics.watchLag('state', () => stateLag);
    metrics.watchLag('history', () => undefined);
    expect(await linesOf(registry, 'gateway_ingestion_lag_seconds')).toEqual([
      'gateway_ingestion_lag_seconds{source="state"} 4.5',
    ]);
    stateLag = undefined;
    expect(await linesOf(registry, 'gateway_ingestion_lag_seconds')).toEqual([]);
  });
});
