import { describe, expect, it } from 'vitest';
import type { FindingView } from '../messages.ts';
import { createUi } from './dialog.ts';
import { dom } from './fixtures/dom.ts';

const findings: FindingView[] = [
  { detector: 'CREDIT_CARD', severity: 'CRITICAL', snippet: 'card [CREDIT_CARD]' },
];
const reasons = ['Policy "Block high and critical sensitive data" rule 1: CREDIT_CARD (CRITICAL) → BLOCK'];

function setup() {
  const { doc, win } = dom('<html><body><main></main></body></html>');
  const ui = createUi(doc, { shadowMode: 'open' });
  const root = () => doc.querySelector('kairro-ui')!.shadowRoot!;
  const click = (action: string) =>
    (root().querySelector(`[data-action="${action}"]`) as HTMLElement).dispatchEvent(
      new win.Event('click', { bubbles: true }),
    );
  // linkedom gives a shadow root no textContent of its own.
  const text = () => Array.from(root().children, (c) => c.textContent).join(' ');
  return { doc, win, ui, root, click, text };
}

describe('createUi', () => {
  it('lives in a closed shadow root by default', () => {
    const { doc } = dom('<html><body></body></html>');
    createUi(doc).held('Backend down.');
    const host = doc.querySelector('kairro-ui')!;
    expect(host).not.toBeNull();
    expect(host.shadowRoot).toBeNull();
  });

  it('WARN names detector, severity and redacted snippet; Edit resolves "edit" and closes', async () => {
    const t = setup();
    const choice = t.ui.warn(findings, reasons);
    const text = t.text();
    expect(text).toContain('CREDIT_CARD');
    expect(text).toContain('(critical)');
    expect(text).toContain('card [CREDIT_CARD]');
    t.click('edit');
    await expect(choice).resolves.toEqual({ choice: 'edit' });
    expect(t.root().querySelector('.dialog')).toBeNull();
  });

  it('WARN without findings says why without claiming sensitive data', async () => {
    const t = setup();
    const choice = t.ui.warn([], ['Tool "Poe" is not approved → WARN']);
    expect(t.root().querySelector('h2')!.textContent).toBe('Check before sending');
    expect(t.text()).toContain('Tool "Poe" is not approved → WARN');
    expect(t.text()).not.toContain('Kairro found');
    t.click('edit');
    await expect(choice).resolves.toEqual({ choice: 'edit' });
  });

  it('WARN → Send anyway asks for a justification before it sends', async () => {
    const t = setup();
    const choice = t.ui.warn(findings, reasons);
    t.click('send-anyway');
    const reason = t.root().querySelector('textarea')!;
    const confirm = t.root().querySelector('[data-action="confirm"]')!;
    expect(confirm.hasAttribute('disabled')).toBe(true);
    reason.value = '  ticket 4711, customer consented  ';
    reason.dispatchEvent(new t.win.Event('input'));
    expect(confirm.hasAttribute('disabled')).toBe(false);
    t.click('confirm');
    await expect(choice).resolves.toEqual({
      choice: 'send',
      justification: 'ticket 4711, customer consented',
    });
  });

  it('BLOCK names the policy; OK closes', () => {
    const t = setup();
    t.ui.block(findings, reasons);
    expect(t.text()).toContain('Policy "Block high and critical sensitive data"');
    expect(t.text()).toContain('Nothing was sent.');
    t.click('ok');
    expect(t.root().querySelector('.dialog')).toBeNull();
  });

  it('held says why', () => {
    const t = setup();
    t.ui.held('The backend did not answer within 3 s.');
    expect(t.root().querySelector('.why')!.textContent).toBe('The backend did not answer within 3 s.');
  });

  it('shows page-derived text as text, never as markup', () => {
    const t = setup();
    t.ui.block([{ detector: 'X', severity: 'LOW', snippet: '<img src=x onerror=alert(1)>' }], []);
    expect(t.root().querySelector('img')).toBeNull();
    expect(t.root().querySelector('code')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('banner can be dismissed; one UI host per page', () => {
    const t = setup();
    t.ui.banner('Tool is not approved.', 'Use an approved tool.');
    t.ui.held('x');
    expect(t.doc.querySelectorAll('kairro-ui')).toHaveLength(1);
    const host = t.doc.querySelector('kairro-ui')!;
    expect(host.hasAttribute('data-kairro-banner')).toBe(true);
    t.click('dismiss');
    expect(t.root().querySelector('.banner')).toBeNull();
    expect(host.hasAttribute('data-kairro-banner')).toBe(false);
  });

  it('clear removes the banner and the overlay, and leaves other dialogs alone', () => {
    const t = setup();
    t.ui.overlay('X is not approved', 'Use an approved tool.');
    t.ui.banner('X is not approved.', 'Use an approved tool.');
    const host = t.doc.querySelector('kairro-ui')!;
    expect(host.hasAttribute('data-kairro-overlay')).toBe(true);
    t.ui.clear();
    expect(t.root().querySelector('.banner')).toBeNull();
    expect(t.root().querySelector('.overlay')).toBeNull();
    expect(host.hasAttribute('data-kairro-overlay')).toBe(false);
    expect(host.hasAttribute('data-kairro-banner')).toBe(false);

    t.ui.held('backend down');
    t.ui.clear();
    expect(t.root().querySelector('.held')).not.toBeNull();
  });
});
