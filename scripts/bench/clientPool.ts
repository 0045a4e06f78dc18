import { BenchClient } from './benchClient.js';

/** Connects to every URL (in order, `concurrency` handshakes at a time); all or nothing. */
export async function connectAll(urls: readonly string[], concurrency = 32): Promise<BenchClient[]> {
  const clients: BenchClient[] = new Array(urls.length);
  let next = 0;
  let failure: Error | null = null;
  const worker = async () => {
    while (next < urls.length && !failure) {
      const index = next++;
      try {
        clients[index] = await BenchClient.connect(urls[index]!);
      } catch (err) {
        failure ??= new Error(`connection ${index + 1} of ${urls.length} failed: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  if (failure) {
    await closeAll(clients.filter(Boolean));
    throw failure;
  }
  return clients;
}

export async function closeAll(clients: readonly BenchClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.close()));
}

/** Runs `action` for every item once per period, each item at its own random phase. */
export function repeatForEach<T>(items: readonly T[], periodMs: number, action: (item: T) => void): { stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  for (const item of items) {
    timers.push(setTimeout(() => {
      action(item);
      timers.push(setInterval(() => action(item), periodMs));
    }, Math.random() * periodMs));
  }
  return { stop: () => { for (const timer of timers) clearTimeout(timer); } };
}

export function pickRandom<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/** Consecutive groups of `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
