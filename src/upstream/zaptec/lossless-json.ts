/**
 * JSON.parse that keeps integers beyond 2^53 exact as BigInt: constants 6.x carry warning flags
 * up to 2^56 (zaptec-api.md §11), which a plain parse silently rounds.
 */
export function parseLosslessJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' &&
    !Number.isSafeInteger(value) &&
    context?.source !== undefined &&
    /^-?\d+$/.test(context.source)
      ? BigInt(context.source)
      : value,
  );
}
