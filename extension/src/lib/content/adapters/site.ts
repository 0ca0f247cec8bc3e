/**
 * A site adapter as data. Real AI tools change their markup often, so everything site-specific is a
 * list of CSS selectors tried in order (most specific first); the shared code in `adapter.ts` does
 * the rest. Keep each site's file to its selectors and the note on where they come from.
 */
export interface SiteSpec {
  id: string;
  name: string;
  /** Host names this spec applies to; a subdomain of one matches too. Empty for the generic spec. */
  hosts: string[];
  /** The prompt box: a textarea or a contenteditable editor. */
  composer: string[];
  /** The button that sends the prompt. */
  send: string[];
  /** The element that holds the conversation (the AI's replies); the body when none matches. */
  reply: string[];
  /** Where the page names the selected model, when it does. */
  model: string[];
}
