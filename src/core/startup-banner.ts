/** What start-up tells the person who started the gateway, in a few lines. */
export interface BannerFacts {
  version: string;
  nodeVersion: string;
  url: string;
  docsPath: string;
  readySeconds: string;
  /** The simulator of demo mode, or the Zaptec API configured. */
  upstream: { demoUrl: string } | { apiUrl: string };
  database: { embeddedDataDir: string } | { url: string };
  demoAccounts: readonly { username: string; password: string }[];
}

export function bannerLines(facts: BannerFacts): string[] {
  const { url } = facts;
  const upstream =
    'demoUrl' in facts.upstream
      ? `Upstream: demo mode, the built-in Zaptec simulator at ${facts.upstream.demoUrl} (set ZAPTEC_API_URL to use Zaptec)`
      : `Upstream: ${facts.upstream.apiUrl} (ZAPTEC_API_URL)`;
  const database =
    'embeddedDataDir' in facts.database
      ? `Database: embedded PostgreSQL, data in ${facts.database.embeddedDataDir}`
      : `Database: ${withoutPassword(facts.database.url)} (DATABASE_URL)`;
  const lines = [
    `zaptec-gateway v${facts.version} (Node ${facts.nodeVersion}) listening on ${url} (ready in ${facts.readySeconds} s)`,
    `API docs: ${url}/${facts.docsPath}  ·  OpenAPI: ${url}/${facts.docsPath}-json`,
    upstream,
    database,
  ];
  if (facts.demoAccounts.length) {
    const accounts = facts.demoAccounts.map(
      (account) => `${account.username} / ${account.password}`,
    );
    lines.push(`Demo accounts (username / password): ${accounts.join(', ')}`);
  }
  return lines;
}

/** `postgresql://user:secret@db:5432/x` → `postgresql://user@db:5432/x`. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}
