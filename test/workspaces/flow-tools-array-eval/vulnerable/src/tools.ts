import { evaluate } from './math.js';

export const tools = [
  {
    name: 'calculate',
    description: 'Evaluates an arithmetic expression',
    inputSchema: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
    handler: async (args: { expression: string }) => {
      const value = evaluate(args.expression);
      return { content: [{ type: 'text', text: String(value) }] };
    },
  },
];
