// Lint: typescript-eslint's recommended rules, and the layers of server/src as import rules, so an
// editor shows a wrong-way import as it is typed (test/architecture.test.ts also checks cycles).
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/** Rooms of server/src from the bottom up (server/layers.json, which the architecture test reads too). */
const { layers } = JSON.parse(readFileSync(new URL('./server/layers.json', import.meta.url), 'utf8'));
const rooms = layers.flat();
const levelOf = new Map(layers.flatMap((group, level) => group.map((room) => [room, level])));

/** For files of `room`: relative imports of the rooms it must not reach (above it, or beside it). */
function layerRule(room) {
  const level = levelOf.get(room);
  const forbidden = rooms.filter((other) => other !== room && levelOf.get(other) >= level);
  const groups = forbidden.map((other) => `**/${other}/*`);
  // core and protocol import nothing of ours: no relative import leaves their folder.
  if (level === 0) groups.push('../*');
  if (groups.length === 0) return undefined;
  return {
    files: [`server/src/${room}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: groups,
              message: `server/src/${room} may import only its own room and the layers below it (see docs/contributing/adding-a-rule.md and test/architecture.test.ts).`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'examples/**',
      'test/rules/*/*/**',
      'test/workspaces/**',
      'test/realcode/**',
      'test/fuzz/regressions/**',
      'test/**/fixtures/**',
      '**/*.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  ...rooms.map(layerRule).filter((config) => config !== undefined),
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: rooms.filter((room) => room !== 'protocol').map((room) => `**/server/src/${room}/*`),
              message: 'The client imports nothing of the server but the protocol (server/src/protocol).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
