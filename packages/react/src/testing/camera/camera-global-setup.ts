import { rm } from 'node:fs/promises';
import { writeFakeCameraVideo } from './fake-camera-video';
import { CAMERA_SEGMENTS } from './camera-script';

// The fake camera's file must exist before Chromium starts: written once per run, removed after.
export default async function setup() {
  const file = process.env.SG_FAKE_CAMERA_FILE;
  if (!file) throw new Error('SG_FAKE_CAMERA_FILE is not set (see vitest.config.ts)');
  await writeFakeCameraVideo(file, CAMERA_SEGMENTS);
  return () => rm(file, { force: true });
}
