/**
 * `JSON.stringify(value)` of an object in pieces, for documents too large to hold twice (a posture of
 * 100,000 assets is ~150 MB): every top-level array is written element by element. Joined, the pieces are
 * byte for byte what `JSON.stringify` returns, keys in the same order.
 */
export function* jsonChunks(value: object): Generator<string> {
  let separator = '{';
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (Array.isArray(member)) {
      yield `${separator}${JSON.stringify(key)}:[`;
      for (let i = 0; i < member.length; i++) {
        // JSON.stringify writes null for array elements it cannot represent (undefined, functions).
        yield `${i ? ',' : ''}${JSON.stringify(member[i]) ?? 'null'}`;
      }
      yield ']';
    } else {
      const text = JSON.stringify(member);
      // Members it cannot represent are left out, as JSON.stringify leaves them out.
      if (text === undefined) continue;
      yield `${separator}${JSON.stringify(key)}:${text}`;
    }
    separator = ',';
  }
  yield separator === '{' ? '{}' : '}';
}
