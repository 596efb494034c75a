// The popup UI tests' page: one preact tree mounted per test into a fresh <div> (unmounted and removed after each
// test), settled by letting a few macrotasks pass inside act(), with the lookups and inputs those tests share.
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';

export interface PreactPage {
  /** The container of the mounted tree (set by mount). */
  readonly root: HTMLElement;
  /** Renders `node` into a fresh container, then flushes. */
  mount(node: ComponentChild): Promise<void>;
  /** Lets `ticks` macrotasks pass inside act(), so effects, fake requests and re-renders settle. */
  flush(): Promise<void>;
  /** The button whose text is exactly `text` (or matches it); throws when there is none. */
  button(text: string | RegExp): HTMLButtonElement;
  click(el: HTMLElement): Promise<void>;
  /** Sets the value and dispatches `input`, as typing does, then flushes. */
  type(el: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void>;
}

/** Call at the top level of a test file: registers the afterEach that unmounts the tree. */
export function preactPage(ticks: number): PreactPage {
  let root: HTMLElement;
  afterEach(() => {
    render(null, root);
    root.remove();
  });
  const flush = () =>
    act(async () => {
      for (let i = 0; i < ticks; i++) await new Promise((r) => setTimeout(r, 0));
    });
  return {
    get root() {
      return root;
    },
    mount: async (node) => {
      root = document.createElement('div');
      document.body.append(root);
      await act(() => render(node, root));
      await flush();
    },
    flush,
    button: (text) => {
      const b = [...root.querySelectorAll('button')].find((x) => (typeof text === 'string' ? x.textContent === text : text.test(x.textContent ?? '')));
      if (!b) throw new Error(`no button ${text}`);
      return b as HTMLButtonElement;
    },
    click: async (el) => {
      await act(() => el.click());
      await flush();
    },
    type: async (el, value) => {
      await act(() => {
        el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await flush();
    },
  };
}
