export * from './http.js';
export { userAgent as agent } from './agent.js';
