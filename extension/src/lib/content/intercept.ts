/**
 * Holds every way a prompt leaves the page until it is decided: Enter in the composer, a click on
 * the send button, a large paste, and files (file inputs, drop, paste). Listeners sit on the
 * window in the capture phase, so they run before any handler of the page, which never sees a held
 * event. After the decision the send is re-triggered the page's own way, and that one replay passes
 * without a second check.
 */
import type { InputType } from '../messages.ts';
import type { Adapter } from './adapters/adapter.ts';
import type { Outcome } from './apply-verdict.ts';
import { filePrompt } from './files.ts';

/** Shorter pastes are checked with the rest of the prompt on send. Longer ones are checked at once,
 * because sites turn them into attachments that the send check would not read. */
export const PASTE_MIN_CHARS = 500;

export interface InterceptDeps {
  win: Window & typeof globalThis;
  adapter: Adapter;
  /** Asks for a decision and applies it (dialogs included). */
  decide(prompt: string, inputType: InputType): Promise<Outcome>;
  /** Every outcome, for the caller's own record. */
  onOutcome?(outcome: Outcome, inputType: InputType): void;
}

interface KeyLike {
  key?: string;
  keyCode?: number;
  shiftKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
}

/** Enter sends; Shift+Enter and Alt+Enter make a new line; Enter while an IME composes commits it. */
export function isSendKey(e: KeyLike): boolean {
  return e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.isComposing && e.keyCode !== 229;
}

function hold(e: Event): void {
  e.preventDefault();
  e.stopImmediatePropagation();
}

function isFileInput(target: EventTarget | null): target is HTMLInputElement {
  const el = target as Partial<HTMLInputElement> | null;
  return el?.localName === 'input' && el.type === 'file';
}

/** Installs the listeners; returns the function that removes them. */
export function intercept(deps: InterceptDeps): () => void {
  const { win, adapter } = deps;
  let busy = false;
  /** The text of the one send we re-trigger ourselves; it passes unchecked. */
  let pass: string | null = null;
  /** True while we dispatch a replayed paste, drop or file change. */
  let replaying = false;

  const decide = async (prompt: string, inputType: InputType): Promise<Outcome> => {
    busy = true;
    try {
      const outcome = await deps.decide(prompt, inputType);
      deps.onOutcome?.(outcome, inputType);
      return outcome;
    } finally {
      busy = false;
    }
  };

  const replay = (target: EventTarget, event: Event): boolean => {
    replaying = true;
    try {
      return target.dispatchEvent(event);
    } finally {
      replaying = false;
    }
  };

  /** Lets React & co. re-render (enable the send button) after a write before we click. */
  const nextTask = () => new Promise<void>((resolve) => win.setTimeout(resolve, 0));

  /** `button`: the send button the user clicked, if that is how the prompt was sent. */
  async function send(e: Event, composer: HTMLElement, button?: HTMLElement): Promise<void> {
    const text = adapter.read(composer);
    if (pass !== null && text === pass) {
      pass = null;
      return;
    }
    if (busy) return hold(e);
    if (text.trim() === '') return;
    hold(e);
    const outcome = await decide(text, 'typed');
    if (outcome.send === null) return composer.focus();
    if (outcome.send !== text) {
      adapter.write(composer, outcome.send);
      await nextTask();
    }
    pass = adapter.read(composer);
    try {
      adapter.submit(composer, button?.isConnected ? button : null);
    } finally {
      pass = null;
    }
  }

  function dataTransfer(files: File[], text?: string): DataTransfer | null {
    const Ctor = win.DataTransfer as typeof DataTransfer | undefined;
    if (!Ctor) return null;
    const dt = new Ctor();
    for (const f of files) dt.items.add(f);
    if (text !== undefined) dt.setData('text/plain', text);
    return dt;
  }

  /** Checks files one by one; the upload goes ahead only if every one may be sent. */
  async function checkFiles(files: File[]): Promise<File[] | null> {
    const out: File[] = [];
    for (const file of files) {
      const { prompt, textual } = await filePrompt(file);
      const outcome = await decide(prompt, 'file');
      if (outcome.send === null) return null;
      // A masked text file goes up with the masked text; other files cannot be masked here.
      const masked = textual && outcome.send !== prompt;
      out.push(
        masked
          ? new File([outcome.send], file.name, { type: file.type, lastModified: file.lastModified })
          : file,
      );
    }
    return out;
  }

  async function fileInput(e: Event, input: HTMLInputElement): Promise<void> {
    hold(e);
    if (busy) return void (input.value = '');
    const files = await checkFiles(Array.from(input.files ?? []));
    if (!files) return void (input.value = '');
    const dt = dataTransfer(files);
    if (dt) input.files = dt.files;
    const Ctor = win.Event;
    replay(input, new Ctor('input', { bubbles: true }));
    replay(input, new Ctor('change', { bubbles: true }));
  }

  async function dropOrPasteFiles(e: DragEvent | ClipboardEvent, files: File[]): Promise<void> {
    hold(e);
    if (busy) return;
    const checked = await checkFiles(files);
    const dt = checked && dataTransfer(checked);
    if (!dt || !e.target) return;
    const again =
      e.type === 'drop'
        ? new win.DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt })
        : new win.ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt });
    replay(e.target, again);
  }

  async function pasteText(e: ClipboardEvent, composer: HTMLElement, text: string): Promise<void> {
    hold(e);
    if (busy) return;
    const outcome = await decide(text, 'paste');
    if (outcome.send === null) return composer.focus();
    const dt = dataTransfer([], outcome.send);
    const ClipboardCtor = win.ClipboardEvent as typeof ClipboardEvent | undefined;
    // A replayed paste the page does not take has no default action, so we insert the text then.
    const taken =
      dt !== null &&
      ClipboardCtor !== undefined &&
      !replay(
        e.target ?? composer,
        new ClipboardCtor('paste', { bubbles: true, cancelable: true, clipboardData: dt }),
      );
    if (!taken) adapter.insert(composer, outcome.send);
  }

  const onKeydown = (e: KeyboardEvent) => {
    if (replaying || !isSendKey(e)) return;
    const composer = adapter.composerOf(e.target);
    if (composer) void send(e, composer);
  };
  const onClick = (e: MouseEvent) => {
    const button = replaying ? null : adapter.sendButtonOf(e.target);
    const composer = button && adapter.composer();
    if (button && composer) void send(e, composer, button);
  };
  const onPaste = (e: ClipboardEvent) => {
    if (replaying) return;
    const composer = adapter.composerOf(e.target);
    if (!composer || !e.clipboardData) return;
    const files = Array.from(e.clipboardData.files ?? []);
    if (files.length > 0) return void dropOrPasteFiles(e, files);
    const text = e.clipboardData.getData('text/plain');
    if (text.length >= PASTE_MIN_CHARS) void pasteText(e, composer, text);
  };
  const onDrop = (e: DragEvent) => {
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (!replaying && files.length > 0) void dropOrPasteFiles(e, files);
  };
  const onFileChange = (e: Event) => {
    if (replaying || !isFileInput(e.target) || (e.target.files?.length ?? 0) === 0) return;
    // Browsers fire `input` then `change` on a file input; both wait for the check and are replayed.
    if (e.type === 'input') return hold(e);
    void fileInput(e, e.target);
  };

  const listeners: [string, EventListener][] = [
    ['keydown', onKeydown as EventListener],
    ['click', onClick as EventListener],
    ['paste', onPaste as EventListener],
    ['drop', onDrop as EventListener],
    ['input', onFileChange],
    ['change', onFileChange],
  ];
  for (const [type, fn] of listeners) win.addEventListener(type, fn, true);
  return () => {
    for (const [type, fn] of listeners) win.removeEventListener(type, fn, true);
  };
}
