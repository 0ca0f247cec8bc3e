/**
 * Recognises an AI chat UI that no tool list knows (a new or self-hosted assistant), so the visit
 * can be reported as shadow AI. It runs on pages classified `other`, so it must be cheap and must
 * not report ordinary sites: a chat-like composer alone is not enough (support widgets, comment
 * boxes), it takes the composer plus two signs that the site is about AI. Only the names of the
 * signs that fired are reported, never the page's text (a title can name the conversation).
 */

/** "Ask anything", "Message Claude", "Enter a prompt", "Send a message", "Chat with …". */
const COMPOSER_LABEL = /\b(ask|prompt|message|chat)\b/i;
/** A host label such as `gpt`, `llm`, `chat`, `ai`, `copilot`, or the `.ai` top-level domain. */
const AI_HOST = /(^|[.-])(gpt|llm|chat|ai|copilot|assistant|chatbot)([.-]|$)/i;
/** `AI` as a word in upper case (not "ai" in "Thai" or a word), or an unambiguous term in any case. */
const AI_WORD = /\bAI\b/;
const AI_TERMS = /\b(GPT|LLM|chatbot|language model|copilot)\b/i;
/** In the composer's own label: "Ask AI", "Ask me anything", a prompt or a model. */
const AI_COMPOSER = /\b(ask (me )?anything|ask ai|prompt|model)\b|\bAI\b/i;

const COMPOSERS = 'textarea, [contenteditable="true"], [contenteditable="plaintext-only"], [role="textbox"]';
/** A page's few composers; more than this is a form-heavy page, not a chat UI. */
const MAX_COMPOSERS = 5;

function label(el: Element): string {
  return ['placeholder', 'aria-label', 'data-placeholder', 'title']
    .map((a) => el.getAttribute(a) ?? '')
    .join(' ')
    .trim();
}

function mentionsAi(text: string): boolean {
  return AI_WORD.test(text) || AI_TERMS.test(text);
}

function pageText(doc: Document): string {
  const meta = (name: string) =>
    doc.querySelector(`meta[name="${name}"], meta[property="${name}"]`)?.getAttribute('content') ?? '';
  return [doc.title, meta('og:site_name'), meta('application-name'), meta('description')].join(' ');
}

/**
 * The signs that fired, as a short text for the sighting's `detail`, or null when this does not
 * look like an AI chat UI.
 */
export function detectChatUi(doc: Document, hostname: string): string | null {
  const composers = Array.from(doc.querySelectorAll(COMPOSERS));
  if (composers.length === 0 || composers.length > MAX_COMPOSERS) return null;
  const labels = composers.map(label).filter((l) => COMPOSER_LABEL.test(l));
  if (labels.length === 0) return null;

  const signs: string[] = [];
  if (AI_HOST.test(hostname)) signs.push('AI host name');
  if (mentionsAi(pageText(doc))) signs.push('AI page title');
  if (labels.some((l) => AI_COMPOSER.test(l))) signs.push('AI composer label');
  if (signs.length < 2) return null;
  return `heuristic: chat composer, ${signs.join(', ')}`;
}
