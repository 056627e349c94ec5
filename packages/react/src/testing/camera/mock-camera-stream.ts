import { toCanvas } from 'bwip-js/browser';

/** A label shown to the mock camera (a bwip-js symbology and its text), or a blank page. */
export interface MockLabel {
  bcid?: string;
  text?: string;
}

/**
 * A camera without a camera, for stories: a canvas showing each label in turn (`seconds` each,
 * looping), captured as a MediaStream. The drawing stops when the stream's track is stopped.
 */
export function mockCameraStream(labels: MockLabel[], seconds = 3): Promise<MediaStream> {
  const screen = document.createElement('canvas');
  screen.width = 640;
  screen.height = 480;
  const context = screen.getContext('2d')!;
  const symbols = labels.map((label) => {
    if (!label.bcid || !label.text) return null;
    const symbol = document.createElement('canvas');
    toCanvas(symbol, { bcid: label.bcid, text: label.text, scale: 3, height: 18, includetext: true });
    return symbol;
  });
  const stream = screen.captureStream(10);
  const [track] = stream.getVideoTracks();
  const started = performance.now();
  const draw = () => {
    if (track?.readyState === 'ended') return;
    const shown = symbols[Math.floor((performance.now() - started) / (seconds * 1000)) % symbols.length];
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, screen.width, screen.height);
    if (shown) context.drawImage(shown, (screen.width - shown.width) / 2, (screen.height - shown.height) / 2);
    setTimeout(draw, 100);
  };
  draw();
  return Promise.resolve(stream);
}
