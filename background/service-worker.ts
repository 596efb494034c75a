// Service worker entry: placeholder until the background modules land.
chrome.runtime.onInstalled.addListener(() => undefined);
