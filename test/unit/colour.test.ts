import { describe, expect, it } from 'vitest';
import { contrastRatio, isDarkBackground, paintedBackground, parseCssColour } from '../../src/colour';

describe('colours as computed styles report them', () => {
  it('parses rgb(), rgba(), the space syntax and hex', () => {
    expect(parseCssColour('rgb(36, 36, 36)')).toEqual({ r: 36, g: 36, b: 36, a: 1 });
    expect(parseCssColour('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseCssColour('rgb(255 255 255 / 50%)')).toEqual({ r: 255, g: 255, b: 255, a: 0.5 });
    expect(parseCssColour('#0f6cbd')).toEqual({ r: 15, g: 108, b: 189, a: 1 });
    expect(parseCssColour('canvastext')).toBeUndefined();
  });

  it('contrast ratios match WCAG (white on white 1:1, black on white 21:1, Fluent brand on white)', () => {
    const white = parseCssColour('#ffffff')!;
    expect(contrastRatio(white, white)).toBe(1);
    expect(contrastRatio(parseCssColour('#000')!, white)).toBeCloseTo(21, 5);
    expect(contrastRatio(parseCssColour('#0f6cbd')!, white)).toBeCloseTo(5.4, 1);
  });

  it('the painted background is the first opaque layer outwards, transparent ones let it through, the canvas is white', () => {
    expect(paintedBackground(['rgba(0, 0, 0, 0)', 'rgb(27, 26, 25)', 'rgb(255, 255, 255)'])).toEqual({ r: 27, g: 26, b: 25, a: 1 });
    expect(isDarkBackground(paintedBackground(['rgba(0, 0, 0, 0)', 'rgb(27, 26, 25)']))).toBe(true);
    expect(isDarkBackground(paintedBackground(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']))).toBe(false);
    expect(isDarkBackground(paintedBackground(['rgba(0, 0, 0, 0.5)', 'rgb(255, 255, 255)']))).toBe(false);
  });
});

describe('the framed review page theme', () => {
  it('comes from the fragment the content script set, else from the OS scheme', async () => {
    const { themeForFramedPage } = await import('../../content/ui/host-theme');
    expect(themeForFramedPage('#theme=dark', false)).toBe('dark');
    expect(themeForFramedPage('#theme=light', true)).toBe('light');
    expect(themeForFramedPage('#theme=<b>', true)).toBe('dark');
    expect(themeForFramedPage('', false)).toBe('light');
  });
});
