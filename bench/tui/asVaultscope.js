/**
 * Running the TUI as `vaultscope` runs: V8's `--single-threaded-gc` (apps/tui/src/ownThreadGc.ts), for the built
 * binary started in tmux (`nodeCommand`) and for the benchmarks that run the app in their own process
 * (`runAsVaultscope`: started again with the flag when they were not; `npm run bench` passes it).
 */
const dist = new URL('../../apps/tui/dist/', import.meta.url);
const { OWN_THREAD_GC_FLAG, hasOwnThreadGc, relaunchWithOwnThreadGc } = await import(new URL('ownThreadGc.js', dist).href);

/** `node` with the flag, to start the built binary with (the pane's process is then the app itself). */
export const nodeCommand = `${process.execPath} ${OWN_THREAD_GC_FLAG}`;

/** Whether this process runs as `vaultscope` does. */
export const ownThreadGc = hasOwnThreadGc();

/** Starts this benchmark again with the flag, unless it has it; resolves only when it has. */
export async function runAsVaultscope() {
  if (!ownThreadGc) await relaunchWithOwnThreadGc();
}
