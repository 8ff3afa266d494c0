// HTTPS, local and private hosts, and http:// strings that are not requests.
import axios from 'axios';

export async function a() {
  // ok: ts/insecure-url
  return fetch('https://api.openai.com/v1/models');
}

export async function b() {
  // ok: ts/insecure-url
  await fetch('http://localhost:3000/health');
  // ok: ts/insecure-url
  await fetch('http://127.0.0.1:8080/');
  // ok: ts/insecure-url
  return axios.get('http://[::1]:9000/metrics');
}

export async function c() {
  // ok: ts/insecure-url
  await fetch('http://metadata.google.internal/computeMetadata/v1/');
  // ok: ts/insecure-url
  return fetch('http://api.example.com/test');
}

// ok: ts/insecure-url
export const namespace = 'http://www.w3.org/2000/svg';

export async function d(service: string) {
  // ok: ts/insecure-url
  return fetch(`http://${service}:8080/internal`);
}
