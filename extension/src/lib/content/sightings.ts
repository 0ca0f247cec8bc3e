/**
 * Reports shadow-AI sightings to the background, once per tool per page load: a content script
 * lives as long as the page, so remembering what it reported is the dedupe, and a single-page app
 * that re-renders or navigates inside the same tool reports nothing new.
 */
import type { Request, ResponseTo, ShadowSighting } from '../messages.ts';

export interface SightingReporter {
  /** `key` names the tool (`catalog:poe`, `heuristic:chat.example.ai`); a key is reported once. */
  report(key: string, sighting: ShadowSighting): void;
}

export function createSightingReporter(
  request: (r: Extract<Request, { type: 'shadow-sighting' }>) => Promise<ResponseTo<Request>>,
): SightingReporter {
  const reported = new Set<string>();
  return {
    report(key, sighting) {
      if (reported.has(key)) return;
      reported.add(key);
      request({ type: 'shadow-sighting', sighting }).catch((err: unknown) =>
        console.warn('[kairro] reporting a shadow-AI sighting failed', err),
      );
    },
  };
}
