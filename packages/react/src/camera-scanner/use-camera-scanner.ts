import { useCallback, useEffect, useRef, useState } from 'react';
import { beep } from './beep';
import { createBarcodeReader, type BarcodeReader } from './barcode-reader';
import { createReadFilter } from './read-filter';
import { SCAN_FORMATS, type ScanFormat } from './scan-formats';

/** How the camera scans; every field optional. */
export interface CameraScannerSettings {
  /** Keep reading after a code (receiving many units); false closes after the first read. Default: true. */
  continuous?: boolean;
  /** Milliseconds a code must be out of sight before it is read again. Default: 1500. */
  cooldownMs?: number;
  /** Symbologies to read. Default: Code 128, DataMatrix, QR, EAN-13, EAN-8, UPC-A, UPC-E. */
  formats?: readonly ScanFormat[];
  /** Start without the confirmation beep. Default: false. */
  muted?: boolean;
  /** Where frames come from. Default: the rear camera through getUserMedia. Stories pass a mock stream. */
  getStream?: () => Promise<MediaStream>;
  /** Use the browser's BarcodeDetector when it reads every format. Default: true (false forces the wasm). */
  preferNative?: boolean;
}

/** Options of useCameraScanner. */
export interface UseCameraScannerOptions extends CameraScannerSettings {
  /** Called once per read code, in the order read. */
  onRead: (code: string, format: string) => void;
}

/** starting: asking for the camera; scanning: frames are being read; denied/failed: no camera. */
export type CameraScannerStatus = 'starting' | 'scanning' | 'denied' | 'failed';

/** What useCameraScanner gives a viewfinder. */
export interface CameraScannerState {
  /** Attach to the <video> that shows the camera (a callback ref: the camera opens once it is rendered). */
  videoRef: (video: HTMLVideoElement | null) => void;
  status: CameraScannerStatus;
  /** The last code read (seq grows with each read, for a fresh confirmation). */
  lastRead: { code: string; format: string; seq: number } | undefined;
  /** Codes read since the camera opened. */
  reads: number;
  /** 'native' or 'wasm' once known. */
  reader: BarcodeReader['kind'] | undefined;
  /** Torch (flash light), where the camera's track supports it. */
  torch: { supported: boolean; on: boolean; toggle: () => void };
  muted: boolean;
  setMuted: (muted: boolean) => void;
}

/** Pause between two detections: ~10 reads a second keeps a handheld terminal's CPU free. */
const FRAME_GAP_MS = 80;

const defaultStream = () =>
  navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
  });

/**
 * Opens the camera while mounted, reads barcodes from its frames and hands each new code to
 * `onRead` (a label held in view is read once; see createReadFilter). The stream's tracks are
 * stopped on unmount. Headless: render the video and the controls as you like.
 */
export function useCameraScanner(options: UseCameraScannerOptions): CameraScannerState {
  const { continuous = true, cooldownMs = 1500, formats = SCAN_FORMATS, preferNative = true } = options;
  const [status, setStatus] = useState<CameraScannerStatus>('starting');
  const [lastRead, setLastRead] = useState<CameraScannerState['lastRead']>();
  const [reader, setReader] = useState<BarcodeReader['kind']>();
  const [torchSupported, setTorchSupported] = useState(false);
  const [torchOn, setTorchOn] = useState(false);
  const [muted, setMuted] = useState(options.muted ?? false);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const track = useRef<MediaStreamTrack | undefined>(undefined);
  // The latest callbacks and flags without restarting the camera.
  const latest = useRef({ onRead: options.onRead, muted, getStream: options.getStream });
  useEffect(() => {
    latest.current = { onRead: options.onRead, muted, getStream: options.getStream };
  });
  const formatKey = formats.join(',');

  useEffect(() => {
    if (!video) return;
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const filter = createReadFilter(cooldownMs);
    let seq = 0;

    const loop = async (barcodes: BarcodeReader) => {
      if (stopped) return;
      if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
        const found = await barcodes.detect(video).catch(() => []);
        if (stopped) return;
        const fresh = new Set(
          filter.frame(found.map((code) => code.rawValue).filter(Boolean), performance.now()),
        );
        for (const { rawValue, format } of found) {
          if (!fresh.delete(rawValue)) continue;
          seq += 1;
          setLastRead({ code: rawValue, format, seq });
          if (!latest.current.muted) beep();
          latest.current.onRead(rawValue, format);
          if (!continuous) return;
        }
      }
      timer = setTimeout(() => void loop(barcodes), FRAME_GAP_MS);
    };

    const start = async () => {
      try {
        const opened = await (latest.current.getStream ?? defaultStream)();
        if (stopped) return stopTracks(opened);
        stream = opened;
        const [videoTrack] = opened.getVideoTracks();
        track.current = videoTrack;
        const capabilities = videoTrack?.getCapabilities?.() as { torch?: boolean } | undefined;
        setTorchSupported(Boolean(capabilities?.torch));
        await showStream(video, opened);
        const barcodes = await createBarcodeReader(formatKey.split(',') as ScanFormat[], preferNative);
        if (stopped) return;
        setReader(barcodes.kind);
        setStatus('scanning');
        void loop(barcodes);
      } catch (error) {
        if (stopped) return;
        const name = (error as { name?: string } | null)?.name;
        setStatus(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'failed');
      }
    };
    void start();

    return () => {
      stopped = true;
      clearTimeout(timer);
      if (stream) stopTracks(stream);
      track.current = undefined;
      showStream(video, null);
    };
  }, [video, continuous, cooldownMs, formatKey, preferNative]);

  const toggleTorch = useCallback(() => {
    const current = track.current;
    if (!current) return;
    const next = !torchOn;
    // `torch` is an image-capture constraint the DOM typings do not list yet.
    current
      .applyConstraints({ advanced: [{ torch: next } as MediaTrackConstraintSet] })
      .then(() => setTorchOn(next))
      .catch(() => setTorchSupported(false));
  }, [torchOn]);

  return {
    videoRef: setVideo,
    status,
    lastRead,
    reads: lastRead?.seq ?? 0,
    reader,
    torch: { supported: torchSupported, on: torchOn, toggle: toggleTorch },
    muted,
    setMuted,
  };
}

/** Shows a stream (or nothing) in the viewfinder's video, silently and inline (iOS). */
async function showStream(video: HTMLVideoElement, stream: MediaStream | null): Promise<void> {
  video.srcObject = stream;
  if (!stream) return;
  video.muted = true;
  video.playsInline = true;
  await video.play().catch(() => undefined);
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
