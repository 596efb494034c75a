// happy-dom has no layout: every element measures 0 × 0, so content/visibility.ts would call everything hidden.
// This gives elements a size unless they (or, for clipping, their styles) say otherwise: an inline `width:0` or
// `height:0` measures zero, as a collapsed panel does in a browser. display:none and the hiding attributes are
// still decided by happy-dom's own checkVisibility and by the attributes themselves.
export function installLayoutStub(): () => void {
  const proto = Element.prototype;
  const original = proto.getBoundingClientRect;
  proto.getBoundingClientRect = function stubbed(this: Element): DOMRect {
    const style = this.getAttribute('style') ?? '';
    const width = /(?:^|;)\s*width:\s*0(?:px)?\s*(?:;|$)/.test(style) ? 0 : 100;
    const height = /(?:^|;)\s*height:\s*0(?:px)?\s*(?:;|$)/.test(style) ? 0 : 40;
    // Positioned ancestors move their content along (a view parked at left:-5000px takes its lists with it).
    let left = 0;
    for (let a: Element | null = this as Element; a; a = a.parentElement) left += Number(/(?:^|;)\s*left:\s*(-?\d+)px/.exec(a.getAttribute('style') ?? '')?.[1] ?? 0);
    return { x: left, y: 0, left, top: 0, width, height, right: left + width, bottom: height, toJSON: () => ({}) } as DOMRect;
  };
  return () => {
    proto.getBoundingClientRect = original;
  };
}
