// The named operations of graphql/operations (the ones the README quotes), and fresh XRPL
// addresses for the users a check registers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gql } from '@apollo/client/core/index.js';
import keypairs from 'ripple-keypairs';

const root = fileURLToPath(new URL('../../graphql/operations/', import.meta.url));

export function operation(path) {
  return gql(readFileSync(root + path + '.graphql', 'utf8'));
}

export function newAddress() {
  return keypairs.deriveAddress(keypairs.deriveKeypair(keypairs.generateSeed()).publicKey);
}
