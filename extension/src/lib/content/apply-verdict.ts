import type { Action, FindingView, Verdict } from '../messages.ts';

/** The in-page decision UI, as `apply-verdict` needs it (the real one is `dialog.ts`). */
export interface DecisionUi {
  /** Resolves with the user's choice: back to editing, or send with a justification. */
  warn(findings: FindingView[], reasons: string[]): Promise<WarnChoice>;
  /** Tells the user the prompt was blocked and by which policy; nothing is sent. */
  block(findings: FindingView[], reasons: string[]): void;
  /** Tells the user the prompt is held because no decision could be had. */
  held(reason: string): void;
}

export type WarnChoice = { choice: 'edit' } | { choice: 'send'; justification: string };

/** What became of one prompt: handed back to the caller, which sends `send` or holds the prompt. */
export interface Outcome {
  /** The text to send (the masked one after MASK), or null: the prompt stays held. */
  send: string | null;
  action: Action | 'UNAVAILABLE';
  eventId?: string;
  /** WARN → "Send anyway": the user's reason; the session sends it to the background with `eventId`. */
  justification?: string;
  /** MASK: placeholder → original, to restore in the reply on this page. */
  maskMapping?: Record<string, string>;
}

export async function applyVerdict(prompt: string, verdict: Verdict, ui: DecisionUi): Promise<Outcome> {
  if (verdict.kind === 'unavailable') {
    if (verdict.failMode === 'open') return { send: prompt, action: 'UNAVAILABLE' };
    ui.held(verdict.reason);
    return { send: null, action: 'UNAVAILABLE' };
  }
  const { action, eventId, findings, reasons } = verdict;
  switch (action) {
    case 'ALLOW':
      return { send: prompt, action, eventId };
    case 'WARN': {
      const choice = await ui.warn(findings, reasons);
      if (choice.choice === 'edit') return { send: null, action, eventId };
      return { send: prompt, action, eventId, justification: choice.justification };
    }
    case 'MASK':
      if (verdict.maskedPrompt === undefined) {
        // Sending the original would leak what the policy meant to hide; holding is the safe side.
        ui.held('The policy asked to mask this prompt, but no masked text came back. Nothing was sent.');
        return { send: null, action, eventId };
      }
      return { send: verdict.maskedPrompt, action, eventId, maskMapping: verdict.maskMapping ?? {} };
    case 'BLOCK':
      ui.block(findings, reasons);
      return { send: null, action, eventId };
  }
}
