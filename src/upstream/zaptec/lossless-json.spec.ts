import { parseLosslessJson } from './lossless-json';

describe('parseLosslessJson', () => {
  it('keeps integers beyond 2^53 exact as bigint, where JSON.parse rounds them', () => {
    const text = '{"MOTOR": 18014398509481984, "NEXT": 9007199254740993, "LOW": -9007199254740993}';
    expect(parseLosslessJson(text)).toEqual({
      MOTOR: 18014398509481984n,
      NEXT: 9007199254740993n,
      LOW: -9007199254740993n,
    });
    expect((JSON.parse(text) as { NEXT: number }).NEXT).toBe(9007199254740992);
  });

  it('leaves safe integers, fractions and exponents as plain numbers', () => {
    expect(parseLosslessJson('[0, -1, 9007199254740991, 7214.5, 1e20]')).toEqual([
      0,
      -1,
      Number.MAX_SAFE_INTEGER,
      7214.5,
      1e20,
    ]);
    expect(parseLosslessJson('12345678901234567890.5')).toBe(Number('12345678901234567890.5'));
  });

  it('leaves numeric strings as strings (observation values are strings on the wire)', () => {
    expect(parseLosslessJson('{"ValueAsString": "18014398509481984"}')).toEqual({
      ValueAsString: '18014398509481984',
    });
  });

  it('reaches into nested objects and arrays', () => {
    expect(
      parseLosslessJson('{"Schema": {"Apollo": {"Warnings": [{"MID": 72057594037927936}]}}}'),
    ).toEqual({ Schema: { Apollo: { Warnings: [{ MID: 72057594037927936n }] } } });
  });

  it('rejects malformed JSON like JSON.parse does', () => {
    expect(() => parseLosslessJson('{"Code": 528,')).toThrow(SyntaxError);
  });
});
