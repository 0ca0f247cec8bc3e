import { afterEach, describe, expect, it, vi } from 'vitest';
import { dom } from './fixtures/dom.ts';
import { watchUrl, withoutFragment } from './url-watch.ts';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function setup(navigation: EventTarget | null) {
  const { win } = dom('<html><body></body></html>');
  const location = new URL('https://app.example/a');
  const changes: string[] = [];
  stops.push(watchUrl({ win, location, navigation, pollMs: 5, onChange: (h) => changes.push(h) }));
  return { win, location, changes };
}

describe('watchUrl', () => {
  it('without the Navigation API: notices pushState-style changes on its timer, once each', async () => {
    const t = setup(null);
    t.location.href = 'https://app.example/b?x=1';
    await vi.waitFor(() => expect(t.changes).toEqual(['https://app.example/b?x=1']));
    t.location.href = 'https://app.example/b?x=1#section';
    await new Promise((r) => setTimeout(r, 30));
    expect(t.changes).toHaveLength(1);
  });

  it('on popstate at once', () => {
    const t = setup(new EventTarget());
    t.location.href = 'https://app.example/back';
    t.win.dispatchEvent(new t.win.Event('popstate'));
    expect(t.changes).toEqual(['https://app.example/back']);
  });

  it('with the Navigation API: on currententrychange and navigatesuccess', () => {
    const navigation = new EventTarget();
    const t = setup(navigation);
    t.location.href = 'https://app.example/1';
    navigation.dispatchEvent(new Event('currententrychange'));
    t.location.href = 'https://app.example/2';
    navigation.dispatchEvent(new Event('navigatesuccess'));
    navigation.dispatchEvent(new Event('currententrychange'));
    expect(t.changes).toEqual(['https://app.example/1', 'https://app.example/2']);
  });

  it('reports at once a URL the page moved to after the one the caller handled', () => {
    const { win } = dom('<html><body></body></html>');
    const location = new URL('https://app.example/moved');
    const changes: string[] = [];
    const watch = (handledHref: string) =>
      stops.push(
        watchUrl({
          win,
          location,
          navigation: new EventTarget(),
          handledHref,
          onChange: (h) => changes.push(h),
        }),
      );
    watch('https://app.example/moved#top');
    expect(changes).toEqual([]);
    watch('https://app.example/first');
    expect(changes).toEqual(['https://app.example/moved']);
  });

  it('stops when asked', async () => {
    const t = setup(null);
    stops.pop()!();
    t.location.href = 'https://app.example/c';
    await new Promise((r) => setTimeout(r, 30));
    expect(t.changes).toEqual([]);
  });

  it('drops only the fragment', () => {
    expect(withoutFragment('https://a.example/p?q=1#h')).toBe('https://a.example/p?q=1');
    expect(withoutFragment('https://a.example/p')).toBe('https://a.example/p');
  });
});
