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
  /**
   * How a held send is re-triggered when the user pressed Enter: `button` clicks the first send
   * button (the default); `enter` replays Enter on the composer, for sites whose send button has
   * no selector that tells it from other icon buttons. A held click always replays on the button
   * the user clicked.
   */
  submitBy?: 'button' | 'enter';
}
