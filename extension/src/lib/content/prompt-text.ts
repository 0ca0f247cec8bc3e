/**
 * Reading and writing a composer's text, for both kinds of prompt box. Pages built on React, Vue,
 * ProseMirror, Lexical or Quill keep their own state of the text, so a write has to look like the
 * user's own input to them, or the page sends its stale copy.
 */

type TextField = HTMLTextAreaElement | HTMLInputElement;

function isTextField(el: Element): el is TextField {
  return el.localName === 'textarea' || el.localName === 'input';
}

export function readPrompt(el: HTMLElement): string {
  if (isTextField(el)) return el.value;
  // innerText keeps the line breaks between the editor's paragraphs; textContent would glue them.
  return el.innerText ?? el.textContent ?? '';
}

function fireInput(el: HTMLElement, text: string): void {
  const view = el.ownerDocument.defaultView;
  const InputEventCtor = view?.InputEvent ?? view?.Event ?? Event;
  el.dispatchEvent(
    new InputEventCtor('input', { bubbles: true, inputType: 'insertText', data: text } as EventInit),
  );
}

/** Replaces the whole prompt with `text`. */
export function writePrompt(el: HTMLElement, text: string): void {
  if (isTextField(el)) {
    // React wraps the element's own `value` setter to track changes; the prototype's setter is the
    // native one, so React sees a real change on the following input event.
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
    if (setter) setter.call(el, text);
    else el.value = text;
    fireInput(el, text);
    return;
  }
  el.focus();
  const doc = el.ownerDocument;
  const selection = doc.getSelection?.();
  selection?.selectAllChildren(el);
  // Editors (ProseMirror, Lexical, Quill) update their model from the browser's own editing
  // command; writing the DOM directly is the fallback they pick up only through their observers.
  const done = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  if (!done || readPrompt(el).trim() !== text.trim()) {
    el.textContent = text;
    fireInput(el, text);
  }
}

/** Inserts `text` at the caret (or at the end), as a paste the page did not handle would have. */
export function insertPrompt(el: HTMLElement, text: string): void {
  if (isTextField(el)) {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? el.value.length;
    writePrompt(el, el.value.slice(0, start) + text + el.value.slice(end));
    return;
  }
  el.focus();
  const doc = el.ownerDocument;
  const done = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  if (!done) writePrompt(el, readPrompt(el) + text);
}
