/** Strings of the camera scanner (button and viewfinder). */
export interface CameraScannerMessages {
  /** The button that opens the viewfinder. */
  open: string;
  /** Title of the viewfinder dialog. */
  title: string;
  /** What to do, under the title. */
  hint: (continuous: boolean) => string;
  starting: string;
  /** The user or the browser refused the camera. */
  denied: string;
  /** No camera, or it could not start. */
  failed: string;
  scanning: string;
  /** Visual confirmation of a read code. */
  read: (code: string) => string;
  /** How many codes were read since the viewfinder opened. */
  readCount: (count: number) => string;
  torch: string;
  sound: string;
  close: string;
}

export const defaultCameraMessages: CameraScannerMessages = {
  open: 'Scan with camera',
  title: 'Camera scanner',
  hint: (continuous) =>
    continuous
      ? 'Hold each label in the frame; every code is read once. Close when done.'
      : 'Hold the label in the frame.',
  starting: 'Starting the camera…',
  denied: 'The camera is not allowed. Allow it in the browser, or type or scan with a scanner.',
  failed: 'The camera could not start. Type the number or use a scanner.',
  scanning: 'Looking for a barcode…',
  read: (code) => `Read ${code}`,
  readCount: (count) => (count === 1 ? '1 code read' : `${count} codes read`),
  torch: 'Torch',
  sound: 'Sound',
  close: 'Close',
};
