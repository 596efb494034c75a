// Which list is the All users grid the admin sees and acts on. The rule, safe before clever:
//  - a candidate is a list that carries the All users signature in its own view (rows with checks, UPN cells and
//    profile links; its "N users found" and command bar) and whose list and command bar are shown (visibility.ts);
//  - exactly one candidate: it is the live list. None: there is no grid now. Two or more at once: the script does
//    not guess — it attaches to none and tells the admin the page was not recognised (the fallback picker remains);
//  - once attached to a list, another list that becomes the shown one while the first is still in the document
//    (hidden: the admin switched to another tab or blade) is not the All users grid: nothing attaches until the
//    first is shown again. When the first is gone from the document, the next shown candidate is the new grid
//    (the portal re-rendered the view, e.g. after visiting a profile).
import { findLists, readList, type GridReading, type ListScope } from './grid-dom';

export interface LiveList extends ListScope {
  reading: GridReading;
}

export type LiveListChoice =
  | { kind: 'live'; list: LiveList }
  | { kind: 'none'; candidates: 0 }
  /** The list attached before is hidden but still there, and another one is showing. */
  | { kind: 'other'; shown: LiveList }
  | { kind: 'ambiguous'; shown: LiveList[] };

export function chooseLiveList(doc: ParentNode, isShown: (el: Element) => boolean, anchor: Element | undefined): LiveListChoice {
  const lists = findLists(doc).map((scope) => ({ ...scope, reading: readList(scope, isShown) }));
  const shown = lists.filter((l) => l.reading.recognized && l.reading.commandBar !== null && isShown(l.root) && isShown(l.reading.commandBar));
  if (shown.length > 1) return { kind: 'ambiguous', shown };
  const [only] = shown;
  if (!only) return { kind: 'none', candidates: 0 };
  if (anchor && anchor !== only.root && anchor.isConnected && lists.some((l) => l.root === anchor)) return { kind: 'other', shown: only };
  return { kind: 'live', list: only };
}
