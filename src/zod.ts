// zod, configured once for every context that imports a schema. `jitless`: zod otherwise probes whether
// `new Function` works (to compile fast object parsers); the extension's CSP forbids eval, and the caught probe is
// still reported as a `script-src` violation in every extension page. The interpreted parser is what we want anyway.
// zod caches the probe's answer on first use, so the setting must run before any schema parses: every module
// imports zod through this one.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
