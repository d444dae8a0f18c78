import * as webAudio from 'node-web-audio-api';

/** The part of node-web-audio-api's `mediaDevices` used here (its typings leave it out). */
interface MediaDevicesLike {
  getUserMedia(constraints: { audio: boolean }): Promise<MediaStream>;
}
const mediaDevices = (webAudio as unknown as { mediaDevices?: MediaDevicesLike }).mediaDevices;

/** The platform's live audio input, opened; `stop` lets the device go. */
export interface LiveInput {
  readonly stream: MediaStream;
  stop(): void;
}

/**
 * Opens the default audio input (node-web-audio-api's getUserMedia). Where the platform offers
 * none (no sound card: the library rejects with "... DeviceNotAvailable"), the error says so in
 * words an engineer can act on.
 */
export async function openLiveInput(): Promise<LiveInput> {
  let stream: MediaStream;
  try {
    if (mediaDevices === undefined) throw new Error('this version of node-web-audio-api has no mediaDevices');
    stream = await mediaDevices.getUserMedia({ audio: true });
  } catch (e) {
    throw new Error(`no live audio input on this machine (${(e as Error).message}); use --source demo or a file`);
  }
  return {
    stream,
    stop: () => {
      for (const t of stream.getTracks()) t.stop();
    },
  };
}
