// Which provider a Prisma client (or transaction client) talks to: both generated clients share
// one API, but raw SQL differs (placeholders, locking). Read from the client itself so that code
// handed only a `tx` needs no extra parameter threaded through every signature.
export type ProviderName = 'sqlite' | 'postgresql';

export function providerOf(client: object): ProviderName {
  // The generated client records its datasource provider; there is no public accessor for it.
  const active = (client as { _activeProvider?: unknown })._activeProvider;
  if (active === 'sqlite' || active === 'postgresql') return active;
  throw new Error(`unsupported database provider: ${String(active)}`);
}
