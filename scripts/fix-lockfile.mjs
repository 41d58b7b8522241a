#!/usr/bin/env node
// Run after any `npm install` that rewrites package-lock.json: `node scripts/fix-lockfile.mjs package-lock.json`.
// The registry this project installs from serves only the Linux builds of @tailwindcss/oxide;
// without lock entries for the other platforms `npm ci` calls the lock "out of sync".
import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
const lock = JSON.parse(readFileSync(file, 'utf8'));
const oxide = lock.packages['node_modules/@tailwindcss/oxide'];
const platforms = {
  'android-arm64': { os: ['android'], cpu: ['arm64'] },
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'freebsd-x64': { os: ['freebsd'], cpu: ['x64'] },
  'linux-arm-gnueabihf': { os: ['linux'], cpu: ['arm'] },
  'wasm32-wasi': { cpu: ['wasm32'] },
  'win32-arm64-msvc': { os: ['win32'], cpu: ['arm64'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};
for (const [name, platform] of Object.entries(platforms)) {
  const key = `node_modules/@tailwindcss/oxide-${name}`;
  if (lock.packages[key]) continue;
  // Key order as npm writes it, so a later `npm install` leaves the file unchanged.
  const { os, cpu } = platform;
  lock.packages[key] = {
    version: oxide.version,
    cpu,
    dev: true,
    license: 'MIT',
    optional: true,
    ...(os ? { os } : {}),
    engines: { node: '>= 20' },
  };
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
