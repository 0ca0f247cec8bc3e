import { surroundings, wordNear } from './context-words.ts';
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
  const hints = detector.hints ?? [];
  if (hints.length === 0) return { confidence: round(confidence), why };
  const widest = hints.reduce((w, h) => Math.max(w, h.window ?? DEFAULT_WINDOW), 0);
  const around = surroundings(text, start, end, widest);
  for (const hint of hints) {
    const word = wordNear(around, hint.words, hint.window ?? DEFAULT_WINDOW);
    if (word === undefined) continue;
    confidence = round(confidence + hint.delta);
    why?.push(
      `context word "${word}" nearby ${hint.delta >= 0 ? 'raised' : 'lowered'} confidence to ${confidence}`,
    );
  }
  return { confidence: round(confidence), why };
}
