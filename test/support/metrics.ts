import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';

/** One sample line of Prometheus' text format: `name{label="value",...} 12`. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads the text format into samples (comments skipped); label values are unescaped. */
export function parseMetrics(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const [, name, labelText = '', value] = match;
    const labels: Record<string, string> = {};
    for (const [, label, raw] of labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[label] = raw.replace(/\\(.)/g, (_escape, char: string) =>
        char === 'n' ? '\n' : char,
      );
    }
    samples.push({ name, labels, value: Number(value) });
  }
  return samples;
}

/** The value of the one sample of `name` whose labels include `labels`; 0 when there is none. */
export function sampleValue(
  samples: MetricSample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  const found = samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([label, value]) => sample.labels[label] === value),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match the labels`);
  return found[0]?.value ?? 0;
}

/** GET /metrics from loopback (supertest connects to 127.0.0.1), parsed. */
export async function scrapeMetrics(app: NestFastifyApplication): Promise<MetricSample[]> {
  const response = await request(app.getHttpServer()).get('/metrics');
  if (response.status !== 200) throw new Error(`/metrics: ${response.status} ${response.text}`);
  return parseMetrics(response.text);
}
