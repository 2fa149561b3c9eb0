import pino from 'pino';
import { type RequestLine, RequestLineWriter } from './request-line-writer';

const ALL_HITS = { hitLinesPerSecond: 1_000_000 };

const turnEnded = () => new Promise<void>((resolve) => setImmediate(resolve));

function sink(level = 'info') {
  const writes: string[] = [];
  const root = pino({ level }, { write: (text: string) => void writes.push(text) });
  return { root, writes, lines: () => writes.join('').split('\n').filter(Boolean) };
}

const line = (overrides: Partial<RequestLine> = {}): RequestLine => ({
  reqId: 'req-1',
  method: 'GET',
  route: '/v1/chargers/:id',
  status: 200,
  durationMs: 1.26,
  principalId: 'user-1',
  ...overrides,
});

describe('RequestLineWriter', () => {
  it('writes what pino would write for the same fields', async () => {
    const ours = sink();
    const writer = new RequestLineWriter(ours.root, ALL_HITS);
    writer.write(line());
    await turnEnded();
    const theirs = sink();
    const { reqId, method, route, status, principalId } = line();
    theirs.root.info(
      { reqId, method, route, status, durationMs: 1.3, principalId },
      'GET /v1/chargers/:id 200',
    );
    const parse = (text: string) => ({ ...(JSON.parse(text) as object), time: 0 });
    expect(parse(ours.lines()[0] ?? '')).toEqual(parse(theirs.lines()[0] ?? ''));
    writer.close();
  });

  it("writes a turn's lines in one write, once the turn ends", async () => {
    const { root, writes, lines } = sink();
    const writer = new RequestLineWriter(root, ALL_HITS);
    writer.write(line({ reqId: 'a' }));
    writer.write(line({ reqId: 'b' }));
    expect(writes).toEqual([]);
    await turnEnded();
    expect(writes).toHaveLength(1);
    expect(lines().map((text) => (JSON.parse(text) as { reqId: string }).reqId)).toEqual([
      'a',
      'b',
    ]);
    writer.close();
  });

  it('escapes what a caller chose (a 404 path) and leaves out what is absent', async () => {
    const { root, lines } = sink();
    const writer = new RequestLineWriter(root, ALL_HITS);
    writer.write(
      line({ route: undefined, path: '/v1/"quoted"\\\n', status: 404, principalId: undefined }),
    );
    await turnEnded();
    const parsed = JSON.parse(lines()[0] ?? '') as Record<string, unknown>;
    expect(parsed).toMatchObject({ path: '/v1/"quoted"\\\n', msg: 'GET /v1/"quoted"\\\n 404' });
    expect(parsed).not.toHaveProperty('route');
    expect(parsed).not.toHaveProperty('principalId');
    writer.close();
  });

  it('logs probes at debug, and nothing below the level', async () => {
    const quiet = sink('info');
    const writer = new RequestLineWriter(quiet.root, ALL_HITS);
    writer.write(line({ route: '/health/ready' }));
    await turnEnded();
    expect(quiet.writes).toEqual([]);
    writer.close();

    const chatty = sink('debug');
    const debugWriter = new RequestLineWriter(chatty.root, ALL_HITS);
    debugWriter.write(line({ route: '/health/ready' }));
    await turnEnded();
    expect(JSON.parse(chatty.lines()[0] ?? '')).toMatchObject({ level: 20 });
    debugWriter.close();
  });

  it('hands pending lines over at close and when the process exits', () => {
    const { root, writes } = sink();
    const writer = new RequestLineWriter(root, ALL_HITS);
    writer.write(line({ reqId: 'at-close' }));
    writer.close();
    expect(writes.join('')).toContain('"at-close"');

    const exiting = sink();
    const before = process.listenerCount('exit');
    const other = new RequestLineWriter(exiting.root, ALL_HITS);
    expect(process.listenerCount('exit')).toBe(before + 1);
    other.write(line({ reqId: 'at-exit' }));
    process.emit('exit', 0);
    expect(exiting.writes.join('')).toContain('"at-exit"');
    other.close();
    expect(process.listenerCount('exit')).toBe(before);
  });

  describe('cache hits', () => {
    afterEach(() => jest.useRealTimers());

    const hits = (writer: RequestLineWriter, count: number, from = 0) => {
      for (let at = from; at < from + count; at += 1) {
        if (writer.admitHit()) writer.write(line({ reqId: `hit-${at}` }));
      }
    };
    const parsed = (lines: string[]) =>
      lines.map((text) => JSON.parse(text) as Record<string, unknown>);

    it('logs the first hits of each second and counts the rest in one line', async () => {
      let now = 1_000;
      const { root, lines } = sink();
      const writer = new RequestLineWriter(root, { hitLinesPerSecond: 3, now: () => now });
      hits(writer, 10);
      await turnEnded();
      expect(parsed(lines()).map((entry) => entry.reqId)).toEqual(['hit-0', 'hit-1', 'hit-2']);

      now += 1_000; // the next second: its first hits are logged again, after the count
      hits(writer, 4, 10);
      await turnEnded();
      const logged = parsed(lines());
      expect(logged.slice(3).map((entry) => entry.reqId ?? entry.hitsNotLogged)).toEqual([
        7,
        'hit-10',
        'hit-11',
        'hit-12',
      ]);
      expect(logged[3]).toMatchObject({
        level: 30,
        hitsNotLogged: 7,
        hitLinesPerSecond: 3,
        msg: '7 cache hits not logged (LOG_HIT_LINES_PER_S=3)',
      });
      writer.close(); // the hit not logged in the second second is counted at close
      expect(parsed(lines()).at(-1)).toMatchObject({ hitsNotLogged: 1 });
    });

    it('says the count once the second is over, when no hit follows', () => {
      jest.useFakeTimers({ now: 5_000 });
      const { root, lines } = sink();
      const writer = new RequestLineWriter(root, { hitLinesPerSecond: 0 });
      hits(writer, 5);
      expect(lines()).toEqual([]);
      jest.advanceTimersByTime(999);
      expect(lines()).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(parsed(lines())).toEqual([expect.objectContaining({ hitsNotLogged: 5 })]);
      jest.advanceTimersByTime(5_000);
      expect(lines()).toHaveLength(1); // nothing more to say
      writer.close();
    });

    it('logs every other request whatever the hits', async () => {
      const { root, lines } = sink();
      const writer = new RequestLineWriter(root, { hitLinesPerSecond: 0 });
      hits(writer, 3);
      writer.write(line({ reqId: 'miss', status: 503 }));
      await turnEnded();
      expect(parsed(lines()).map((entry) => entry.reqId)).toEqual(['miss']);
      writer.close();
    });
  });
});
