/** Tiny DOM construction helpers: build once, then update text and attributes in place. */

type Attrs = Readonly<Record<string, string | number | boolean>>;

/** Creates an element with attributes (`class`, `data-*`, input props) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'boolean') {
      if (v) el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
  el.append(...children);
  return el;
}

/** Sets text only when it differs, so unchanged values cost no layout. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Looks up an element the page's index.html must contain. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`index.html is missing #${id}`);
  return el as T;
}
