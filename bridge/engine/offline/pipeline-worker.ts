import { parentPort } from 'node:worker_threads';
import { runTail, type TailInit } from './tail.js';

/**
 * Entry of the fast offline render's second thread (offline/pipeline.ts starts it, tail-thread.ts
 * finds or builds the script and keeps the thread between renders): a TailInit in, its TailResult
 * out, render after render, until the head's side ends the thread.
 */
parentPort?.on('message', (init: TailInit) => {
  parentPort?.postMessage(runTail(init));
});
