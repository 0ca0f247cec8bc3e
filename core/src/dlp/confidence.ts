import type { Detector } from './types.ts';

/** Findings scored below this are dropped: the hints said the value is most likely a stand-in. */
export const MIN_CONFIDENCE = 0.5;
const DEFAULT_CONFIDENCE = 0.9;
const DEFAULT_WINDOW = 40;

export interface Score {
  confidence: number;
  why: string[] | undefined;
}

/**
 * The value's shape with every digit shown as `#` and every letter as `x`, so an audit line says
 * what matched without repeating the value.
 */
export function shapeOf(value: string): string {
  const head = value.length > 24 ? value.slice(0, 24) : value;
  const shape = head
    .replace(/\d/g, '#')
    .replace(/[A-Za-z]/g, 'x')
    .replace(/\s+/g, ' ');
  return value.length > 24 ? `${shape}…` : shape;
}

/**
 * The window either side of a finding, cut at line breaks: in code, logs and tables the words
 * that speak about a value sit on its line, and the next line is usually about something else.
 */
function nearby(text: string, start: number, end: number, window: number): string {
  let before = text.slice(Math.max(0, start - window), start);
  let after = text.slice(end, Math.min(text.length, end + window));
  const nl = before.lastIndexOf('\n');
  if (nl >= 0) before = before.slice(nl + 1);
  const nl2 = after.indexOf('\n');
  if (nl2 >= 0) after = after.slice(0, nl2);
  return `${before} … ${after}`.toLowerCase();
}

const isAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * `word` starting a word in `near` and not inside a host name or address: "example" in
 * `jane@example.com` says nothing about the value next to it.
 */
function mentions(near: string, word: string): boolean {
  for (let i = near.indexOf(word); i >= 0; i = near.indexOf(word, i + 1)) {
    const prev = i > 0 ? near.charCodeAt(i - 1) : 32;
    const after = near.slice(i + word.length).match(/^[a-z0-9-]*\.[a-z]/);
    if (!isAlnum(prev) && prev !== 64 /* @ */ && prev !== 46 /* . */ && !after) return true;
  }
  return false;
}

const round = (n: number): number => Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;

/** Base confidence moved by the detector's hints, with the reasons when `explain` is set. */
export function scoreFinding(
  detector: Detector,
  text: string,
  start: number,
  end: number,
  explain: boolean,
): Score {
  let confidence = detector.confidence ?? DEFAULT_CONFIDENCE;
  const why = explain ? [`rule ${detector.id} matched "${shapeOf(text.slice(start, end))}"`] : undefined;
  if (why && detector.validate)
    why.push(...(detector.explain?.(text.slice(start, end)) ?? ['validator passed']));
  for (const hint of detector.hints ?? []) {
    const w = hint.window ?? DEFAULT_WINDOW;
    const near = nearby(text, start, end, w);
    const word = hint.words.find((x) => mentions(near, x));
    if (word === undefined) continue;
    confidence = round(confidence + hint.delta);
    why?.push(
      `context word "${word}" nearby ${hint.delta >= 0 ? 'raised' : 'lowered'} confidence to ${confidence}`,
    );
  }
  return { confidence: round(confidence), why };
}
