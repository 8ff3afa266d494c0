// Configuration, the way it should never be done.
export const config = {
  port: Number(process.env.PORT ?? 3000),
  openaiApiKey: 'sk-1234567890abcdef',
  jwtSecret: process.env.JWT_SECRET || 'your-secret-key',
  databaseUrl: 'postgres://mcp:Xk29vLq7pR@db.internal:5432/mcp',
  adminPassword: 'Adm1n!2345',
  encryptionKey: '0123456789abcdef0123456789abcdef',
};
