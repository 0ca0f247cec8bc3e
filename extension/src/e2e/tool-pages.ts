/**
 * Local pages imitating each AI tool's prompt box, served under the tool's real host name (see
 * `tool-server.ts`). Each is shaped the way that tool's adapter (`src/lib/content/adapters/`)
 * targets: composer, send control, and a reply area inside the adapter's reply container. The
 * page's OWN handlers (a click on send, Enter in the composer, as the real sites do) record what
 * they received in `window.received` and answer with a canned reply echoing it, so a test can tell
 * what reached the page and check the placeholders Kairro restores in replies.
 */

export interface ToolPage {
  /** The tool id the org's tool list gives this page's URL (the demo org's defaults, or one a test adds). */
  tool: string;
  host: string;
  /** Body markup: composer, send control and reply area, as the site's adapter expects them. */
  html: string;
  composer: string;
  send: string;
  /** Where the page appends its replies. */
  replies: string;
}

const editable = (attrs: string) => `<div ${attrs} contenteditable="true"><p><br></p></div>`;

/** The seven supported sites, each under its real host. */
export const SITE_PAGES: readonly ToolPage[] = [
  {
    tool: 'chatgpt',
    host: 'chatgpt.com',
    html: `<main><div id="replies"></div><form>
      ${editable('id="prompt-textarea" class="ProseMirror"')}
      <button type="button" data-testid="send-button" aria-label="Send prompt"><svg></svg></button>
    </form></main>`,
    composer: '#prompt-textarea',
    send: '[data-testid="send-button"]',
    replies: '#replies',
  },
  {
    tool: 'claude',
    host: 'claude.ai',
    html: `<div id="main-content"><div data-testid="conversation-turns"><div id="replies"></div></div>
      <fieldset>${editable('class="ProseMirror" translate="no"')}
      <button type="button" aria-label="Send message"><svg></svg></button></fieldset></div>`,
    composer: 'div.ProseMirror',
    send: 'button[aria-label="Send message"]',
    replies: '#replies',
  },
  {
    tool: 'gemini',
    host: 'gemini.google.com',
    html: `<chat-window><infinite-scroller id="replies"></infinite-scroller></chat-window>
      <rich-textarea>${editable('class="ql-editor textarea" role="textbox"')}</rich-textarea>
      <button class="send-button" aria-label="Send message"><mat-icon>send</mat-icon></button>`,
    composer: 'div.ql-editor',
    send: 'button.send-button',
    replies: '#replies',
  },
  {
    tool: 'copilot',
    host: 'copilot.microsoft.com',
    html: `<main><div id="replies"></div>
      <textarea id="userInput" data-testid="composer-input" placeholder="Message Copilot"></textarea>
      <button data-testid="submit-button" aria-label="Submit message"></button></main>`,
    composer: '#userInput',
    send: 'button[data-testid="submit-button"]',
    replies: '#replies',
  },
  {
    tool: 'perplexity',
    host: 'www.perplexity.ai',
    html: `<main><div id="replies" class="prose"></div>
      ${editable('id="ask-input" role="textbox" data-lexical-editor="true"')}
      <button data-testid="submit-button" aria-label="Submit"></button></main>`,
    composer: '#ask-input',
    send: 'button[data-testid="submit-button"]',
    replies: '#replies',
  },
  {
    tool: 'mistral',
    host: 'chat.mistral.ai',
    html: `<main><div id="replies"></div><form>${editable('class="ProseMirror"')}
      <button type="submit" aria-label="Send question"></button></form></main>`,
    composer: 'div.ProseMirror',
    send: 'button[aria-label="Send question"]',
    replies: '#replies',
  },
  {
    tool: 'deepseek',
    host: 'chat.deepseek.com',
    html: `<div id="root"><div id="replies"></div>
      <textarea id="chat-input" placeholder="Message DeepSeek"></textarea>
      <div role="button" aria-disabled="false" class="ds-button"><span>DeepThink</span></div>
      <div role="button" aria-disabled="false" class="_7436101"><svg></svg></div></div>`,
    composer: '#chat-input',
    send: 'div._7436101',
    replies: '#replies',
  },
];

/** An approved tool without an adapter of its own (the test adds it to the org's tools). */
export const GENERIC_PAGE: ToolPage = {
  tool: 'acme-assistant',
  host: 'assistant.acme.test',
  html: `<main><div id="replies"></div></main><form class="chat">
    <textarea placeholder="Ask anything"></textarea><button type="submit">Send</button></form>`,
  composer: 'textarea',
  send: 'form.chat button',
  replies: '#replies',
};

/**
 * Shadow AI. Unapproved tools in the demo org's defaults: Poe (WARN), You.com (a test makes it
 * BLOCK) and HuggingChat (WARN, only under huggingface.co/chat). A catalog tool in neither of the
 * org's lists (Jasper, category writing), which the extension only watches. And a chat UI no list
 * knows, which Kairro's heuristic recognises by its host name and composer label.
 */
export const SHADOW_PAGES = {
  warn: { ...GENERIC_PAGE, tool: 'poe', host: 'poe.com' },
  block: { ...GENERIC_PAGE, tool: 'you', host: 'you.com' },
  underPath: { ...GENERIC_PAGE, tool: 'huggingchat', host: 'huggingface.co' },
  watched: { ...GENERIC_PAGE, tool: 'jasper', host: 'app.jasper.ai' },
  unknown: { ...GENERIC_PAGE, tool: 'chat.llm-lab.test', host: 'chat.llm-lab.test' },
} satisfies Record<string, ToolPage>;

export const ALL_PAGES: readonly ToolPage[] = [...SITE_PAGES, GENERIC_PAGE, ...Object.values(SHADOW_PAGES)];

/** What the page's own handlers do: record, clear the composer, reply with an echo. */
function pageScript(page: ToolPage): string {
  const sel = JSON.stringify({ composer: page.composer, send: page.send, replies: page.replies });
  return `
    const sel = ${sel};
    const composer = document.querySelector(sel.composer);
    const replies = document.querySelector(sel.replies);
    window.received = [];
    const read = () => ('value' in composer ? composer.value : composer.innerText).trim();
    function submit(via) {
      const text = read();
      if (!text) return;
      window.received.push({ text, via, at: performance.now() });
      if ('value' in composer) composer.value = '';
      else composer.innerHTML = '<p><br></p>';
      setTimeout(() => {
        const reply = document.createElement('div');
        reply.className = 'reply';
        reply.textContent = 'You said: ' + text;
        replies.append(reply);
      }, 20);
    }
    document.querySelector(sel.send).addEventListener('click', () => submit('click'));
    composer.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); submit('enter'); }
    });
    for (const form of document.forms) form.addEventListener('submit', (e) => e.preventDefault());
  `;
}

export function renderPage(page: ToolPage): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${page.host} (imitation)</title></head>
<body>${page.html}<script>${pageScript(page)}</script></body></html>`;
}
