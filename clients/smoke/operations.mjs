// The named operations of graphql/operations (the ones the README quotes), and fresh XRPL
// wallets, with the proof registerUser takes, for the users a check registers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gql } from '@apollo/client/core/index.js';
import keypairs from 'ripple-keypairs';

const root = fileURLToPath(new URL('../../graphql/operations/', import.meta.url));

export function operation(path) {
  return gql(readFileSync(root + path + '.graphql', 'utf8'));
}

/** A fresh XRPL wallet (ripple-keypairs), as a wallet app holds one. */
export function newWallet() {
  const keys = keypairs.deriveKeypair(keypairs.generateSeed());
  return { ...keys, address: keypairs.deriveAddress(keys.publicKey) };
}

/**
 * The proof registerUser and signIn take: the wallet's signature of a challenge the service
 * issued for its address, made as XRPL tooling makes it (ripple-keypairs sign(messageHex, key)).
 * {@code request(query, variables)} sends a GraphQL document and resolves to its data.
 */
export async function proofFor(wallet, request) {
  const { requestSignInChallenge: { challenge } } = await request(
    'mutation($a: String!) { requestSignInChallenge(input: {address: $a}) { challenge } }', { a: wallet.address });
  const signature = keypairs.sign(Buffer.from(challenge, 'utf8').toString('hex'), wallet.privateKey);
  return { address: wallet.address, publicKey: wallet.publicKey, signature, challenge };
}

/**
 * A function that sends a GraphQL document to {@code service} (with an API key if given) and
 * resolves to its data, failing on any error.
 */
export function graphqlAt(service) {
  return async (query, variables, apiKey) => {
    const response = await fetch(new URL('/graphql', service), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json',
        ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors !== undefined) throw new Error(JSON.stringify(body));
    return body.data;
  };
}

/** Registers a fresh wallet's user through {@code graphql}: resolves to { apiKey, user: { address } }. */
export async function register(graphql) {
  return (await graphql('mutation($i: RegisterUserInput!) { registerUser(input: $i) { apiKey user { address } } }',
    { i: await proofFor(newWallet(), graphql) })).registerUser;
}

/** Polls {@code condition} every 100 ms until it holds, failing after 20 s. */
export async function until(condition, what) {
  for (const started = Date.now(); Date.now() - started < 20_000;) {
    if (await condition()) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
