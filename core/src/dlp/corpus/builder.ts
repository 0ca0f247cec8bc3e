import type { Label, LabelledPrompt, Rng } from './types.ts';

/**
 * Assembles a prompt piece by piece. Sensitive values go through `value()`, so their labels come
 * from where they were placed, never from running a detector.
 */
export class PromptBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly labels: Label[] = [];

  text(...pieces: string[]): this {
    for (const piece of pieces) {
      this.parts.push(piece);
      this.length += piece.length;
    }
    return this;
  }

  value(type: string, value: string): this {
    this.labels.push({ type, start: this.length, end: this.length + value.length });
    return this.text(value);
  }

  build(kind: string): LabelledPrompt {
    return { kind, text: this.parts.join(''), labels: [...this.labels] };
  }
}

export function pick<T>(rand: Rng, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

export function chance(rand: Rng, p: number): boolean {
  return rand() < p;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random characters from `alphabet` (default: letters and digits). */
export function randomChars(rand: Rng, length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}

export const HEX = '0123456789abcdef';
