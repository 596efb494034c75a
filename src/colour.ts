// CSS colours as the browser reports them (getComputedStyle gives `rgb()`/`rgba()`), their WCAG relative
// luminance and contrast ratio. Used to take the theme from the host page (light or dark background) and by
// the tests that hold every text to 4.5:1 — https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** `rgb(1, 2, 3)`, `rgba(1, 2, 3, 0.5)`, `rgb(1 2 3 / 50%)`, `#abc`, `#aabbcc`; undefined for anything else. */
export function parseCssColour(text: string): Rgba | undefined {
  const s = text.trim().toLowerCase();
  if (s === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return { r: parseInt(full.slice(0, 2), 16), g: parseInt(full.slice(2, 4), 16), b: parseInt(full.slice(4, 6), 16), a: 1 };
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(s)?.[1];
  if (!fn) return undefined;
  const parts = fn.split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3) return undefined;
  const channel = (p: string) => (p.endsWith('%') ? (parseFloat(p) * 255) / 100 : parseFloat(p));
  const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
  const [r, g, b] = parts.slice(0, 3).map(channel) as [number, number, number];
  if ([r, g, b, alpha].some((x) => Number.isNaN(x))) return undefined;
  return { r, g, b, a: Math.min(1, Math.max(0, alpha)) };
}

/** `top` painted over an opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

export function relativeLuminance(c: Rgba): number {
  const lin = (v: number) => {
    const x = v / 255;
    return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The backgrounds from an element outwards (innermost first, as computed) → the colour actually painted behind it,
 * and whether that is dark. Layers that are transparent let the next one through; the canvas is white.
 */
export function paintedBackground(layers: readonly string[]): Rgba {
  const parsed = layers.map(parseCssColour).filter((c): c is Rgba => c !== undefined);
  let colour: Rgba = { r: 255, g: 255, b: 255, a: 1 };
  for (const layer of [...parsed].reverse()) if (layer.a > 0) colour = over(layer, colour);
  return colour;
}

/** Dark when white text would contrast more with the background than black text does. */
export function isDarkBackground(background: Rgba): boolean {
  return contrastRatio(background, { r: 255, g: 255, b: 255, a: 1 }) > contrastRatio(background, { r: 0, g: 0, b: 0, a: 1 });
}
