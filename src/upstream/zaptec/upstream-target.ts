import type { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { type RunningSimulator, startSimulator } from '../../simulator/simulator';

export const ZAPTEC_UPSTREAM = Symbol('ZAPTEC_UPSTREAM');

/** Where Zaptec is: the real API, or in demo mode the simulator this process runs. */
export interface UpstreamTarget {
  readonly baseUrl: string;
  readonly demo: RunningSimulator | undefined;
}

/** With no ZAPTEC_API_URL, starts the simulator in-process (demo mode) and points at it. */
export async function resolveUpstream(
  config: AppConfig['upstream'],
  logger: Logger,
): Promise<UpstreamTarget> {
  if (config.url) return { baseUrl: config.url, demo: undefined };
  const demo = await startSimulator(config.simulator);
  logger.warn(`Demo mode: no ZAPTEC_API_URL, using the Zaptec simulator at ${demo.url}`);
  return { baseUrl: demo.url, demo };
}
