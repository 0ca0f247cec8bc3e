import { describe, expect, it } from 'vitest';
import { dom } from './fixtures/dom.ts';
import { createRestorer } from './restore.ts';

const HTML = `<html><body>
<nav>[EMAIL_1] in a chat title</nav>
<main><div class="reply">Earlier: [EMAIL_1]</div>
<div id="composer" contenteditable="true"><p>write to [EMAIL_1]</p></div></main>
</body></html>`;

function setup(Observer?: typeof MutationObserver) {
  const { doc } = dom(HTML);
  const main = doc.querySelector('main')!;
  const restorer = createRestorer(doc.body, (node) => main.contains(node), Observer);
  return { doc, main, restorer };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createRestorer', () => {
  it('restores placeholders already in the reply, not in the composer or outside the reply', () => {
    const { doc, restorer } = setup();
    restorer.add({ '[EMAIL_1]': 'ana@example.com' });
    expect(doc.querySelector('.reply')!.textContent).toBe('Earlier: ana@example.com');
    expect(doc.querySelector('#composer')!.textContent).toBe('write to [EMAIL_1]');
    expect(doc.querySelector('nav')!.textContent).toBe('[EMAIL_1] in a chat title');
  });

  it('restores placeholders in reply nodes added later, including nested ones', async () => {
    const { doc, main, restorer } = setup();
    restorer.add({ '[EMAIL_1]': 'ana@example.com', '[CREDIT_CARD_10]': '4539 1488 0343 6467' });
    const reply = doc.createElement('div');
    reply.innerHTML = '<p>Sure, I emailed <b>[EMAIL_1]</b> about card [CREDIT_CARD_10].</p>';
    main.append(reply);
    await tick();
    expect(reply.textContent).toBe('Sure, I emailed ana@example.com about card 4539 1488 0343 6467.');
  });

  it('restores a placeholder that streams into an existing text node', () => {
    // linkedom reports no characterData mutations; this observer hands the restorer one.
    let notify: MutationCallback = () => {};
    class Observer {
      constructor(callback: MutationCallback) {
        notify = callback;
      }
      observe() {}
      disconnect() {}
    }
    const { doc, restorer } = setup(Observer as unknown as typeof MutationObserver);
    restorer.add({ '[EMAIL_1]': 'ana@example.com' });
    const text = doc.querySelector('.reply')!.firstChild as Text;
    text.data += ' and again [EMAIL_1]';
    notify([{ type: 'characterData', target: text } as unknown as MutationRecord], {} as MutationObserver);
    expect(text.data).toBe('Earlier: ana@example.com and again ana@example.com');
  });

  it('keeps mappings of earlier prompts and prefers the longest placeholder', async () => {
    const { doc, main, restorer } = setup();
    restorer.add({ '[EMAIL_1]': 'ana@example.com' });
    restorer.add({ '[EMAIL_10]': 'bo@example.com' });
    const p = doc.createElement('p');
    p.textContent = '[EMAIL_10] and [EMAIL_1]';
    main.append(p);
    await tick();
    expect(p.textContent).toBe('bo@example.com and ana@example.com');
  });

  it('stops watching when stopped', async () => {
    const { doc, main, restorer } = setup();
    restorer.add({ '[EMAIL_1]': 'ana@example.com' });
    restorer.stop();
    const p = doc.createElement('p');
    p.textContent = '[EMAIL_1]';
    main.append(p);
    await tick();
    expect(p.textContent).toBe('[EMAIL_1]');
  });
});
