// Running the content script's adaptations: each gets an AbortSignal, and one failing (or slow) adaptation never
// stops another or breaks the page.
export interface Feature {
  name: string;
  init(signal: AbortSignal): void | Promise<void>;
}

export function runFeatures(features: readonly Feature[], signal: AbortSignal, log: (message: string, detail?: unknown) => void): void {
  for (const feature of features) {
    try {
      const result = feature.init(signal);
      if (result instanceof Promise) result.catch((err: unknown) => log(`${feature.name} failed`, err));
    } catch (err) {
      log(`${feature.name} failed`, err);
    }
  }
}
