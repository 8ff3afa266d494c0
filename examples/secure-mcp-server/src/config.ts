// Configuration from the environment only; the server refuses to start without its secrets.
function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  apiKey: requiredEnv('API_KEY'),
  jwtSecret: requiredEnv('JWT_SECRET'),
  databaseUrl: requiredEnv('DATABASE_URL'),
  encryptionKey: Buffer.from(requiredEnv('ENCRYPTION_KEY'), 'hex'),
};
