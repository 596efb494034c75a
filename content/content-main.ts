// Content script entry: placeholder until the portal adaptations land.
export {};
