// Child-process entry for the memory measurement (see memory.ts): argv = users, scale.
import { measureJobMemory } from './memory';

const [users, scale] = process.argv.slice(2).map(Number);
measureJobMemory(users ?? 50_000, scale ?? 400).then(
  (result) => process.send?.(result, () => process.exit(0)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
// The bench died: nobody is waiting for the figure.
process.once('disconnect', () => process.exit(1));
