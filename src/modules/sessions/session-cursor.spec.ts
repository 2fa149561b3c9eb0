import { decodeCursor, encodeCursor } from './session-cursor';

describe('session cursor', () => {
  const cursor = {
    endedAt: new Date('2026-04-24T16:21:07.057Z'),
    id: '67ddc10b-9d7b-4cf7-ad3c-7424819997af',
  };

  it('reads back what it wrote, as URL-safe text', () => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['no id', Buffer.from('{"endedAt":"2026-04-24T16:21:07.057Z"}').toString('base64url')],
    [
      'an id that is no UUID',
      Buffer.from('{"endedAt":"2026-04-24T16:21:07.057Z","id":"x"}').toString('base64url'),
    ],
    [
      'a time in another form',
      Buffer.from(`{"endedAt":"2026-04-24","id":"${cursor.id}"}`).toString('base64url'),
    ],
  ])('refuses %s', (_what, text) => {
    expect(decodeCursor(text)).toBeUndefined();
  });
});
