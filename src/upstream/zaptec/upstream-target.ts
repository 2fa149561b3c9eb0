import type { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { StartupError } from '../../core/startup-error';
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
  const demo = await startSimulator(config.simulator).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    const { host, port } = config.simulator;
    throw new StartupError(
      `Demo mode needs ${host}:${port} for its Zaptec simulator, but that port is in use. If \`npm run simulator\` is running, point the gateway at it with ZAPTEC_API_URL=http://${host}:${port}; otherwise set SIMULATOR_PORT to a free port (0 picks one).`,
      { cause: error },
    );
  });
  logger.warn(`Demo mode: no ZAPTEC_API_URL, using the Zaptec simulator at ${demo.url}`);
  return { baseUrl: demo.url, demo };
}
