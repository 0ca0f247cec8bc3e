/** Shannon entropy in bits per character; random base64 is ≈ 5–6, English words ≈ 2.5–3.5. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  // Secrets are ASCII: count in a reused table and fall back to a Map for anything else.
  ASCII.fill(0);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) return entropyOf([...value]);
    ASCII[c]!++;
  }
  let bits = 0;
  for (let c = 0; c < 128; c++) {
    if (ASCII[c] === 0) continue;
    const p = ASCII[c]! / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const ASCII = new Uint32Array(128);

function entropyOf(chars: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const c of counts.values()) {
    const p = c / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
